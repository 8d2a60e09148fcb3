//! Positions: LSP's (line, UTF-16 column) against byte offsets in a document's text, and
//! Rhai's (1-based line, 1-based character column).

use lsp_types::{Position, Range};

/// The byte offset of `pos` in `text` (clamped to the line's end and the text's end).
pub fn offset(text: &str, pos: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0u32;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= pos.character {
            return line_start + i;
        }
        units += c.len_utf16() as u32;
    }
    line_end
}

/// The LSP position of byte offset `at` in `text`.
pub fn position(text: &str, at: usize) -> Position {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[line_start..]
        .chars()
        .map(|c| c.len_utf16() as u32)
        .sum();
    Position { line, character }
}

/// The range of `chars` characters from Rhai's `line`/`column` (both 1-based).
pub fn rhai_range(text: &str, line: usize, column: usize, chars: usize) -> Range {
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let units = |n: usize| -> u32 {
        line_text
            .chars()
            .take(n)
            .map(|c| c.len_utf16() as u32)
            .sum()
    };
    let start = column.saturating_sub(1);
    let l = line.saturating_sub(1) as u32;
    Range {
        start: Position {
            line: l,
            character: units(start),
        },
        end: Position {
            line: l,
            character: units(start + chars.max(1)),
        },
    }
}

/// The identifier (letters, digits, `_`) around byte offset `at`: its start and end.
pub fn word_at(text: &str, at: usize) -> (usize, usize) {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let at = at.min(text.len());
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| ident(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| !ident(*c))
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_agree_in_utf16() {
        let text = "ab\n«é» x\nlast";
        let p = Position {
            line: 1,
            character: 4,
        };
        let at = offset(text, p);
        assert_eq!(&text[at..at + 1], "x");
        assert_eq!(position(text, at), p);
        assert_eq!(
            offset(
                text,
                Position {
                    line: 9,
                    character: 0
                }
            ),
            text.len()
        );
        assert_eq!(word_at("let abc = 1", 5), (4, 7));
    }
}
