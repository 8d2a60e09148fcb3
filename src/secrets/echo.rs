//! What echoes (the REPL's and `eval`'s value, `print`) hide, for the policy in `secrets`: the
//! level chosen (`:redact`, `POOLER_REDACT`), and the secret values seen in this process's
//! calls, so a secret is known by its value however a script reaches it
//! (`c.UserPoolClient.ClientSecret`, `"x" + secret`), not only by the member that held it.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use super::Level;
use crate::model::REDACTED;

/// 0: not chosen yet (the environment decides), 1: credentials, 2: strict.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// Set while a REPL runs: its `:save` and `:redact strict` read the sightings of every call.
static INTERACTIVE: AtomicBool = AtomicBool::new(false);

/// The level echoes use now; until `:redact` chooses, `POOLER_REDACT=strict` means strict.
pub fn level() -> Level {
    match CHOSEN.load(Ordering::Relaxed) {
        2 => Level::Strict,
        1 => Level::Credentials,
        _ if std::env::var("POOLER_REDACT").is_ok_and(|v| v == "strict") => Level::Strict,
        _ => Level::Credentials,
    }
}

/// Marks the process as interactive (the REPL): every call's secret values are remembered from
/// the first, since `:save` and a later `:redact strict` read them.
pub fn keep_sightings() {
    INTERACTIVE.store(true, Ordering::Relaxed);
}

/// Whether anything can read what [`remember`] keeps: the REPL, or the strict level (only it
/// stars remembered values in `eval`'s echo and a script's `print`). A `run` or `eval` at the
/// credentials level remembers nothing, so its calls are not walked for secrets.
pub fn sightings_read() -> bool {
    INTERACTIVE.load(Ordering::Relaxed) || level() == Level::Strict
}

/// Switches the echo level (`:redact strict` / `:redact credentials`).
pub fn set_level(level: Level) {
    let chosen = match level {
        Level::Credentials => 1,
        Level::Strict => 2,
    };
    CHOSEN.store(chosen, Ordering::Relaxed);
}

/// How one secret value was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenAs {
    /// The member that held it (`ClientSecret`, `TemporaryPassword`, `Username`).
    pub member: String,
    /// Whether that member names a credential (hidden at both levels), not only data the model
    /// marks sensitive (hidden at the strict level).
    pub credential: bool,
}

/// At most this many values are kept (a bulk run sees one user name per item); past it, new
/// ones are not remembered.
const MAX_SEEN: usize = 10_000;

/// Values shorter than this are starred only when they are the whole text, so a sensitive
/// `"a"` does not star every `a`.
const MIN_INSIDE: usize = 4;

static SEEN: Mutex<BTreeMap<String, SeenAs>> = Mutex::new(BTreeMap::new());

fn seen() -> std::sync::MutexGuard<'static, BTreeMap<String, SeenAs>> {
    SEEN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Remembers `value`, held by `member`; a credential sighting wins over a data one.
pub fn remember(member: &str, value: &str, credential: bool) {
    if value.is_empty() {
        return;
    }
    let mut seen = seen();
    if let Some(known) = seen.get_mut(value) {
        if credential && !known.credential {
            *known = SeenAs {
                member: member.to_string(),
                credential,
            };
        }
        return;
    }
    if seen.len() < MAX_SEEN {
        seen.insert(
            value.to_string(),
            SeenAs {
                member: member.to_string(),
                credential,
            },
        );
    }
}

/// How `value` was seen, if it is a remembered secret.
pub fn seen_as(value: &str) -> Option<SeenAs> {
    seen().get(value).cloned()
}

/// At the strict level, `text` with every remembered value replaced by `***redacted***`, or
/// `None` when it holds none (or the level is credentials: there a selected value is shown, as
/// the user asked for it). Longer values are replaced first, so one inside another goes whole.
pub fn star(text: &str, level: Level) -> Option<String> {
    if level != Level::Strict {
        return None;
    }
    let seen = seen();
    if seen.contains_key(text) {
        return Some(REDACTED.to_string());
    }
    let mut inside: Vec<&str> = seen
        .keys()
        .filter(|value| value.len() >= MIN_INSIDE && text.contains(value.as_str()))
        .map(String::as_str)
        .collect();
    if inside.is_empty() {
        return None;
    }
    inside.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let mut out = text.to_string();
    for value in inside {
        out = out.replace(value, REDACTED);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_values_are_starred_whole_and_inside_text_at_the_strict_level() {
        remember("ClientSecret", "SNTLechoSecret1", true);
        remember("Username", "ab", false);
        assert_eq!(
            star("SNTLechoSecret1", Level::Strict).as_deref(),
            Some(REDACTED)
        );
        assert_eq!(
            star("secret: SNTLechoSecret1!", Level::Strict).as_deref(),
            Some("secret: ***redacted***!")
        );
        assert_eq!(star("SNTLechoSecret1", Level::Credentials), None);
        assert_eq!(star("ab", Level::Strict).as_deref(), Some(REDACTED));
        assert_eq!(star("cab", Level::Strict), None);
        assert_eq!(
            seen_as("SNTLechoSecret1").map(|s| s.member),
            Some("ClientSecret".to_string())
        );
    }
}
