//! Completion items: what the REPL's completion offers at the cursor
//! ([`crate::repl::complete::complete`]), each with its kind, type and first sentence of
//! documentation; and member paths inside the string of a `json()` document's `update_*`
//! call when the document is passed to an operation in the same script.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, Range, TextEdit,
};
use std::sync::OnceLock;

use regex::Regex;

use crate::host::registry;
use crate::model::Model;
use crate::repl::complete::{self, Names, call_context};
use crate::repl::scan;

use super::text::position;

/// Completion items for the cursor at byte `offset` of `text`.
pub fn items(text: &str, offset: usize, model: &Model, names: &Names) -> Vec<CompletionItem> {
    let prefix = &text[..offset];
    if let Some(found) = json_path_items(text, prefix, model) {
        return found;
    }
    let (start, choices) = complete::complete(prefix, model, names);
    let before = &prefix[..start];
    let state = scan::scan(before);
    let in_string = state.string.is_some();
    let context = call_context(before, &state.stack, model);
    let after_cognito = before.trim_end().ends_with("cognito.");
    let range = Range {
        start: position(text, start),
        end: position(text, offset),
    };
    choices
        .into_iter()
        .map(|c| {
            let mut item = CompletionItem {
                label: c.display.clone(),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range,
                    new_text: c.replacement.clone(),
                })),
                ..CompletionItem::default()
            };
            describe(
                &mut item,
                &c.replacement,
                model,
                after_cognito,
                in_string,
                &context,
            );
            item
        })
        .collect()
}

fn describe(
    item: &mut CompletionItem,
    name: &str,
    model: &Model,
    after_cognito: bool,
    in_string: bool,
    context: &Option<(&crate::model::Operation, Vec<String>)>,
) {
    let mut set = |kind, detail: String, doc: String| {
        item.kind = Some(kind);
        item.detail = (!detail.is_empty()).then_some(detail);
        item.documentation = (!doc.is_empty()).then_some(Documentation::String(doc));
    };
    if after_cognito && let Some(op) = model.operation(name) {
        let input = op.input_shape.unwrap_or("");
        set(
            CompletionItemKind::METHOD,
            format!("{}(input: {input})", op.name),
            model.operation_summary(op),
        );
        return;
    }
    if !in_string && let Some((op, path)) = context {
        let mut path: Vec<&str> = path.iter().map(String::as_str).collect();
        path.push(name);
        if let Ok(doc) = model.member_doc(op, &path, false) {
            set(CompletionItemKind::FIELD, doc.signature(), doc.summary());
            return;
        }
    }
    if in_string {
        let kind = if model.operation(name).is_some() {
            CompletionItemKind::METHOD
        } else if context.is_some() {
            CompletionItemKind::ENUM_MEMBER
        } else {
            CompletionItemKind::MODULE
        };
        set(kind, String::new(), String::new());
        return;
    }
    let receiver = after_cognito.then_some("cognito");
    if let Some(e) = registry::entries()
        .into_iter()
        .find(|e| e.name == name && (receiver.is_none() || e.receiver == receiver))
    {
        set(
            CompletionItemKind::FUNCTION,
            e.signature.to_string(),
            e.summary.to_string(),
        );
        return;
    }
    set(CompletionItemKind::VARIABLE, String::new(), String::new());
}

/// Inside `VAR.update_*("…` (or another path method) when `cognito.<op>(VAR)` appears in
/// the script: the members at the path written so far.
fn json_path_items(text: &str, prefix: &str, model: &Model) -> Option<Vec<CompletionItem>> {
    let state = scan::scan(prefix);
    let (quote, start) = state.string?;
    if quote != '"' {
        return None;
    }
    static HEAD: OnceLock<Regex> = OnceLock::new();
    let head = HEAD.get_or_init(|| {
        let methods = "update_\\w+|string_of|int_of|bool_of|has_member|size_of_array|delete";
        Regex::new(&format!(r"([A-Za-z_]\w*)\s*\.\s*({methods})\s*\(\s*$")).expect("valid")
    });
    let var = head
        .captures(&prefix[..start])?
        .get(1)?
        .as_str()
        .to_string();
    let pass = Regex::new(&format!(r"cognito\s*\.\s*(\w+)\s*\(\s*{var}\s*\)")).expect("valid");
    let op = pass
        .captures_iter(text)
        .find_map(|c| model.operation(&c[1]))?;
    let written = &prefix[start + 1..];
    let (path, last) = match written.rsplit_once('.') {
        Some((p, l)) => (p.split('.').collect::<Vec<_>>(), l),
        None => (Vec::new(), written),
    };
    let range = Range {
        start: position(text, prefix.len() - last.len()),
        end: position(text, prefix.len()),
    };
    let items = model
        .input_members_at(op, &path)
        .into_iter()
        .filter(|m| m.name.starts_with(last))
        .map(|m| {
            let mut full: Vec<&str> = path.clone();
            full.push(&m.name);
            let doc = model.member_doc(op, &full, false).ok();
            CompletionItem {
                label: m.name.clone(),
                kind: Some(CompletionItemKind::FIELD),
                detail: doc.as_ref().map(|d| d.signature()),
                documentation: doc
                    .map(|d| d.summary())
                    .filter(|s| !s.is_empty())
                    .map(Documentation::String),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range,
                    new_text: m.name.clone(),
                })),
                ..CompletionItem::default()
            }
        })
        .collect();
    Some(items)
}
