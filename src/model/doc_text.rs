//! botocore's documentation HTML as plain text (for `describe` and the REPL) or Markdown (for
//! the language server): paragraphs, bullet and numbered lists, `<note>`/`<important>` boxes,
//! definition lists, code and links (kept as their text, the address after it).
//!
//! Only the handful of tags botocore uses are known (`p`, `ul`, `ol`, `li`, `code`, `a`, `b`,
//! `i`, `note`, `important`, `dl`, `dt`, `dd`); others are dropped, their text kept.

/// The output flavour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Plain text; a link's address follows its text in `<…>`.
    Text,
    /// Plain text without link addresses (first sentences, one-line summaries).
    Brief,
    /// CommonMark.
    Markdown,
}

/// `html` rendered as `flavour`, blocks separated by blank lines, list items by newlines.
pub fn render(html: &str, flavour: Flavour) -> String {
    let mut r = Renderer {
        flavour,
        blocks: Vec::new(),
        line: String::new(),
        lists: Vec::new(),
        bullet: None,
        href: Vec::new(),
        quote: 0,
    };
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let end = rest.find('>').map_or(rest.len(), |i| i + 1);
                r.tag(&rest[1..end.saturating_sub(1).max(1)]);
                rest = &rest[end..];
            }
            Some(i) => {
                r.text(&unescape(&rest[..i]));
                rest = &rest[i..];
            }
            None => {
                r.text(&unescape(rest));
                rest = "";
            }
        }
    }
    r.flush();
    r.join()
}

/// The first sentence of `html` as brief text: up to the first `. ` (or `.` at the end) of
/// its first paragraph that is not an abbreviation such as `e.g.`.
pub fn first_sentence(html: &str) -> String {
    let text = render(html, Flavour::Brief);
    let first = text.split("\n\n").next().unwrap_or_default().trim();
    let first = first.lines().next().unwrap_or_default();
    let bytes = first.as_bytes();
    let mut i = 0;
    while let Some(off) = first[i..].find('.') {
        let at = i + off;
        let end = at + 1;
        let next_is_space = bytes.get(end).is_none_or(|b| *b == b' ');
        let word_start = first[..at].rfind(' ').map_or(0, |s| s + 1);
        let word = &first[word_start..at];
        let abbreviation = matches!(word, "e.g" | "i.e" | "etc" | "vs" | "Inc")
            || (word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic()));
        let inside_code = first[..at].matches('`').count() % 2 == 1;
        if next_is_space && !abbreviation && !inside_code {
            return first[..end].to_string();
        }
        i = end;
    }
    first.to_string()
}

struct Block {
    indent: usize,
    bullet: String,
    text: String,
    in_list: bool,
    quote: usize,
}

struct Renderer {
    flavour: Flavour,
    blocks: Vec<Block>,
    line: String,
    /// Open lists: ordered, and the next number.
    lists: Vec<(bool, usize)>,
    /// The marker of a list item whose first block has not been written yet.
    bullet: Option<String>,
    href: Vec<Option<String>>,
    /// Depth of open `<note>`/`<important>` boxes.
    quote: usize,
}

impl Renderer {
    fn md(&self) -> bool {
        self.flavour == Flavour::Markdown
    }

    fn text(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
    }

    fn inline(&mut self, mark: &str) {
        if self.md() {
            self.line.push_str(mark);
        }
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name = body
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("p" | "dt" | "dd", _) => self.flush(),
            ("ul" | "ol", false) => {
                self.flush();
                self.lists.push((name == "ol", 1));
            }
            ("ul" | "ol", true) => {
                self.flush();
                self.lists.pop();
            }
            ("li", false) => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some((true, n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                self.bullet = Some(marker);
            }
            ("li", true) => self.flush(),
            ("note" | "important", true) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            ("note" | "important", false) => {
                self.flush();
                self.quote += 1;
                let label = if name == "note" {
                    "Note:"
                } else {
                    "Important:"
                };
                if self.md() {
                    self.line.push_str(&format!("**{label}** "));
                } else {
                    self.line.push_str(&format!("{label} "));
                }
            }
            ("code", _) => self.inline("`"),
            ("b" | "strong", _) => self.inline("**"),
            ("i" | "em", _) => self.inline("_"),
            ("a", false) => {
                let href = attribute(body, "href");
                if self.md() && href.is_some() {
                    self.line.push('[');
                }
                self.href.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = self.href.pop() {
                    let trimmed = self.line.trim_end().len();
                    self.line.truncate(trimmed);
                    match self.flavour {
                        Flavour::Markdown => self.line.push_str(&format!("]({href})")),
                        Flavour::Text => self.line.push_str(&format!(" <{href}>")),
                        Flavour::Brief => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn flush(&mut self) {
        let text = self.line.trim().to_string();
        self.line.clear();
        let label_only = matches!(
            text.trim_matches('*'),
            "Note:" | "Important:" | "Note:**" | "Important:**"
        );
        if text.is_empty() || label_only {
            if !text.is_empty() {
                self.line = format!("{text} ");
            }
            return;
        }
        let depth = self.lists.len();
        let (indent, bullet) = match self.bullet.take() {
            Some(marker) => (depth.saturating_sub(1), marker),
            None if depth > 0 => (depth, String::new()),
            None => (0, String::new()),
        };
        self.blocks.push(Block {
            indent,
            bullet,
            text,
            in_list: depth > 0,
            quote: self.quote,
        });
    }

    fn join(self) -> String {
        let md = self.flavour == Flavour::Markdown;
        let mut out = String::new();
        let mut prev_in_list = false;
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                out.push_str(if prev_in_list && b.in_list {
                    "\n"
                } else {
                    "\n\n"
                });
            }
            if md && b.quote > 0 {
                out.push_str("> ");
            }
            out.push_str(&"  ".repeat(b.indent));
            out.push_str(&b.bullet);
            out.push_str(&b.text);
            prev_in_list = b.in_list;
        }
        out
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next()?;
    let value = if quote == '"' || quote == '\'' {
        rest[1..].split(quote).next()?
    } else {
        rest.split_whitespace().next()?
    };
    Some(unescape(value))
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// `text` wrapped at `width` columns, each line after `indent` (a list item's continuation
/// lines under its text).
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if line.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start_matches([' ', '-', '>']).len();
        let lead = line[..lead].to_string();
        let hang = " ".repeat(lead.len());
        let mut current = format!("{indent}{lead}");
        let start_len = current.len();
        for word in line[lead.len()..].split(' ') {
            if current.len() + word.len() + 1 > width && current.len() > start_len {
                out.push_str(current.trim_end());
                out.push('\n');
                current = format!("{indent}{hang}");
            }
            if current.len() > indent.len() + lead.len() && !current.ends_with(' ') {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(current.trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MFA: &str = "<p>Sets MFA to be on. When <code>ON</code>, all users must set up MFA.</p> <ul> <li> <p> <code>ON</code> – Requires MFA</p> </li> <li> <p> <code>OPTIONAL</code> – Optional</p> </li> </ul> <p>Use <a href=\"https://x.test/a\">SetUserPoolMfaConfig</a> &amp; more.</p>";

    #[test]
    fn text_keeps_paragraphs_lists_and_links() {
        assert_eq!(
            render(MFA, Flavour::Text),
            "Sets MFA to be on. When ON, all users must set up MFA.\n\n- ON – Requires MFA\n- OPTIONAL – Optional\n\nUse SetUserPoolMfaConfig <https://x.test/a> & more."
        );
    }

    #[test]
    fn markdown_marks_code_and_links() {
        assert_eq!(
            render(MFA, Flavour::Markdown),
            "Sets MFA to be on. When `ON`, all users must set up MFA.\n\n- `ON` – Requires MFA\n- `OPTIONAL` – Optional\n\nUse [SetUserPoolMfaConfig](https://x.test/a) & more."
        );
    }

    #[test]
    fn notes_numbered_lists_and_first_sentences() {
        let html = "<note> <p>Be careful.</p> </note><ol><li>one</li><li>two</li></ol>";
        assert_eq!(
            render(html, Flavour::Text),
            "Note: Be careful.\n\n1. one\n2. two"
        );
        assert_eq!(first_sentence(MFA), "Sets MFA to be on.");
        assert_eq!(
            first_sentence("<p>Use a value, e.g. 5. Then more.</p>"),
            "Use a value, e.g. 5."
        );
        assert_eq!(first_sentence("<p>No full stop</p>"), "No full stop");
    }

    #[test]
    fn wrapping_keeps_list_markers_hanging() {
        assert_eq!(wrap("- aaa bbb ccc", 9, "  "), "  - aaa\n    bbb\n    ccc");
    }
}
