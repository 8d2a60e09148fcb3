//! Which language a legacy program is in: the `--lang` name, else the file extension, else
//! telling marks in its text.

use super::lang::{self, Profile};

/// Marks in the text, most specific first, and the language each one means.
const MARKS: &[(&str, &str)] = &[
    ("sp_oamethod", "sql"),
    ("new_ckrest", "tcl"),
    ("new_ckjsonobject", "tcl"),
    ("ckjsonobject_updatestring $", "tcl"),
    ("ckrest_addheader $", "tcl"),
    ("as new chilkat.", "vbnet"),
    ("as new chilkatrest", "vb6"),
    ("as new chilkatjsonobject", "vb6"),
    ("createobject(\"ckrest\")", "lianja"),
    ("createobject('chilkat", "foxpro"),
    ("createobject(\"chilkat", "vbscript"),
    ("[[ckorest alloc]", "objc"),
    ("ckorest()", "swift"),
    ("ckjsonobjectw_", "unicode-c"),
    ("ckjsonobject_create", "c"),
    ("ckjsonobject::", "purebasic"),
    ("new-object chilkat", "powershell"),
    ("chilkat::ckrest.new", "ruby"),
    ("chilkat.newrest()", "go"),
    ("chilkat2.", "python"),
    ("import chilkat", "python"),
    ("new chilkat::ckrest", "perl"),
    ("$oRest = objcreate", "autoit"),
    ("require('@chilkat", "nodejs"),
    ("require(\"@chilkat", "nodejs"),
    ("new ckrest()", "php"),
    ("new chilkat.rest()", "csharp"),
    ("import com.chilkatsoft", "java"),
    ("ckrest rest;", "cpp"),
    ("new chilkat.rest", "vbnet"),
    ("trest.create", "delphi"),
    ("ckrest_create", "c"),
    ("get create (refclass(cComChilkatRest))", "dataflex"),
    ("oleobject", "powerbuilder"),
    ("new chilkat.rest", "xojo"),
    ("package require chilkat", "tcl"),
];

/// Why no language could be chosen.
#[derive(Debug, PartialEq, Eq)]
pub enum DetectError {
    UnknownName(String),
    Undetected,
}

/// The profile for `name` (when given), else from `file_name`'s extension, else from `text`.
pub fn detect(
    name: Option<&str>,
    file_name: &str,
    text: &str,
) -> Result<&'static Profile, DetectError> {
    if let Some(name) = name {
        return lang::by_name(name).ok_or_else(|| DetectError::UnknownName(name.to_string()));
    }
    let ext = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let by_ext = lang::PROFILES
        .iter()
        .find(|p| !ext.is_empty() && p.exts.contains(&ext.as_str()));
    let lower = text.to_ascii_lowercase();
    let by_text = MARKS
        .iter()
        .find(|(mark, _)| lower.contains(&mark.to_ascii_lowercase()))
        .and_then(|(_, id)| lang::by_name(id));
    // A `.prg` can be Lianja or FoxPro, and `.txt` anything: the text decides when it can.
    match (by_ext, by_text) {
        (Some(p), Some(t)) if p.id == "foxpro" && t.id == "lianja" => Ok(t),
        (Some(p), _) => Ok(p),
        (None, Some(t)) => Ok(t),
        (None, None) => Err(DetectError::Undetected),
    }
}
