//! What the service tells the layer above while it works, and where in the script a call was
//! made. The service decides what to say; the observer (in `host`) decides how it looks: code
//! frames for warnings, stderr for logs, stdout for plan lines.

use crate::model::Problem;

/// Where the script made a call (file or `<repl:N>`, 1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub source: String,
    pub line: usize,
    pub column: usize,
}

/// One thing worth telling the user.
#[derive(Debug)]
pub enum Notice<'a> {
    /// Validation problems of a request: warnings, or (`pooler check`, which goes on past
    /// them to find every problem) errors, `blocking`.
    Problems {
        operation: &'a str,
        site: Option<&'a Site>,
        problems: &'a [Problem],
        blocking: bool,
    },
    /// Known Cognito traps in a request.
    Traps {
        operation: &'a str,
        site: Option<&'a Site>,
        lines: &'a [String],
    },
    /// A `-v` log line (secrets already redacted).
    Log(&'a str),
    /// A plan report line (`plan: ensure_user_pool `x`: update`).
    Plan(&'a str),
    /// A progress line that replaces the previous one (bulk runs); `done` ends it.
    Progress { line: &'a str, done: bool },
    /// A one-off remark on stderr (a dry run starting, a resume file repaired).
    Remark(&'a str),
}

/// Receives the notices of a run.
pub trait Observer {
    fn notice(&self, notice: Notice<'_>);
}

/// Drops every notice (tests, benchmarks).
pub struct Silent;

impl Observer for Silent {
    fn notice(&self, _notice: Notice<'_>) {}
}
