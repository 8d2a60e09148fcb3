//! Text from outside (the service, a file) made safe for a terminal line: control characters
//! (ESC, BEL, CR, …) are written as `\u{1b}`-style escapes, so nothing a service says can move
//! the cursor, recolor or retitle the terminal. Tabs are kept; newlines only where allowed.

use std::borrow::Cow;

/// `text` with every control character but tab escaped (newlines too).
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// [`line`], keeping newlines (text shown over several lines).
pub fn lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\t' && !(keep_newlines && c == '\n');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(line("ok\x1b[2Jdone\r\x07"), "ok\\u{1b}[2Jdone\\u{d}\\u{7}");
        assert_eq!(line("a\tb"), "a\tb");
        assert_eq!(line("a\nb"), "a\\u{a}b");
        assert_eq!(lines("a\nb\x1b"), "a\nb\\u{1b}");
        assert!(matches!(line("plain"), Cow::Borrowed(_)));
        assert_eq!(line("\u{9b}31m"), "\\u{9b}31m");
    }
}
