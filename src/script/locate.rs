//! Where in the script a request member was written, so that an error's carets point at the
//! member that is wrong (`MinimumLength: "8"`) rather than at the method name. The search
//! follows the problem's path (`Policies.PasswordPolicy.MinimumLength`, `Schema[3].Name`)
//! through the map literal after the call, or, when the call passes a variable, through the
//! last literal assigned to it before the call. Strings and comments are skipped; if the path
//! cannot be followed the caller keeps the call site.

/// One step of a problem path.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Member(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !name.is_empty() {
            out.push(Step::Member(name));
        }
        for index in rest.split('[').filter(|i| !i.is_empty()) {
            if let Ok(n) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(n));
            }
        }
    }
    out
}

/// The source as chars with string and comment contents blanked (so nothing inside them
/// matches), keeping positions.
fn code_only(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '"' | '`' | '\'' => {
                let quote = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != quote {
                    if chars[i] == '\\' {
                        out[i] = ' ';
                        i += 1;
                    }
                    if i < chars.len() && chars[i] != '\n' {
                        out[i] = ' ';
                    }
                    i += 1;
                }
                i += 1;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    out[i] = ' ';
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Offset of `line:column` (1-based, columns in chars).
fn offset(chars: &[char], line: usize, column: usize) -> Option<usize> {
    let mut l = 1;
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        if l == line {
            start = i;
            break;
        }
        if *c == '\n' {
            l += 1;
            start = i + 1;
        }
    }
    (l == line).then_some(start + column.saturating_sub(1))
}

fn position(chars: &[char], at: usize) -> (usize, usize) {
    let before = &chars[..at.min(chars.len())];
    let line = before.iter().filter(|c| **c == '\n').count() + 1;
    let column = before.iter().rev().take_while(|c| **c != '\n').count() + 1;
    (line, column)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The end (exclusive) of the bracketed group opening at `open`.
fn group_end(code: &[char], open: usize) -> usize {
    let mut depth = 0i32;
    for (i, c) in code.iter().enumerate().skip(open) {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// The key `name` at the top level of the group starting at `from` (up to `end`): where the
/// key starts and where its value starts.
fn key_in(
    code: &[char],
    raw: &[char],
    from: usize,
    end: usize,
    name: &str,
) -> Option<(usize, usize)> {
    let name: Vec<char> = name.chars().collect();
    let mut depth = 0i32;
    let mut i = from;
    while i < end {
        let c = code[i];
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            _ => {}
        }
        if depth == 1 {
            // `name:` written bare, or `"name":` (its text is blanked in `code`, so read `raw`).
            let bare = raw[i..].starts_with(&name)
                && (i == 0 || !is_word(raw[i - 1]))
                && code[i..].starts_with(&name);
            let quoted = raw[i] == '"'
                && raw[i + 1..].starts_with(&name)
                && raw.get(i + 1 + name.len()) == Some(&'"');
            if bare || quoted {
                let after = i + name.len() + if quoted { 2 } else { 0 };
                let mut j = after;
                while j < end && code[j].is_whitespace() {
                    j += 1;
                }
                if j < end && (code[j] == ':' || code[j] == '=') && (bare || quoted) {
                    let mut v = j + 1;
                    while v < end && code[v].is_whitespace() {
                        v += 1;
                    }
                    return Some((i, v));
                }
            }
        }
        i += 1;
    }
    None
}

/// Element `n` of the array opening at `open`: where it starts.
fn element(code: &[char], open: usize, n: usize) -> Option<usize> {
    let end = group_end(code, open);
    let mut depth = 0i32;
    let mut seen = 0;
    let mut start = open + 1;
    for (i, c) in code.iter().enumerate().take(end).skip(open) {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            ',' if depth == 1 => {
                if seen == n {
                    break;
                }
                seen += 1;
                start = i + 1;
            }
            _ => {}
        }
    }
    if seen < n {
        return None;
    }
    let mut s = start;
    while s < end && code[s].is_whitespace() {
        s += 1;
    }
    (s < end).then_some(s)
}

/// Follows `steps` from the value starting at `at`; the start of the last member's key.
fn follow(code: &[char], raw: &[char], mut at: usize, steps: &[Step<'_>]) -> Option<usize> {
    let mut found = None;
    for step in steps {
        // Skip `#` of a map literal.
        while at < code.len() && (code[at] == '#' || code[at].is_whitespace()) {
            at += 1;
        }
        match step {
            Step::Member(name) => {
                if code.get(at) != Some(&'{') {
                    return found;
                }
                let end = group_end(code, at);
                let (key, value) = key_in(code, raw, at, end, name)?;
                found = Some(key);
                at = value;
            }
            Step::Index(n) => {
                if code.get(at) != Some(&'[') {
                    return found;
                }
                at = element(code, at, *n)?;
                found = Some(at);
            }
        }
    }
    found
}

/// Where the member at `path` of the request passed by the call at `line:column` is written:
/// (line, column) of its key, when the literal can be followed.
pub fn member(text: &str, line: usize, column: usize, path: &str) -> Option<(usize, usize)> {
    let steps = steps(path);
    if steps.is_empty() {
        return None;
    }
    let raw: Vec<char> = text.chars().collect();
    let code = code_only(text);
    let call = offset(&code, line, column)?;
    // The argument list of the call: the first `(` after the method name.
    let open = (call..code.len()).find(|&i| code[i] == '(')?;
    let close = group_end(&code, open);
    // The top-level arguments; the request is the one the path can be followed through
    // (a map literal, a bulk call's array of inputs, or a variable assigned one).
    let mut depth = 0i32;
    let mut starts = vec![open + 1];
    for (i, c) in code.iter().enumerate().take(close).skip(open) {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            ',' if depth == 1 => starts.push(i + 1),
            _ => {}
        }
    }
    let first_input: Vec<Step<'_>> = std::iter::once(Step::Index(0))
        .chain(steps.iter().map(|s| match s {
            Step::Member(m) => Step::Member(m),
            Step::Index(n) => Step::Index(*n),
        }))
        .collect();
    let found = starts.iter().rev().find_map(|&start| {
        let mut a = start;
        while a < close && code[a].is_whitespace() {
            a += 1;
        }
        match code.get(a) {
            Some('#') => follow(&code, &raw, a, &steps),
            Some('[') => follow(&code, &raw, a, &steps)
                .filter(|_| matches!(steps[0], Step::Index(_)))
                .or_else(|| follow(&code, &raw, a, &first_input)),
            _ => variable_literal(&code, &raw, a, close, call, &steps),
        }
    })?;
    Some(position(&code, found))
}

/// Follows `steps` through the literal last assigned to the variable named at `a`.
fn variable_literal(
    code: &[char],
    raw: &[char],
    a: usize,
    close: usize,
    call: usize,
    steps: &[Step<'_>],
) -> Option<usize> {
    let name: String = code[a..close].iter().take_while(|c| is_word(**c)).collect();
    if name.is_empty() {
        return None;
    }
    let text_before: String = code[..call].iter().collect();
    let assign = text_before.rfind(&format!("{name} ="))?;
    let mut v = text_before[..assign].chars().count() + name.chars().count() + 2;
    while v < code.len() && code[v].is_whitespace() {
        v += 1;
    }
    follow(code, raw, v, steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = r#"let pool = cognito.create_user_pool(#{
    PoolName: "p",  // a comment with MinimumLength: in it
    Policies: #{ PasswordPolicy: #{ MinimumLength: "8" } },
    Schema: [
        #{ Name: "email", Required: true },
        #{ Name: "team", AttributeDataType: "Strin" },
    ],
});
"#;

    #[test]
    fn follows_members_and_indices_through_the_literal() {
        assert_eq!(
            member(SCRIPT, 1, 20, "Policies.PasswordPolicy.MinimumLength"),
            Some((3, 37))
        );
        assert_eq!(
            member(SCRIPT, 1, 20, "Schema[1].AttributeDataType"),
            Some((6, 26))
        );
        assert_eq!(member(SCRIPT, 1, 20, "Schema[1]"), Some((6, 9)));
        assert_eq!(member(SCRIPT, 1, 20, "Nope.Missing"), None);
    }

    #[test]
    fn follows_a_variable_to_its_literal() {
        let text = "let req = #{\n  PoolName: \"p\",\n  MfaConfiguration: \"MAYBE\",\n};\ncognito.create_user_pool(req);\n";
        assert_eq!(member(text, 5, 9, "MfaConfiguration"), Some((3, 3)));
    }

    #[test]
    fn a_bulk_call_is_followed_into_its_inputs() {
        let text = "cognito.each(\"AdminCreateUser\", [\n  #{ Username: \"a\" },\n  #{ Bogus: 1 },\n], #{ progress: false });\n";
        assert_eq!(member(text, 1, 9, "[1].Bogus"), Some((3, 6)));
        let text = "cognito.each(\"X\", [#{ Bogus: 1 }], #{ progress: false });\n";
        assert_eq!(member(text, 1, 9, "Bogus"), Some((1, 23)));
    }
}
