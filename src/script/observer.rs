//! How the call service's notices look: validation warnings and trap warnings as code frames at
//! the call site (stderr), `-v` logs and remarks on stderr, plan lines on stdout, and the bulk
//! progress line redrawn in place.

use std::io::Write as _;

use super::diagnostics::{self, Location, Report};
use super::sources::Sources;
use crate::secrets::Secrets;
use crate::service::{Notice, Observer, Site};

/// Renders notices for a run of the binary.
pub struct Console {
    pub sources: Sources,
    /// The run's secret policy (its model's), for the frames' source lines.
    pub secrets: &'static Secrets,
    pub color: bool,
    /// `pooler check` prints problems only.
    pub quiet: bool,
}

fn location(site: Option<&Site>) -> Option<Location> {
    site.map(|s| Location {
        source: s.source.clone(),
        line: s.line,
        column: s.column,
    })
}

impl Observer for Console {
    fn notice(&self, notice: Notice<'_>) {
        match notice {
            Notice::Problems {
                operation,
                site,
                problems,
                blocking,
            } => {
                let details = problems.iter().map(crate::model::Problem::line).collect();
                let mut report = if blocking {
                    let mut r = Report::warning(
                        format!("{operation}: the request is invalid, nothing would be sent"),
                        location(site),
                        details,
                    );
                    r.severity = "error";
                    r
                } else {
                    Report::warning(
                        format!("{operation}: check the request"),
                        location(site),
                        details,
                    )
                };
                report.member = problems
                    .iter()
                    .map(|p| p.path.clone())
                    .find(|p| !p.is_empty());
                eprint!(
                    "{}",
                    diagnostics::render(&report, &self.sources, self.secrets, self.color)
                );
            }
            Notice::Traps {
                operation,
                site,
                lines,
            } => {
                let report = Report::warning(
                    format!("{operation}: a known Cognito trap"),
                    location(site),
                    lines.to_vec(),
                );
                eprint!(
                    "{}",
                    diagnostics::render(&report, &self.sources, self.secrets, self.color)
                );
            }
            Notice::Log(text) => eprintln!("{text}"),
            Notice::Plan(text) => crate::stdout::line(text),
            Notice::Progress { line, done } => {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r{line}   ");
                if done {
                    let _ = writeln!(err);
                }
                let _ = err.flush();
            }
            Notice::Remark(text) if !self.quiet => eprintln!("{text}"),
            Notice::Remark(_) => {}
        }
    }
}
