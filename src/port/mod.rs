//! `pooler port`: Chilkat programs (CkRest + CkAuthAws + CkJsonObject, in any of Chilkat's
//! languages) to pooler scripts. Scanning, extraction and emission; no Rhai is needed here.

pub mod args;
pub mod blocks;
pub mod command;
pub mod detect;
pub mod emit_chilkat;
mod emit_common;
pub mod emit_idiomatic;
pub mod expr;
pub mod extract;
mod extract_stmt;
pub mod interp;
pub mod lang;
mod lenient;
pub mod names;
pub mod reads;
pub mod request;
pub mod scan;
pub mod script_names;
pub mod stmt;

use extract::Review;
use lang::Profile;

/// The two output styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Idiomatic,
    Chilkat,
}

/// A finished port.
#[derive(Debug)]
pub struct Ported {
    pub script: String,
    pub lang: &'static Profile,
    pub operation: String,
    pub region: Option<String>,
    /// What could not be translated, with its line (kept in the script as comments).
    pub reviews: Vec<Review>,
    /// Things the user should know (a real-looking key that was dropped).
    pub warnings: Vec<String>,
}

/// Why a program could not be ported.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PortError {
    #[error("unknown language `{0}` (one of: {ids})", ids = lang::ids())]
    UnknownLang(String),
    #[error(
        "cannot tell which language `{0}` is in; name it with --lang (one of: {ids})",
        ids = lang::ids()
    )]
    Undetected(String),
    #[error(
        "`{0}` sets no `X-Amz-Target` header, so the Cognito operation is unknown; is it a CkRest program?"
    )]
    NoOperation(String),
}

/// What both emitters put at the top.
pub struct Header {
    pub file: String,
    pub lang: &'static str,
    pub operation: String,
    /// The snake_case method, when the operation is in the model.
    pub snake: Option<String>,
    pub region: Option<String>,
    pub reviews: Vec<Review>,
    /// The request has members the model does not know: sent through a lenient client.
    pub lenient: Option<lenient::Leniency>,
}

impl Header {
    fn comment_block(&self) -> String {
        format!(
            "// Ported by `pooler port` from {} ({}): {}.\n// Credentials come from the standard AWS chain (environment, profiles, SSO, instance roles).\n\n",
            self.file, self.lang, self.operation
        )
    }

    /// The comment on unknown members (empty when there are none), and the client that sends:
    /// `cognito`, or a lenient one.
    fn client(&self) -> (&str, &str) {
        match &self.lenient {
            Some(l) => (l.comment.as_str(), lenient::CLIENT),
            None => ("", "cognito"),
        }
    }

    fn review_block(&self) -> String {
        let mut out = String::new();
        for r in &self.reviews {
            out.push_str(&format!("// REVIEW {}: {}\n", line_label(r.line), r.text));
        }
        if !self.reviews.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// `line 12`, or `line ?` when unknown.
pub fn line_label(line: usize) -> String {
    if line == 0 {
        "line ?".to_string()
    } else {
        format!("line {line}")
    }
}

/// True when the program sends its request (`FullRequestSb`, `FullRequestString`).
pub fn sends(program: &extract::Program) -> bool {
    program
        .events
        .iter()
        .any(|e| matches!(e, extract::Event::Send { .. }))
}

/// What the port would add that the program does not contain, each as a review item (so
/// `--strict` refuses it): a program that ends before sending (the port builds the request
/// and sends nothing), and, in the Chilkat style, a response load the program never makes.
fn added_by_the_port(
    program: &extract::Program,
    toks: &[scan::Token],
    style: Style,
) -> Vec<Review> {
    let last = toks.last().map_or(0, |t| t.line);
    if !sends(program) {
        return vec![Review {
            line: last,
            text: "the program ends before it sends its request (no FullRequestSb or FullRequestString): the port builds the request and sends nothing".into(),
        }];
    }
    let loads = toks.iter().any(|t| {
        // `LoadSb`, `CkJsonObject_LoadSb`, T-SQL's `sp_OAMethod @json, 'LoadSb'`.
        matches!(&t.tok, scan::Tok::Ident(n) | scan::Tok::Str(n)
            if matches!(names::method(n), Some(names::Method::Load | names::Method::LoadSb)))
    });
    if style == Style::Chilkat && !loads {
        return vec![Review {
            line: last,
            text: "the program ends before it reads the answer: the port's `LoadSb` of the response is not in it".into(),
        }];
    }
    Vec::new()
}

/// Ports `text` (read from `file`) in `style`; `lang` overrides detection.
pub fn port(text: &str, file: &str, lang: Option<&str>, style: Style) -> Result<Ported, PortError> {
    let profile = detect::detect(lang, file, text).map_err(|e| match e {
        detect::DetectError::UnknownName(n) => PortError::UnknownLang(n),
        detect::DetectError::Undetected => PortError::Undetected(file.to_string()),
    })?;
    let (tokens, lost_breaks) = scan::scan_layout(text, profile);
    let program = extract::extract(text, &tokens, profile, lost_breaks);
    let operation = program
        .operation
        .clone()
        .ok_or_else(|| PortError::NoOperation(file.to_string()))?;
    let region = program.region.clone().or(program.host_region.clone());
    let (body, build_reviews) = request::build(&program);
    let mut reviews = program.reviews.clone();
    reviews.extend(build_reviews);
    reviews.extend(added_by_the_port(&program, &tokens, style));
    reviews.sort_by_key(|r| r.line);
    let snake = crate::model::Model::embedded()
        .operation(&operation)
        .map(|op| op.snake_name.to_string());
    let header = Header {
        file: std::path::Path::new(file)
            .file_name()
            .map_or_else(|| file.to_string(), |f| f.to_string_lossy().into_owned()),
        lang: profile.name,
        operation: operation.clone(),
        snake,
        region: region.clone(),
        reviews: reviews.clone(),
        lenient: lenient::needed(&operation, &body),
    };
    let script = match style {
        Style::Idiomatic => emit_idiomatic::emit(&program, &header, &body),
        Style::Chilkat => emit_chilkat::emit(&program, &header),
    };
    Ok(Ported {
        script,
        lang: profile,
        operation,
        region,
        reviews,
        warnings: program.warnings,
    })
}
