//! A light lexical scan of REPL input: which brackets and strings are still open at the end,
//! for multi-line continuation and for finding where the cursor sits in a cognito call.

/// An opening bracket that has not been closed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open {
    /// `(`, `[` or `{` (`#{` is recorded as `{`).
    pub ch: char,
    /// Byte offset of the bracket in the scanned text.
    pub pos: usize,
}

/// What is still open at the end of the scanned text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub stack: Vec<Open>,
    /// The quote (`"`, `` ` `` or `'`) and byte offset of a string left open.
    pub string: Option<(char, usize)>,
    /// A `/* … */` comment is left open.
    pub comment: bool,
    /// A closing bracket had no opening one: the input is complete (and wrong).
    pub unbalanced: bool,
    /// The byte ranges of the closed `"…"` strings, quotes included, in order.
    pub strings: Vec<std::ops::Range<usize>>,
}

impl Scan {
    /// Whether the input needs more lines before it can be run.
    pub fn is_incomplete(&self) -> bool {
        !self.unbalanced && (!self.stack.is_empty() || self.string.is_some() || self.comment)
    }
}

/// Scans `text` from the start.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    let mut chars = text.char_indices().peekable();
    let mut block_depth = 0usize;
    while let Some((i, c)) = chars.next() {
        if block_depth > 0 {
            if c == '*' && chars.peek().is_some_and(|&(_, n)| n == '/') {
                chars.next();
                block_depth -= 1;
            } else if c == '/' && chars.peek().is_some_and(|&(_, n)| n == '*') {
                chars.next();
                block_depth += 1;
            }
            continue;
        }
        if let Some((quote, start)) = out.string {
            if c == '\\' && quote != '`' {
                chars.next();
            } else if c == quote {
                out.string = None;
                if quote == '"' {
                    out.strings.push(start..i + 1);
                }
            }
            continue;
        }
        match c {
            '/' if chars.peek().is_some_and(|&(_, n)| n == '/') => {
                for (_, n) in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek().is_some_and(|&(_, n)| n == '*') => {
                chars.next();
                block_depth = 1;
            }
            '"' | '`' | '\'' => out.string = Some((c, i)),
            '(' | '[' | '{' => out.stack.push(Open { ch: c, pos: i }),
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match out.stack.last() {
                    Some(open) if open.ch == want => {
                        out.stack.pop();
                    }
                    _ => out.unbalanced = true,
                }
            }
            _ => {}
        }
    }
    out.comment = block_depth > 0;
    out
}

/// The member names written at the top level of the map body `body` (the text after `#{`).
pub fn top_level_keys(body: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut word = String::new();
    let mut string: Option<char> = None;
    let mut escaped = false;
    for c in body.chars() {
        if let Some(q) = string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                string = None;
            } else if depth == 0 {
                word.push(c);
            }
            continue;
        }
        match c {
            '"' | '`' | '\'' => {
                string = Some(c);
                word.clear();
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ':' if depth == 0 && !word.is_empty() => {
                keys.push(std::mem::take(&mut word));
            }
            c if c.is_alphanumeric() || c == '_' => {
                if depth == 0 {
                    word.push(c);
                }
            }
            c if c.is_whitespace() => {}
            _ => word.clear(),
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_brackets_and_strings_are_incomplete() {
        assert!(scan("fn f() {").is_incomplete());
        assert!(scan("let a = [1,").is_incomplete());
        assert!(scan("print(").is_incomplete());
        assert!(scan("let s = \"abc").is_incomplete());
        assert!(scan("let s = `a\nb").is_incomplete());
        assert!(scan("/* note").is_incomplete());
        assert!(!scan("let a = #{ b: [1, 2] };").is_incomplete());
        assert!(!scan("let s = \"(\"; // {").is_incomplete());
        assert!(!scan("let s = \"a\\\"b\";").is_incomplete());
        assert!(
            !scan("f())").is_incomplete(),
            "an extra closer goes to the compiler"
        );
    }

    #[test]
    fn the_stack_records_positions() {
        let s = scan("cognito.x(#{ A: #{");
        let chars: Vec<char> = s.stack.iter().map(|o| o.ch).collect();
        assert_eq!(chars, vec!['(', '{', '{']);
        assert_eq!(s.stack[0].pos, 9);
    }

    #[test]
    fn top_level_keys_skip_nested_maps() {
        let keys = top_level_keys(r#" PoolName: "a:b", Policies: #{ Inner: 1 }, "Quoted": 2, "#);
        assert_eq!(keys, vec!["PoolName", "Policies", "Quoted"]);
    }
}
