//! The names a ported script writes: the program's variables (kept clear of Rhai's reserved
//! words and of the names the ported script uses itself) and property reads on a response.

use crate::rhai_literal::{is_bare_word, string};

/// Names the ported script uses itself, so a program's variable must not take them.
const OWN_NAMES: &[&str] = &[
    "cognito", "args", "json", "resp", "item_i", "item_j", "item_k",
];

/// Whether `name` can be written bare in a ported script: Rhai takes it, and the script does
/// not use it itself.
fn usable(name: &str) -> bool {
    is_bare_word(name) && !OWN_NAMES.contains(&name)
}

/// A property access on `base`: `base?.Name` or `base?["custom:x"]`.
pub fn member(base: &str, name: &str) -> String {
    if usable(name) {
        format!("{base}?.{name}")
    } else {
        format!("{base}?[{}]", string(name))
    }
}

/// A usable variable name for `name` from the legacy program.
pub fn var(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if usable(&cleaned) {
        cleaned
    } else {
        format!("v_{cleaned}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_own_names_are_renamed_or_quoted() {
        assert_eq!(var("let"), "v_let");
        assert_eq!(var("resp"), "v_resp");
        assert_eq!(var("my-var"), "my_var");
        assert_eq!(var("count"), "count");
        assert_eq!(member("r", "this"), r#"r?["this"]"#);
        assert_eq!(member("r", "UserPool"), "r?.UserPool");
    }
}
