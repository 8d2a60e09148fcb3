//! The table of language profiles: each Chilkat language's names, string, comment, boolean
//! and line-continuation rules, as the scanner needs them.

/// How a quote character is escaped inside a string literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// `\"`, `\n`, … (C-likes); also `\@`, `\$`, `\[` (Perl, Tcl)
    Backslash,
    /// The quote written twice: `""` (VB), `''` (SQL, Delphi)
    Doubled,
    /// No escapes at all: the string ends at the next quote (FoxPro, PureBasic)
    None,
    /// PowerShell: backtick escapes, and the quote written twice
    Backtick,
    /// PowerBuilder: `~"`
    Tilde,
}

/// How a language delimits the body of an `if` or a loop: what the scanner relies on to know
/// where code sits. Only Python's is layout; every other is read from tokens, so a program
/// ports the same with or without its indentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    /// `{ … }` after the header, nesting; without a brace, the one statement up to `;`
    /// (C, C++, C#, Java, JavaScript, PHP, Perl, Go, Swift, Objective-C; Tcl's multi-line
    /// braced words; PowerShell's script blocks).
    Braces,
    /// Closing words: `End If`, `Next`, `Wend`, `Loop`, `End While`, `EndIf`, `Until`,
    /// `EndSelect`, … A VB/AutoIt `If … Then` with code after `Then` on its line is one line.
    Basic,
    /// xBase: `if`/`endif`, `do while`/`enddo`, `for`/`endfor`|`next`, `do case`/`endcase`,
    /// `scan`/`endscan` (Lianja, Visual FoxPro); statements need no line breaks.
    Xbase,
    /// `begin … end` after the header, nesting with `case`/`try`; without `begin`, the one
    /// statement (Delphi, T-SQL, DataFlex — whose `While` ends at `Loop`).
    BeginEnd,
    /// Ruby: `if`/`unless`/`while`/`until`/`for`/`case`/`begin`/`def` and `do` blocks, all
    /// closed by `end` (an `if` after code on its line is a modifier, no block).
    EndWord,
    /// Python: the body is the lines indented deeper than the header (the language's own rule).
    Indent,
}

/// One kind of string literal: its opening and closing characters and escape rule.
#[derive(Debug, Clone, Copy)]
pub struct StrRule {
    pub open: char,
    pub close: char,
    pub escape: Escape,
}

const fn s(open: char, close: char, escape: Escape) -> StrRule {
    StrRule {
        open,
        close,
        escape,
    }
}

/// One language's lexical rules.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// The name accepted by `--lang` (lowercase, no spaces).
    pub id: &'static str,
    /// The name as people write it.
    pub name: &'static str,
    /// File extensions (lowercase, no dot).
    pub exts: &'static [&'static str],
    pub strings: &'static [StrRule],
    /// Characters that may prefix a string literal and are not part of it (`L"…"`, `@"…"`, `N'…'`).
    pub string_prefixes: &'static [char],
    /// Markers that start a comment running to the end of the line.
    pub line_comments: &'static [&'static str],
    /// Markers that start a comment only at the start of a line (FoxPro `*`, Tcl `#`).
    pub line_start_comments: &'static [&'static str],
    pub block_comments: &'static [(&'static str, &'static str)],
    /// Words (compared without case when `case_insensitive`) that mean true / false.
    pub trues: &'static [&'static str],
    pub falses: &'static [&'static str],
    /// What, at the end of a line, joins it to the next.
    pub continuation: Option<&'static str>,
    pub case_insensitive: bool,
    /// How blocks are delimited; see [`Grammar`].
    pub blocks: Grammar,
    /// The quoting rules understood, and where each one is defined.
    pub quoting: &'static str,
}

use Escape::{Backslash, Backtick, Doubled, None as Plain, Tilde};

const C_STR: &[StrRule] = &[s('"', '"', Backslash), s('\'', '\'', Backslash)];
const JS_STR: &[StrRule] = &[
    s('"', '"', Backslash),
    s('\'', '\'', Backslash),
    s('`', '`', Backslash),
];
const C_COMMENTS: &[(&str, &str)] = &[("/*", "*/")];
const TF: &[&str] = &["true"];
const FF: &[&str] = &["false"];

const fn c_like(
    id: &'static str,
    name: &'static str,
    exts: &'static [&'static str],
    trues: &'static [&'static str],
    falses: &'static [&'static str],
    prefixes: &'static [char],
    quoting: &'static str,
) -> Profile {
    Profile {
        id,
        name,
        exts,
        strings: C_STR,
        string_prefixes: prefixes,
        line_comments: &["//"],
        line_start_comments: &[],
        block_comments: C_COMMENTS,
        trues,
        falses,
        continuation: None,
        case_insensitive: false,
        blocks: Grammar::Braces,
        quoting,
    }
}

const VB_STR: &[StrRule] = &[s('"', '"', Doubled)];

const fn vb_like(
    id: &'static str,
    name: &'static str,
    exts: &'static [&'static str],
    quoting: &'static str,
) -> Profile {
    Profile {
        id,
        name,
        exts,
        strings: VB_STR,
        string_prefixes: &[],
        line_comments: &["'", "rem "],
        line_start_comments: &[],
        block_comments: &[],
        trues: &["true"],
        falses: &["false"],
        continuation: Some("_"),
        case_insensitive: true,
        blocks: Grammar::Basic,
        quoting,
    }
}

impl Profile {
    /// True when statements are told apart by line breaks: everything but xBase and the
    /// brace languages that end statements with `;` (Go, Swift, PowerShell and Tcl end them
    /// with the line).
    pub fn needs_line_breaks(&self) -> bool {
        match self.blocks {
            Grammar::Xbase => false,
            Grammar::Braces => matches!(self.id, "go" | "swift" | "powershell" | "tcl"),
            _ => true,
        }
    }
}

/// Every language in Chilkat's list.
pub const PROFILES: &[Profile] = &[
    Profile {
        id: "lianja",
        name: "Lianja",
        exts: &["lianja"],
        strings: &[s('"', '"', Plain), s('\'', '\'', Plain), s('[', ']', Plain)],
        string_prefixes: &[],
        line_comments: &["//", "&&"],
        line_start_comments: &["*", "note "],
        block_comments: &[],
        trues: &[".t."],
        falses: &[".f."],
        continuation: Some(";"),
        case_insensitive: true,
        blocks: Grammar::Xbase,
        quoting: r#""…", '…' and […] with no escapes (a quote cannot appear inside its own delimiters) — Lianja/VFP string delimiters, Visual FoxPro Help "String Delimiters""#,
    },
    Profile {
        id: "foxpro",
        name: "Visual FoxPro",
        exts: &["prg"],
        strings: &[s('"', '"', Plain), s('\'', '\'', Plain), s('[', ']', Plain)],
        string_prefixes: &[],
        line_comments: &["&&"],
        line_start_comments: &["*", "note "],
        block_comments: &[],
        trues: &[".t."],
        falses: &[".f."],
        continuation: Some(";"),
        case_insensitive: true,
        blocks: Grammar::Xbase,
        quoting: r#""…", '…' and […] with no escapes — Visual FoxPro Help "String Delimiters"; .T./.F. logicals"#,
    },
    c_like(
        "csharp",
        "C#",
        &["cs"],
        TF,
        FF,
        &['@'],
        r#""…" with \ escapes, @"…" verbatim with "" for a quote — C# spec §6.4.5.6 "String literals""#,
    ),
    vb_like(
        "vbnet",
        "VB.NET",
        &["vb"],
        r#""…" with "" for a quote, no backslash escapes — VB.NET Language Reference "String Data Type""#,
    ),
    vb_like(
        "vb6",
        "Visual Basic 6.0",
        &["bas", "frm", "cls"],
        r#""…" with "" for a quote — VB6 Language Reference "String Data Type""#,
    ),
    vb_like(
        "vbscript",
        "VBScript / Classic ASP",
        &["vbs", "asp"],
        r#""…" with "" for a quote — VBScript Language Reference "String constants""#,
    ),
    Profile {
        id: "python",
        name: "Python (CkPython, Chilkat2-Python)",
        exts: &["py"],
        strings: &[s('"', '"', Backslash), s('\'', '\'', Backslash)],
        string_prefixes: &['r', 'u', 'b'],
        line_comments: &["#"],
        line_start_comments: &[],
        block_comments: &[],
        trues: &["True"],
        falses: &["False"],
        continuation: Some("\\"),
        case_insensitive: false,
        blocks: Grammar::Indent,
        quoting: r#""…" and '…' with \ escapes, r/u/b prefixes — Python Language Reference §2.4.1 "String and Bytes literals""#,
    },
    Profile {
        strings: JS_STR,
        ..c_like(
            "nodejs",
            "Node.js",
            &["js", "mjs", "cjs"],
            TF,
            FF,
            &[],
            r#""…", '…' with \ escapes; `…` template literals with ${…} — ECMAScript §12.9.4 "String Literals", §13.2.8 "Template Literals""#,
        )
    },
    c_like(
        "java",
        "Java",
        &["java"],
        TF,
        FF,
        &[],
        r#""…" with \ escapes — JLS §3.10.5 "String Literals""#,
    ),
    Profile {
        id: "php",
        name: "PHP (extension, ActiveX)",
        exts: &["php"],
        strings: C_STR,
        string_prefixes: &[],
        line_comments: &["//", "#"],
        line_start_comments: &[],
        block_comments: C_COMMENTS,
        trues: &["true"],
        falses: &["false"],
        continuation: None,
        case_insensitive: true,
        blocks: Grammar::Braces,
        quoting: r#""…" with \ escapes and $x/{$x} interpolation; '…' with only \' and \\ — PHP Manual "Strings""#,
    },
    Profile {
        id: "ruby",
        name: "Ruby",
        exts: &["rb"],
        strings: C_STR,
        string_prefixes: &[],
        line_comments: &["#"],
        line_start_comments: &[],
        block_comments: &[("=begin", "=end")],
        trues: TF,
        falses: FF,
        continuation: Some("\\"),
        case_insensitive: false,
        blocks: Grammar::EndWord,
        quoting: r#""…" with \ escapes and #{…}; '…' literal — Ruby docs "Literals: Strings""#,
    },
    Profile {
        id: "perl",
        name: "Perl",
        exts: &["pl", "pm"],
        strings: C_STR,
        string_prefixes: &[],
        line_comments: &["#"],
        line_start_comments: &[],
        block_comments: &[],
        trues: &[],
        falses: &[],
        continuation: None,
        case_insensitive: false,
        blocks: Grammar::Braces,
        quoting: r#""…" with \ escapes and $x interpolation; '…' literal — perlop "Quote and Quote-like Operators""#,
    },
    Profile {
        id: "powershell",
        name: "PowerShell",
        exts: &["ps1", "psm1"],
        strings: &[s('"', '"', Backtick), s('\'', '\'', Doubled)],
        string_prefixes: &[],
        line_comments: &["#"],
        line_start_comments: &[],
        block_comments: &[("<#", "#>")],
        trues: &["$true"],
        falses: &["$false"],
        continuation: Some("`"),
        case_insensitive: true,
        blocks: Grammar::Braces,
        quoting: r#""…" with backtick escapes, "" for a quote, $x/$(…) interpolation; '…' literal with '' — about_Quoting_Rules, about_Special_Characters"#,
    },
    Profile {
        id: "go",
        name: "Go",
        exts: &["go"],
        strings: &[s('"', '"', Backslash), s('`', '`', Plain)],
        string_prefixes: &[],
        line_comments: &["//"],
        line_start_comments: &[],
        block_comments: C_COMMENTS,
        trues: TF,
        falses: FF,
        continuation: None,
        case_insensitive: false,
        blocks: Grammar::Braces,
        quoting: r#""…" with \ escapes; `…` raw — The Go Programming Language Specification "String literals""#,
    },
    c_like(
        "c",
        "C",
        &["c", "h"],
        &["TRUE", "true"],
        &["FALSE", "false"],
        &[],
        r#""…" with \ escapes — C11 §6.4.5 "String literals""#,
    ),
    c_like(
        "cpp",
        "C++",
        &["cpp", "cc", "cxx", "hpp"],
        TF,
        FF,
        &[],
        r#""…" with \ escapes — C++ [lex.string]"#,
    ),
    c_like(
        "unicode-c",
        "Unicode C",
        &[],
        &["TRUE", "true"],
        &["FALSE", "false"],
        &['L'],
        r#"L"…" with \ escapes — C11 §6.4.5 (wide string literals)"#,
    ),
    c_like(
        "unicode-cpp",
        "Unicode C++",
        &[],
        TF,
        FF,
        &['L'],
        r#"L"…" with \ escapes — C++ [lex.string] (wide string literals)"#,
    ),
    Profile {
        id: "delphi",
        name: "Delphi (ActiveX, DLL)",
        exts: &["pas", "dpr"],
        strings: &[s('\'', '\'', Doubled)],
        string_prefixes: &[],
        line_comments: &["//"],
        line_start_comments: &[],
        block_comments: &[("{", "}"), ("(*", "*)")],
        trues: &["true"],
        falses: &["false"],
        continuation: None,
        case_insensitive: true,
        blocks: Grammar::BeginEnd,
        quoting: r#"'…' with '' for a quote — Delphi Language Guide "Character Strings""#,
    },
    Profile {
        id: "tcl",
        name: "Tcl",
        exts: &["tcl"],
        strings: &[s('"', '"', Backslash)],
        string_prefixes: &[],
        line_comments: &[";#"],
        line_start_comments: &["#"],
        block_comments: &[],
        trues: &[],
        falses: &[],
        continuation: Some("\\"),
        case_insensitive: false,
        blocks: Grammar::Braces,
        quoting: r#""…" with \ escapes and $x/[cmd] substitution; {…} literal, braces nest — Tcl(n) "Dodekalogue" rules [4], [6], [9]"#,
    },
    Profile {
        id: "sql",
        name: "SQL Server (sp_OAMethod)",
        exts: &["sql"],
        strings: &[s('\'', '\'', Doubled)],
        string_prefixes: &['N'],
        line_comments: &["--"],
        line_start_comments: &[],
        block_comments: C_COMMENTS,
        trues: &[],
        falses: &[],
        continuation: None,
        case_insensitive: true,
        blocks: Grammar::BeginEnd,
        quoting: r#"'…' with '' for a quote, N'…' Unicode — T-SQL docs "Constants (Transact-SQL)""#,
    },
    Profile {
        id: "autoit",
        name: "AutoIt",
        exts: &["au3"],
        strings: &[s('"', '"', Doubled), s('\'', '\'', Doubled)],
        string_prefixes: &[],
        line_comments: &[";"],
        line_start_comments: &[],
        block_comments: &[],
        trues: &["true"],
        falses: &["false"],
        continuation: Some("_"),
        case_insensitive: true,
        blocks: Grammar::Basic,
        quoting: r#""…" and '…' with the quote doubled — AutoIt Help "Language Reference - Datatypes: Strings""#,
    },
    Profile {
        id: "purebasic",
        name: "PureBasic",
        exts: &["pb", "pbi"],
        strings: &[s('"', '"', Plain)],
        string_prefixes: &[],
        line_comments: &[";"],
        line_start_comments: &[],
        block_comments: &[],
        trues: &["#true"],
        falses: &["#false"],
        continuation: None,
        case_insensitive: true,
        blocks: Grammar::Basic,
        quoting: r#""…" with no escapes (~"…" escaped strings are not used by Chilkat's examples) — PureBasic Manual "Variables, Types and Operators""#,
    },
    Profile {
        id: "dataflex",
        name: "DataFlex",
        exts: &["src", "pkg", "vw"],
        strings: &[s('"', '"', Plain), s('\'', '\'', Plain)],
        string_prefixes: &[],
        line_comments: &["//"],
        line_start_comments: &[],
        block_comments: &[],
        trues: &["true"],
        falses: &["false"],
        continuation: Some(";"),
        case_insensitive: true,
        blocks: Grammar::BeginEnd,
        quoting: r#""…" and '…' with no escapes — DataFlex Language Guide "String Constants""#,
    },
    Profile {
        id: "powerbuilder",
        name: "PowerBuilder",
        exts: &["srw", "sru", "srf"],
        strings: &[s('"', '"', Tilde), s('\'', '\'', Tilde)],
        string_prefixes: &[],
        line_comments: &["//"],
        line_start_comments: &[],
        block_comments: C_COMMENTS,
        trues: &["true"],
        falses: &["false"],
        continuation: Some("&"),
        case_insensitive: true,
        blocks: Grammar::Basic,
        quoting: r#""…" and '…' with ~ escapes (~" ~n ~t) — PowerScript Reference "Special ASCII characters""#,
    },
    c_like(
        "objc",
        "Objective-C",
        &["m", "mm"],
        &["YES"],
        &["NO"],
        &['@'],
        r#"@"…" with \ escapes — Apple "String Programming Guide: Creating Strings""#,
    ),
    c_like(
        "swift",
        "Swift",
        &["swift"],
        TF,
        FF,
        &[],
        r#""…" with \ escapes and \(…) interpolation — The Swift Programming Language "Strings and Characters""#,
    ),
    Profile {
        id: "xojo",
        name: "Xojo",
        exts: &["xojo_code", "xojo"],
        strings: &[s('"', '"', Doubled)],
        string_prefixes: &[],
        line_comments: &["//", "'"],
        line_start_comments: &[],
        block_comments: &[],
        trues: &["true"],
        falses: &["false"],
        continuation: Some("_"),
        case_insensitive: true,
        blocks: Grammar::Basic,
        quoting: r#""…" with "" for a quote — Xojo docs "String literals""#,
    },
];

/// The profile whose id (or display name, or a common alias) is `name`.
pub fn by_name(name: &str) -> Option<&'static Profile> {
    let n = name.to_ascii_lowercase().replace([' ', '_'], "-");
    let alias = match n.as_str() {
        "vfp" | "visual-foxpro" | "visualfoxpro" => "foxpro",
        "c#" | "cs" => "csharp",
        "vb.net" => "vbnet",
        "vb" | "visual-basic" | "visual-basic-6.0" => "vb6",
        "asp" | "classic-asp" => "vbscript",
        "ckpython" | "chilkat2-python" | "py" => "python",
        "node" | "node.js" | "js" | "javascript" => "nodejs",
        "c++" => "cpp",
        "unicode-c++" => "unicode-cpp",
        "ps" | "ps1" => "powershell",
        "objective-c" => "objc",
        "tsql" | "sql-server" => "sql",
        other => other,
    };
    PROFILES.iter().find(|p| p.id == alias)
}

/// The ids of every profile, for messages.
pub fn ids() -> String {
    PROFILES.iter().map(|p| p.id).collect::<Vec<_>>().join(", ")
}
