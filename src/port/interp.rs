//! String interpolation, per language: which literals interpolate and how a value is marked
//! inside them. Sources: PHP manual "Strings / Variable parsing" (`$x`, `{$x}` in double
//! quotes), perlop "Quote and Quote-like Operators" (`$x`, `${x}` in double quotes),
//! PowerShell about_Quoting_Rules (`$x`, `${x}`, `$(…)` in double quotes; backtick escapes),
//! Tcl(n) rules [4]-[7] (`$x`, `${x}`, `[cmd]` in double quotes and bare words), Ruby
//! "Literals" (`#{…}` in double quotes), ECMAScript template literals (`${…}` in backquotes),
//! Swift "Strings and Characters" (`\(…)`).

use super::lang::Profile;

/// A piece of an interpolated literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    /// Source text of the interpolated expression (`$x`, `x.y`, `[cmd $a]`).
    Code(String),
}

/// How one language marks values inside a literal.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// `$name`, `${name}`, and `{$expr}` (PHP), `$(expr)` (PowerShell), `[cmd]` (Tcl).
    Dollar,
    /// `#{expr}`
    Hash,
    /// `${expr}`
    Template,
    /// `\(expr)`
    Paren,
}

fn style(profile: &Profile, quote: char) -> Option<Style> {
    match (profile.id, quote) {
        ("php" | "perl" | "powershell" | "tcl", '"') => Some(Style::Dollar),
        ("ruby", '"') => Some(Style::Hash),
        ("nodejs", '`') => Some(Style::Template),
        ("swift", '"') => Some(Style::Paren),
        _ => None,
    }
}

fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        other => other,
    }
}

/// The text up to the bracket that closes `open` (already consumed), nesting counted.
fn balanced(chars: &mut std::iter::Peekable<std::str::Chars>, open: char, close: char) -> String {
    let mut depth = 1;
    let mut out = String::new();
    for c in chars.by_ref() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                break;
            }
        }
        out.push(c);
    }
    out
}

/// Splits the raw literal `raw` (quotes included) into text and interpolated code; `None`
/// when this literal does not interpolate in `profile`'s language.
pub fn split(raw: &str, profile: &Profile) -> Option<Vec<Piece>> {
    let quote = raw.chars().next()?;
    let style = style(profile, quote)?;
    let body = raw.strip_prefix(quote)?;
    let body = body.strip_suffix(quote).unwrap_or(body);
    let escape = if profile.id == "powershell" {
        '`'
    } else {
        '\\'
    };
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = body.chars().peekable();
    let flush = |text: &mut String, out: &mut Vec<Piece>| {
        if !text.is_empty() {
            out.push(Piece::Text(std::mem::take(text)));
        }
    };
    while let Some(c) = chars.next() {
        if c == escape {
            if style == Style::Paren && chars.peek() == Some(&'(') {
                chars.next();
                flush(&mut text, &mut out);
                out.push(Piece::Code(balanced(&mut chars, '(', ')')));
                continue;
            }
            if let Some(n) = chars.next() {
                text.push(unescape(n));
            }
            continue;
        }
        if c == quote && chars.peek() == Some(&quote) {
            chars.next();
            text.push(quote);
            continue;
        }
        match (style, c, chars.peek().copied()) {
            (Style::Hash, '#', Some('{')) | (Style::Template, '$', Some('{')) => {
                chars.next();
                flush(&mut text, &mut out);
                out.push(Piece::Code(balanced(&mut chars, '{', '}')));
            }
            (Style::Dollar, '$', Some('{')) => {
                chars.next();
                flush(&mut text, &mut out);
                out.push(Piece::Code(format!("${}", balanced(&mut chars, '{', '}'))));
            }
            (Style::Dollar, '$', Some('(')) if profile.id == "powershell" => {
                chars.next();
                flush(&mut text, &mut out);
                out.push(Piece::Code(format!("({})", balanced(&mut chars, '(', ')'))));
            }
            (Style::Dollar, '{', Some('$')) if profile.id == "php" => {
                flush(&mut text, &mut out);
                out.push(Piece::Code(balanced(&mut chars, '{', '}')));
            }
            (Style::Dollar, '[', _) if profile.id == "tcl" => {
                flush(&mut text, &mut out);
                out.push(Piece::Code(format!("[{}]", balanced(&mut chars, '[', ']'))));
            }
            (Style::Dollar, '$', Some(n)) if n.is_alphabetic() || n == '_' => {
                flush(&mut text, &mut out);
                let mut name = String::from("$");
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(Piece::Code(name));
            }
            _ => text.push(c),
        }
    }
    flush(&mut text, &mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::port::lang::by_name;

    fn code(s: &str) -> Piece {
        Piece::Code(s.into())
    }
    fn text(s: &str) -> Piece {
        Piece::Text(s.into())
    }

    #[test]
    fn each_language_marks_values_its_own_way() {
        let php = by_name("php").unwrap();
        assert_eq!(
            split(r#""Id: $id {$x} \$5""#, php).unwrap(),
            vec![
                text("Id: "),
                code("$id"),
                text(" "),
                code("$x"),
                text(" $5")
            ]
        );
        assert_eq!(split("'Id: $id'", php), None);
        let ruby = by_name("ruby").unwrap();
        assert_eq!(
            split(r#""n=#{n}\n""#, ruby).unwrap(),
            vec![text("n="), code("n"), text("\n")]
        );
        let ps = by_name("powershell").unwrap();
        assert_eq!(
            split(r#""a `"$x`" $($r.Emit())""#, ps).unwrap(),
            vec![text("a \""), code("$x"), text("\" "), code("($r.Emit())")]
        );
        let tcl = by_name("tcl").unwrap();
        assert_eq!(
            split(r#""c = $c \[x\] [f $j]""#, tcl).unwrap(),
            vec![text("c = "), code("$c"), text(" [x] "), code("[f $j]")]
        );
        let swift = by_name("swift").unwrap();
        assert_eq!(
            split(r#""v: \(j.emit()!)""#, swift).unwrap(),
            vec![text("v: "), code("j.emit()!")]
        );
        let js = by_name("nodejs").unwrap();
        assert_eq!(split("`n=${n}`", js).unwrap(), vec![text("n="), code("n")]);
        assert_eq!(split("\"n=${n}\"", js), None);
    }
}
