//! The member, shape and operation documentation of botocore's full model, embedded deflated
//! (see `build.rs`) and inflated and parsed only the first time documentation is asked for:
//! commands that show none (a run, `eval`) pay nothing at start-up.
//!
//! Lookups go by name, so a model given with `--model FILE` finds the documentation of every
//! operation, shape and member whose names it shares with the vendored one.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::doc_text::{self, Flavour};
use super::shapes::Member;
use super::{Model, Operation};

static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/docs-1.json.deflate"));

/// The documentation HTML, by `operations`/`shapes`/`members` and name
/// (`members` keyed `Shape.Member`).
#[derive(Debug, Default, serde::Deserialize)]
struct Table {
    operations: HashMap<String, String>,
    shapes: HashMap<String, String>,
    members: HashMap<String, String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let text = miniz_oxide::inflate::decompress_to_vec_with_limit(PACKED, 16 << 20)
            .expect("the embedded documentation inflates (checked by unit tests)");
        serde_json::from_slice(&text).expect("the embedded documentation parses")
    })
}

impl Model {
    /// The operation's documentation as HTML.
    pub fn operation_doc_html(&self, op: &Operation) -> Option<&'static str> {
        table().operations.get(op.name).map(String::as_str)
    }

    /// The documentation of `member` of the structure `parent` (a shape name), else of the
    /// shape it refers to.
    pub(crate) fn member_doc_html(&self, parent: &str, member: &Member) -> Option<&'static str> {
        let t = table();
        t.members
            .get(&format!("{parent}.{}", member.name))
            .or_else(|| t.shapes.get(self.shape(member.shape).name))
            .map(String::as_str)
    }

    /// The shape's own documentation.
    pub(crate) fn shape_doc_html(&self, name: &str) -> Option<&'static str> {
        table().shapes.get(name).map(String::as_str)
    }
}

/// First sentence of `html`, for one-line summaries.
pub fn summary(html: &str) -> String {
    doc_text::first_sentence(html)
}

/// `html` whole, as plain text or Markdown.
pub fn full(html: &str, markdown: bool) -> String {
    doc_text::render(
        html,
        if markdown {
            Flavour::Markdown
        } else {
            Flavour::Text
        },
    )
}
