//! Text from the spec into the generated files, through one escaping function per target, so
//! any text a page holds (quotes, newlines, `*/`, `#`, backslashes, `{{`, control characters)
//! renders as written and cannot change the structure of the file it lands in:
//!
//! - Rust doc comments: [`escape`] makes the text Markdown that renders verbatim (and holds no
//!   code block, which rustdoc would run as a doctest), [`doc`] turns it into `#[doc]`
//!   attributes, whose string literals `quote!` escapes;
//! - Markdown (the README): [`markdown_inline`], the same escaping on one line;
//! - TOML (the manifest): [`toml_string`].
//!
//! Names and numbers need none of this: lowering made them identifiers and typed values.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Bounds, Field, Number, Service};

/// `#[doc]` attributes, one per line; paragraphs are separated by an empty line. Paragraphs
/// are Markdown already: spec text goes through [`escape`] first.
pub fn doc(paragraphs: &[String]) -> TokenStream {
    let lines = doc_lines(paragraphs);
    quote! { #(#[doc = #lines])* }
}

/// The same, as inner attributes (`//!`), for a module's own docs.
pub fn inner_doc(paragraphs: &[String]) -> TokenStream {
    let lines = doc_lines(paragraphs);
    quote! { #(#![doc = #lines])* }
}

fn doc_lines(paragraphs: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(paragraph.trim().lines().map(|line| format!(" {}", line.trim_end())));
    }
    lines
}

/// Plain text as Markdown that renders as written. Each line is trimmed (an indented line
/// would start a code block, which rustdoc runs as a doctest); characters Markdown gives a
/// meaning anywhere are backslash-escaped, as are those that open a block at a line's start
/// (`#` headings, `-`/`+`/`=` lists and underlines, `1.` lists); control characters, and the
/// bidirectional ones the compiler refuses in comments, are shown as `\u{…}`. A URL becomes
/// an autolink (`<https://…>`), which rustdoc asks for instead of a bare URL.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (index, line) in lines(text).enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let line = line.trim();
        let block_marker = block_marker_len(line);
        let mut url_end = 0;
        for (position, c) in line.char_indices() {
            if position < url_end {
                continue;
            }
            if let Some(url) = url_at(&line[position..]) {
                out.push('<');
                out.push_str(url);
                out.push('>');
                url_end = position + url.len();
                continue;
            }
            let at_start = position < block_marker && !c.is_ascii_digit();
            if at_start || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|') {
                out.push('\\');
                out.push(c);
            } else {
                push_visible(&mut out, c);
            }
        }
    }
    out
}

/// The URL `text` starts with, if any: `http://` or `https://` and what follows up to a space,
/// a character an autolink cannot hold, or trailing punctuation that ends the sentence.
fn url_at(text: &str) -> Option<&str> {
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|scheme| text.get(..scheme.len()).is_some_and(|start| start.eq_ignore_ascii_case(scheme)))?;
    let end = text
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c.is_control() || is_bidi_control(c) || matches!(c, '<' | '>' | '`'))
        .map_or(text.len(), |(end, _)| end);
    let url = text[..end].trim_end_matches(|c: char| ".,:;!?'\")]}*_~|\\".contains(c));
    (url.len() > scheme.len()).then_some(url)
}

/// [`escape`] on one line, for a table cell, a heading or a list item of the README.
pub fn markdown_inline(text: &str) -> String {
    escape(text).replace('\n', " ")
}

/// The body of a TOML basic string (the quotes are the template's), also safe in a comment:
/// one line, `\` and `"` escaped, control characters as `\uXXXX`.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_bidi_control(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// Inline code, verbatim: fenced with more backticks than any run inside, padded where the
/// text starts or ends with a backtick, control characters shown as `\u{…}` (a line break
/// would let the next doc line open a block).
pub fn code(text: &str) -> String {
    let mut visible = String::with_capacity(text.len());
    for c in text.chars() {
        push_visible(&mut visible, c);
    }
    let longest = visible.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if visible.starts_with('`') || visible.ends_with('`') || visible.is_empty() { " " } else { "" };
    format!("{fence}{pad}{visible}{pad}{fence}")
}

/// Lines as the compiler and Markdown see them: split at `\n`, `\r\n` and a lone `\r`.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line)).flat_map(|line| line.split('\r'))
}

/// How many leading bytes of a trimmed line open a Markdown block: `#…`, `-`, `+`, `=`, or
/// the digits and `.`/`)` of a numbered list item. Escaping them keeps the line a paragraph.
fn block_marker_len(line: &str) -> usize {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        return digits + 1;
    }
    match line.bytes().next() {
        Some(b'#') => line.bytes().take_while(|&b| b == b'#').count(),
        Some(b'-' | b'+' | b'=') => 1,
        _ => 0,
    }
}

fn push_visible(out: &mut String, c: char) {
    if (c.is_control() && c != '\t') || is_bidi_control(c) {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        out.push(c);
    }
}

/// Characters that reorder text; rustc refuses them in comments and string literals.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// An item's description; every public item has one, so a consumer's `missing_docs` stays
/// quiet, and an item the page does not describe says so.
pub fn described(description: Option<&str>) -> String {
    description.map_or_else(|| "Not described by the reference page.".to_string(), escape)
}

/// The field's description, then one line stating its rules and default.
pub fn field_doc(field: &Field, service: &Service) -> Vec<String> {
    let mut facts = Vec::new();
    if let Some(ident) = &field.rules.pattern
        && let Some(pattern) = service.patterns.iter().find(|p| &p.ident == ident)
    {
        facts.push(format!("Pattern: {}.", code(&pattern.regex)));
    }
    if let Some(bounds) = field.rules.length {
        facts.push(format!("Length: {} characters.", show_bounds(bounds, u64::to_string)));
    }
    if let Some(bounds) = field.rules.range {
        facts.push(format!("Range: {}.", show_bounds(bounds, Number::to_string)));
    }
    if let Some(bounds) = field.rules.items {
        facts.push(format!("Items: {}.", show_bounds(bounds, u64::to_string)));
    }
    if let Some(default) = &field.default {
        facts.push(format!("Default: {}.", code(default)));
    }
    if field.sensitive {
        facts.push("Sensitive: redacted in `Debug` output.".to_string());
    }
    let mut paragraphs = vec![described(field.description.as_deref())];
    if !facts.is_empty() {
        paragraphs.push(facts.join(" "));
    }
    let mut origin = Vec::new();
    if field.provenance.from_sdk {
        origin.push("Not on the reference page: from the official SDK.".to_string());
    }
    let record = &field.provenance.page;
    let on = record.iter().find(|(key, _)| key == "on").map(|(_, pages)| format!(" (pages {})", code(pages)));
    let on = on.unwrap_or_default();
    for (key, value) in record {
        origin.push(match key.as_str() {
            "on" => continue,
            "absent" => format!("The reference page {} does not list it.", code(value)),
            "name" => format!("The reference page{on} spells it {}.", code(value)),
            _ if value.is_empty() => {
                format!("The reference page{on} states no {}: the spec adds it.", key.replace('_', " "))
            }
            _ => format!("The reference page{on} says {} {}.", key.replace('_', " "), code(value)),
        });
    }
    if !origin.is_empty() {
        paragraphs.push(origin.join(" "));
    }
    paragraphs
}

fn show_bounds<T: Copy>(bounds: Bounds<T>, show: impl Fn(&T) -> String) -> String {
    match (bounds.min, bounds.max) {
        (Some(min), Some(max)) => format!("{} to {}", show(&min), show(&max)),
        (Some(min), None) => format!("at least {}", show(&min)),
        (None, Some(max)) => format!("at most {}", show(&max)),
        (None, None) => "any".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_renders_verbatim_and_opens_no_block() {
        assert_eq!(escape("Map<String,String> [a-z]* `x` a_b"), r"Map\<String,String\> \[a-z\]\* \`x\` a\_b");
        assert_eq!(
            escape("# Heading\n    indented code\n- item\n1. first\n2024 is a year"),
            "\\# Heading\nindented code\n\\- item\n1\\. first\n2024 is a year"
        );
        assert_eq!(escape("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(escape("```rust\nfn x() {}\n```"), "\\`\\`\\`rust\nfn x() {}\n\\`\\`\\`");
        assert_eq!(escape("*/ {{ x }} \"q\" \\d"), "\\*/ {{ x }} \"q\" \\\\d");
        assert_eq!(escape("bell\u{7} rlo\u{202E}"), "bell\\u{7} rlo\\u{202e}");
        assert_eq!(markdown_inline("a | b\nc"), "a \\| b c");
        assert_eq!(
            escape("see https://example.com/a_b?c=d. Or HTTP://x.y"),
            "see <https://example.com/a_b?c=d>. Or <HTTP://x.y>"
        );
        assert_eq!(escape("https:// alone"), "https:// alone");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("^[a-z]$"), "`^[a-z]$`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
        assert_eq!(code("a\nb"), "`a\\u{a}b`");
        assert_eq!(code(""), "`  `");
    }

    #[test]
    fn toml_strings_stay_on_one_line() {
        assert_eq!(toml_string("say \"hi\"\\\nbye\u{1}"), "say \\\"hi\\\"\\\\\\nbye\\u0001");
    }
}
