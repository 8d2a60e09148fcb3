//! JSON paths as shown to users: `Schema[3].StringAttributeConstraints.MaxLength`.

/// `parent.member`, or just `member` at the top level.
pub(crate) fn member(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// `parent[index]`.
pub(crate) fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// A map key: `parent.key` when the key is a plain word, else `parent["key"]`.
pub(crate) fn key(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':');
    if plain {
        member(parent, key)
    } else {
        let quoted = serde_json::to_string(key).unwrap_or_default();
        format!("{parent}[{quoted}]")
    }
}

/// The path with list indices dropped, as [`suggest::locations`](super::suggest) writes
/// them: `Schema[3].Name` → `Schema[].Name`.
pub(crate) fn generic(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' if in_index => {
                in_index = false;
                out.push(']');
            }
            c if in_index && c.is_ascii_digit() => {}
            c => {
                // A bracket holding something other than digits (a quoted map key) is kept.
                in_index = false;
                out.push(c);
            }
        }
    }
    out
}

/// Everything before the last `.member` (empty for a top-level member).
pub(crate) fn parent(path: &str) -> &str {
    if path.is_empty() {
        return "";
    }
    let seg = last_segment(path);
    path[..path.len() - seg.len()].trim_end_matches('.')
}

/// The last segment of a path, to name the value in a message (`the input` for the root).
pub(crate) fn last_segment(path: &str) -> &str {
    if path.is_empty() {
        return "the input";
    }
    // A path ends in `name`, `name[3]` or `["key"]`; a dot inside a quoted key is rare
    // enough that splitting on the last dot outside brackets is good enough.
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in path.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => start = i + 1,
            _ => {}
        }
    }
    &path[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_splits_paths() {
        let p = member(
            &index(&member("", "Schema"), 3),
            "StringAttributeConstraints",
        );
        assert_eq!(p, "Schema[3].StringAttributeConstraints");
        assert_eq!(key("Tags", "env"), "Tags.env");
        assert_eq!(key("Tags", "a b"), "Tags[\"a b\"]");
        assert_eq!(last_segment(&member(&p, "MaxLength")), "MaxLength");
        assert_eq!(last_segment("Schema[3]"), "Schema[3]");
        assert_eq!(last_segment("A.B[\"x.y\"]"), "B[\"x.y\"]");
        assert_eq!(last_segment(""), "the input");
        assert_eq!(generic("Schema[3].A[12][0].B"), "Schema[].A[][].B");
        assert_eq!(generic("T[\"k\"].x"), "T[\"k\"].x");
        assert_eq!(
            parent("Schema[].StringAttributeConstraints.MaxLength"),
            "Schema[].StringAttributeConstraints"
        );
        assert_eq!(parent("PoolName"), "");
        assert_eq!(parent(""), "");
    }
}
