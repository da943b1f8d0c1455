//! Doc comments from the spec's descriptions, with each field's rules stated in words.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Bounds, Field, Number, Service};

/// `#[doc]` attributes, one per line; paragraphs are separated by an empty line.
pub fn doc(paragraphs: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(paragraph.trim().lines().map(|line| format!(" {}", line.trim_end())));
    }
    quote! { #(#[doc = #lines])* }
}

/// Rustdoc reads descriptions as Markdown; the docs' text is plain, so neutralize the
/// characters that would become links or HTML (`Map<String,String>`, `[a-z]`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '*' | '_' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inline code, with a fence long enough for backticks inside.
pub fn code(text: &str) -> String {
    if text.contains('`') { format!("`` {text} ``") } else { format!("`{text}`") }
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
    let mut paragraphs: Vec<String> = field.description.iter().map(|d| escape(d)).collect();
    if !facts.is_empty() {
        paragraphs.push(facts.join(" "));
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
