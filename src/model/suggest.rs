//! Hints for mistakes: the closest known name ("did you mean") and where else in an
//! operation's input a member name lives ("it belongs at").

use std::collections::{HashSet, VecDeque};

use super::shapes::{Kind, ShapeId};
use super::{MAX_DEPTH, Model, member_path};

/// The candidate closest to `word`: equal ignoring case first, else the smallest edit
/// distance (with transpositions) that is small for the word's length.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    let mut seen = Vec::new();
    for cand in candidates {
        seen.push(cand);
        let cl = cand.to_lowercase();
        if cl == lower {
            return Some(cand);
        }
        let d = strsim::osa_distance(&lower, &cl);
        let shorter = lower.chars().count().min(cl.chars().count());
        let limit = (shorter / 4).clamp(1, 3);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    if best.is_none() && lower.chars().count() >= 3 {
        // A cut-short name (`phone` for `phone_number`).
        return candidates_prefix(&lower, seen);
    }
    best.map(|(_, c)| c)
}

fn candidates_prefix<'a>(lower: &str, seen: Vec<&'a str>) -> Option<&'a str> {
    seen.into_iter()
        .find(|c| c.to_lowercase().starts_with(lower))
}

/// Paths (from the input's root, lists shown as `[]`) where a member called `name` exists,
/// nearest first, at most `limit`. Exact-case matches win; otherwise case-insensitive ones.
pub(crate) fn locations(model: &Model, root: ShapeId, name: &str, limit: usize) -> Vec<String> {
    let exact = find(model, root, limit, |m| m == name);
    if !exact.is_empty() {
        return exact;
    }
    let lower = name.to_lowercase();
    find(model, root, limit, |m| m.to_lowercase() == lower)
}

fn find(model: &Model, root: ShapeId, limit: usize, matches: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut queue = VecDeque::from([(root, String::new(), 0usize)]);
    while let Some((id, path, depth)) = queue.pop_front() {
        if depth > MAX_DEPTH || !seen.insert(id) {
            continue;
        }
        match &model.shape(id).kind {
            Kind::Structure(members) => {
                for m in *members {
                    let p = member_path::member(&path, m.name);
                    if matches(m.name) {
                        out.push(p.clone());
                        if out.len() >= limit {
                            return out;
                        }
                    }
                    queue.push_back((m.shape, p, depth + 1));
                }
            }
            Kind::List(item) => queue.push_back((*item, format!("{path}[]"), depth + 1)),
            Kind::Map { value, .. } => {
                queue.push_back((*value, format!("{path}.<key>"), depth + 1))
            }
            _ => {}
        }
    }
    out
}

/// Every candidate near `word`, in the candidates' order without repeats: equal ignoring case,
/// or at most two edits away (with transpositions; one for names of 2 or 3 letters, so `Id`
/// is not near every other short name). For the missing-member hint, where a list of near
/// names is more use than one guess.
pub(crate) fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let lower = word.to_lowercase();
    let mut out: Vec<&'a str> = Vec::new();
    for cand in candidates {
        let cl = cand.to_lowercase();
        let shorter = lower.chars().count().min(cl.chars().count());
        let near = strsim::osa_distance(&lower, &cl) <= (shorter / 2).min(2);
        if near && cand != word && !out.contains(&cand) {
            out.push(cand);
        }
    }
    out
}

/// `A`, `A or B`, `A, B or C`.
pub(crate) fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_prefers_case_then_distance() {
        let names = ["MinimumLength", "RequireSymbols", "RequireNumbers"];
        assert_eq!(closest("minimumlength", names), Some("MinimumLength"));
        assert_eq!(closest("MinimumLenght", names), Some("MinimumLength"));
        assert_eq!(closest("RequireSymbol", names), Some("RequireSymbols"));
        assert_eq!(closest("Colour", names), None);
        assert_eq!(closest("Require", names), Some("RequireSymbols"));
        assert_eq!(closest("Re", names), None);
        assert_eq!(closest("of", ["OFF", "ON", "OPTIONAL"]), Some("OFF"));
    }

    #[test]
    fn nearest_keeps_every_name_two_edits_away_or_equal_ignoring_case() {
        let names = ["Name", "Id", "name", "Names", "LambdaConfig", "Name", "Ab"];
        assert_eq!(nearest("Nmae", names), ["Name", "name", "Names"]);
        assert_eq!(nearest("ID", names), ["Id"]);
        assert_eq!(nearest("Xy", names), Vec::<&str>::new());
        assert_eq!(nearest("Colour", names), Vec::<&str>::new());
    }

    #[test]
    fn or_list_reads_naturally() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(or_list(&s(&["A"])), "A");
        assert_eq!(or_list(&s(&["A", "B"])), "A or B");
        assert_eq!(or_list(&s(&["A", "B", "C"])), "A, B or C");
    }
}
