//! Hover: the operation (`cognito.create_user_pool`), request member (`MfaConfiguration:`
//! inside a request) or script function under the cursor, as Markdown.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::host::registry;
use crate::model::Model;
use crate::repl::complete::call_context;
use crate::repl::scan;

use super::text::{position, word_at};

/// The hover for byte `offset` of `text`.
pub fn hover(text: &str, offset: usize, model: &Model) -> Option<Hover> {
    let (start, end) = word_at(text, offset);
    let word = &text[start..end];
    if word.is_empty() {
        return None;
    }
    let before = &text[..start];
    let value = markdown(text, before, end, word, model)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(lsp_types::Range {
            start: position(text, start),
            end: position(text, end),
        }),
    })
}

fn markdown(text: &str, before: &str, end: usize, word: &str, model: &Model) -> Option<String> {
    if before.trim_end().ends_with("cognito.")
        && let Some(op) = model.operation(word)
    {
        let input = op.input_shape.unwrap_or("nothing");
        let output = op.output_shape.unwrap_or("nothing");
        return Some(format!(
            "```rhai\ncognito.{}(input)\n```\n`{}`: input `{input}`, returns `{output}`\n\n{}",
            op.snake_name,
            op.name,
            model.operation_doc(op, true)
        ));
    }
    let state = scan::scan(before);
    if state.string.is_none()
        && text[end..].trim_start().starts_with(':')
        && let Some((op, path)) = call_context(before, &state.stack, model)
    {
        let mut path: Vec<&str> = path.iter().map(String::as_str).collect();
        path.push(word);
        let doc = model.member_doc(op, &path, false).ok()?;
        let mut out = format!("**{}**: `{}`", doc.name, doc.type_text);
        if !doc.notes.is_empty() {
            out.push_str("  \n");
            let notes: Vec<String> = doc.notes.iter().map(|n| format!("`{n}`")).collect();
            out.push_str(&notes.join(" · "));
        }
        out.push_str(&format!("  \nin `{}` of `{}`", doc.parent, op.name));
        let full = doc.full(true);
        if !full.is_empty() {
            out.push_str("\n\n");
            out.push_str(&full);
        }
        return Some(out);
    }
    let entries: Vec<String> = registry::entries()
        .into_iter()
        .filter(|e| e.name == word)
        .map(|e| format!("```rhai\n{}\n```\n{}", e.signature, e.summary))
        .collect();
    (!entries.is_empty()).then(|| entries.join("\n\n"))
}
