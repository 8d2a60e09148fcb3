//! Statement structure shared by every language: where statements start, which ones print,
//! branch, loop or leave. Where a block ends is `blocks.rs`'s, from each language's grammar.

use super::scan::{Tok, Token};

/// How a print statement joins its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintForm {
    /// Operands joined by the language's concatenation operators.
    Plain,
    /// Comma-separated arguments printed with a space between them (`fmt.Println`, Python).
    Spaced,
    /// A `printf`-style format string first (`printf`, `wprintf`, `NSLog`, `fmt.Printf`).
    Format,
}

/// Token sequences (compared without case) that start a print statement.
const PRINTS: &[(&[&str], PrintForm)] = &[
    (&["system", ".", "out", ".", "println"], PrintForm::Plain),
    (&["system", ".", "out", ".", "print"], PrintForm::Plain),
    (&["console", ".", "log"], PrintForm::Spaced),
    (&["console", ".", "writeline"], PrintForm::Plain),
    (&["console", ".", "write"], PrintForm::Plain),
    (&["debug", ".", "writeline"], PrintForm::Plain),
    (&["debug", ".", "print"], PrintForm::Plain),
    (&["debug", ".", "write"], PrintForm::Plain),
    (&["trace", ".", "writeline"], PrintForm::Plain),
    (&["fmt", ".", "println"], PrintForm::Spaced),
    (&["fmt", ".", "printf"], PrintForm::Format),
    (&["fmt", ".", "print"], PrintForm::Plain),
    (&["std", "::", "cout", "<"], PrintForm::Plain),
    (&["std", "::", "wcout", "<"], PrintForm::Plain),
    (&["cout", "<"], PrintForm::Plain),
    (&["wcout", "<"], PrintForm::Plain),
    (&["write", "-", "host"], PrintForm::Spaced),
    (&["write", "-", "output"], PrintForm::Spaced),
    (&["write", "-", "debug"], PrintForm::Plain),
    (&["response", ".", "write"], PrintForm::Plain),
    (&["wscript", ".", "echo"], PrintForm::Plain),
    (&["outfile", ".", "writeline"], PrintForm::Plain),
    (&["system", ".", "debuglog"], PrintForm::Plain),
    (&["memo1", ".", "lines", ".", "add"], PrintForm::Plain),
    (&["printf"], PrintForm::Format),
    (&["wprintf"], PrintForm::Format),
    (&["nslog"], PrintForm::Format),
    (&["println"], PrintForm::Plain),
    (&["print"], PrintForm::Plain),
    (&["puts"], PrintForm::Plain),
    (&["echo"], PrintForm::Plain),
    (&["say"], PrintForm::Plain),
    (&["consolewrite"], PrintForm::Plain),
    (&["showln"], PrintForm::Plain),
    (&["show"], PrintForm::Plain),
    (&["debug"], PrintForm::Plain),
    (&["writeln"], PrintForm::Plain),
    (&["?"], PrintForm::Plain),
    // PowerShell: a bare `$( … )` writes its value.
    (&["$", "("], PrintForm::Plain),
];

/// Words that leave the program or the procedure.
const EXITS: &[&str] = &[
    "return",
    "exit",
    "procedurereturn",
    "procedure_return",
    "die",
    "quit",
    "abort",
    "cancel",
];

/// Words that open a loop.
const LOOPS: &[&str] = &["while", "for", "foreach", "do"];

fn word(t: Option<&Token>) -> Option<String> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(w) | Tok::Punct(w)) => Some(w.to_ascii_lowercase()),
        _ => None,
    }
}

/// The print statement starting at `s`: where its operands start and how they are joined.
pub fn print_at(toks: &[Token], s: usize, profile_id: &str) -> Option<(usize, PrintForm)> {
    let python = profile_id == "python";
    let xbase = matches!(profile_id, "foxpro" | "lianja");
    for (seq, form) in PRINTS {
        let hit = seq
            .iter()
            .enumerate()
            .all(|(k, w)| word(toks.get(s + k)).as_deref() == Some(*w));
        if !hit || (seq == &["?"] && !xbase) {
            continue;
        }
        let mut start = s + seq.len();
        // `<<` scans as two `<`.
        if seq.last() == Some(&"<") && word(toks.get(start)).as_deref() == Some("<") {
            start += 1;
        }
        // A bare word that is really a variable or a call on it (`debug = 1`, `show.x`).
        if seq.len() == 1
            && seq[0] != "?"
            && matches!(
                word(toks.get(start)).as_deref(),
                Some("=" | ":=" | "." | "->")
            )
        {
            return None;
        }
        let form = if python && *form == PrintForm::Plain {
            PrintForm::Spaced
        } else {
            *form
        };
        if seq == &["$", "("] {
            return Some((start - 1, form));
        }
        return Some((start, form));
    }
    None
}

/// True when the statement at `s` leaves the procedure (`return`, `Exit Sub`, `sys.exit()`).
pub fn is_exit(toks: &[Token], s: usize) -> bool {
    let first = word(toks.get(s));
    let Some(first) = first else { return false };
    if EXITS.contains(&first.as_str()) {
        return true;
    }
    // `sys.exit()`, `os.Exit(1)`, `WScript.Quit`
    matches!(first.as_str(), "sys" | "os" | "wscript")
        && word(toks.get(s + 1)).as_deref() == Some(".")
        && matches!(word(toks.get(s + 2)).as_deref(), Some("exit" | "quit"))
}

/// True when the statement at `s` is an `if`.
pub fn is_if(toks: &[Token], s: usize) -> bool {
    word(toks.get(s)).as_deref() == Some("if")
}

/// True when the statement at `s` opens a loop.
pub fn is_loop(toks: &[Token], s: usize) -> bool {
    word(toks.get(s)).is_some_and(|w| LOOPS.contains(&w.as_str()))
}

/// The end (exclusive) of the statement starting at `s`: the end of its line, or a `;`, `{` or
/// `}` outside brackets.
pub fn statement_end(toks: &[Token], s: usize) -> usize {
    let mut depth = 0i32;
    let mut j = s;
    while let Some(t) = toks.get(j) {
        match &t.tok {
            Tok::Newline => break,
            Tok::Punct(p) if p == "(" || p == "[" => depth += 1,
            Tok::Punct(p) if p == ")" || p == "]" => depth -= 1,
            Tok::Punct(p) if matches!(p.as_str(), ";" | "{" | "}") && depth <= 0 => break,
            _ => {}
        }
        j += 1;
    }
    j
}

/// True when token `i` starts a statement.
pub fn starts_statement(toks: &[Token], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    match &toks[i - 1].tok {
        Tok::Newline => true,
        Tok::Punct(p) => p == ";" || p == "{" || p == "}",
        Tok::Ident(w) => w.eq_ignore_ascii_case("then") || w.eq_ignore_ascii_case("begin"),
        _ => false,
    }
}
