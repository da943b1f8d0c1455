//! Drafted entries as spec YAML that reads like the hand-written files: short rows as flow
//! mappings on one line, long or multi-line ones as block mappings, examples as literal
//! blocks. Every text goes through [`scalar`], the one escaping function for YAML, so any text
//! a page holds loads back as written.

use std::fmt::Write as _;

use super::facts::{self, Number};
use super::spec::{FieldDraft, OperationDraft, ResponseDraft, TypeDraft, TypeKind, Value};

/// A flow row longer than this is written as a block mapping.
const FLOW_WIDTH: usize = 118;

/// A YAML scalar holding `text` exactly: plain when YAML would read it back as the same
/// string (in a flow mapping when `flow`), else double-quoted with escapes.
pub fn scalar(text: &str, flow: bool) -> String {
    if plain_is_safe(text, flow) { text.to_string() } else { quoted(text) }
}

/// A double-quoted YAML scalar: `\`, `"` and every character YAML does not print escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if !printable(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// YAML 1.2's printable set, less the byte-order mark and line separators.
fn printable(c: char) -> bool {
    matches!(c, '\t' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

fn plain_is_safe(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let indicators = "-?:,[]{}#&*!|>'\"%@`";
    let flow_breakers = [',', '[', ']', '{', '}'];
    let lower = text.to_lowercase();
    let special = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"];
    !indicators.contains(first)
        && !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !text.contains(": ")
        && !text.ends_with(':')
        && !text.contains(" #")
        && text.chars().all(|c| printable(c) && c != '\t')
        && !(flow && text.contains(flow_breakers))
        && !special.contains(&lower.as_str())
        && !looks_numeric(text)
}

fn looks_numeric(text: &str) -> bool {
    let trimmed = text.trim_start_matches(['+', '-']);
    trimmed.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && trimmed.chars().all(|c| c.is_ascii_hexdigit() || "._xXoOeE+-:".contains(c))
        || matches!(text.to_lowercase().as_str(), ".inf" | "-.inf" | "+.inf" | ".nan")
}

/// Text that reads best as a literal block (`|-`): several lines, all printable.
fn literal_is_safe(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with([' ', '\t'])
        && text.chars().all(|c| c == '\n' || (printable(c) && c != '\u{85}'))
        && text.lines().all(|line| line == line.trim_end())
}

/// `key: value` at `indent`, the value as a literal block when it has several lines.
pub fn text_entry(out: &mut String, indent: usize, key: &str, text: &str) {
    let pad = " ".repeat(indent);
    if literal_is_safe(text) {
        let _ = writeln!(out, "{pad}{key}: |-");
        for line in text.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "{pad}  {line}");
            }
        }
    } else {
        let _ = writeln!(out, "{pad}{key}: {}", scalar(text, false));
    }
}

/// An example's JSON as a literal block (`|`), lines trimmed at the end; quoted when a
/// character cannot stand in a block.
pub fn example_entry(out: &mut String, indent: usize, key: &str, examples: &[String]) {
    let pad = " ".repeat(indent);
    let tidy = |text: &str| -> String {
        text.trim().lines().map(|line| line.trim_end().replace('\t', "    ")).collect::<Vec<_>>().join("\n")
    };
    let block = |out: &mut String, text: &str, lead: &str, body_pad: &str| {
        let text = tidy(text);
        if text.chars().all(|c| c == '\n' || (printable(c) && c != '\u{85}')) {
            let _ = writeln!(out, "{lead}|");
            for line in text.lines() {
                let _ = writeln!(out, "{body_pad}{line}");
            }
        } else {
            let _ = writeln!(out, "{lead}{}", quoted(&text));
        }
    };
    match examples {
        [] => {}
        [one] => block(out, one, &format!("{pad}{key}: "), &format!("{pad}  ")),
        several => {
            let _ = writeln!(out, "{pad}{key}:");
            for example in several {
                block(out, example, &format!("{pad}  - "), &format!("{pad}    "));
            }
        }
    }
}

fn number(n: Number) -> String {
    match n {
        Number::Int(n) => n.to_string(),
        Number::Float(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.1}"),
        Number::Float(n) => facts::show(Number::Float(n)),
    }
}

fn value(value: &Value, flow: bool) -> String {
    match value {
        Value::String(text) => {
            // A string default that looks like a number or a boolean stays a string.
            if plain_is_safe(text, flow) { text.clone() } else { quoted(text) }
        }
        Value::Integer(n) => n.to_string(),
        Value::Float(n) => number(Number::Float(*n)),
        Value::Boolean(b) => b.to_string(),
    }
}

/// A field's keys in the order the hand-written files use, as (key, YAML value) pairs.
fn field_pairs(field: &FieldDraft, flow: bool) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("name", scalar(&field.name, flow))];
    if let Some(location) = field.location {
        pairs.push(("in", location.to_string()));
    }
    pairs.push(("type", scalar(&field.type_expr, flow)));
    if field.required {
        pairs.push(("required", "true".into()));
    }
    if let Some(description) = &field.description {
        pairs.push(("description", scalar(description, flow)));
    }
    if let Some(pattern) = &field.pattern {
        pairs.push(("pattern", scalar(pattern, flow)));
    }
    for (key, bound) in [("min_length", field.min_length), ("max_length", field.max_length)] {
        pairs.extend(bound.map(|n| (key, n.to_string())));
    }
    for (key, bound) in [("minimum", field.minimum), ("maximum", field.maximum)] {
        pairs.extend(bound.map(|n| (key, number(n))));
    }
    for (key, bound) in [("min_items", field.min_items), ("max_items", field.max_items)] {
        pairs.extend(bound.map(|n| (key, n.to_string())));
    }
    if let Some(default) = &field.default {
        pairs.push(("default", value(default, flow)));
    }
    if !field.review.is_empty() {
        pairs.push(("review", scalar(&field.review.join("; "), flow)));
    }
    pairs
}

/// A list item holding a field: one flow line when it fits and has no multi-line text.
pub fn field_item(out: &mut String, indent: usize, field: &FieldDraft) {
    let pad = " ".repeat(indent);
    let pairs = field_pairs(field, true);
    let line = pairs.iter().map(|(key, value)| format!("{key}: {value}")).collect::<Vec<_>>().join(", ");
    let multiline = field.description.as_deref().is_some_and(|d| d.contains('\n'));
    if !multiline && pad.len() + line.len() + 6 <= FLOW_WIDTH {
        let _ = writeln!(out, "{pad}- {{ {line} }}");
        return;
    }
    for (index, (key, value)) in field_pairs(field, false).into_iter().enumerate() {
        let lead = if index == 0 { format!("{pad}- ") } else { format!("{pad}  ") };
        match (key, &field.description) {
            ("description", Some(description)) => {
                let mut entry = String::new();
                text_entry(&mut entry, 0, key, description);
                for (line_index, line) in entry.lines().enumerate() {
                    match (line_index, line.is_empty()) {
                        (0, _) => writeln!(out, "{lead}{line}"),
                        (_, true) => writeln!(out),
                        (_, false) => writeln!(out, "{pad}  {line}"),
                    }
                    .expect("writing to a String succeeds");
                }
            }
            _ => {
                let _ = writeln!(out, "{lead}{key}: {value}");
            }
        }
    }
}

pub fn operation(out: &mut String, op: &OperationDraft) {
    let _ = writeln!(out, "  - id: {}", scalar(&op.id, false));
    let _ = writeln!(out, "    summary: {}", scalar(&op.summary, false));
    if let Some(description) = &op.description {
        text_entry(out, 4, "description", description);
    }
    let _ = writeln!(out, "    method: {}", op.method);
    let _ = writeln!(out, "    path: {}", scalar(&op.path, false));
    let _ = writeln!(out, "    source: {}", scalar(&op.source, false));
    if !op.review.is_empty() {
        let _ = writeln!(out, "    review: {}", scalar(&op.review.join("; "), false));
    }
    if !op.parameters.is_empty() {
        out.push_str("    parameters:\n");
        for field in &op.parameters {
            field_item(out, 6, field);
        }
    }
    if let Some(body) = &op.body {
        let _ = writeln!(out, "    body: {{ type: {} }}", scalar(body, true));
    }
    example_entry(out, 4, "example_request", &op.example_requests);
    out.push_str("    responses:\n");
    for response in &op.responses {
        response_item(out, 6, response);
    }
}

/// A list item holding a response, its `-` at column `indent`.
pub fn response_item(out: &mut String, indent: usize, response: &ResponseDraft) {
    let pad = " ".repeat(indent);
    let mut flow = vec![format!("status: {}", response.status)];
    flow.extend(response.description.as_ref().map(|d| format!("description: {}", scalar(d, true))));
    flow.extend(response.body.as_ref().map(|b| format!("body: {{ type: {} }}", scalar(b, true))));
    let line = format!("{pad}- {{ {} }}", flow.join(", "));
    if response.examples.is_empty() && response.headers.is_empty() && line.len() <= FLOW_WIDTH {
        let _ = writeln!(out, "{line}");
        return;
    }
    let _ = writeln!(out, "{pad}- status: {}", response.status);
    if let Some(description) = &response.description {
        let _ = writeln!(out, "{pad}  description: {}", scalar(description, false));
    }
    if let Some(body) = &response.body {
        let _ = writeln!(out, "{pad}  body: {{ type: {} }}", scalar(body, true));
    }
    if !response.headers.is_empty() {
        let _ = writeln!(out, "{pad}  headers:");
        for header in &response.headers {
            field_item(out, indent + 4, header);
        }
    }
    example_entry(out, indent + 2, "example", &response.examples);
}

/// A list item holding an enum value, its `-` at column `indent`. The numbers of an integer
/// enum are written as numbers (the loader reads their text).
pub fn enum_value_item(out: &mut String, indent: usize, value: &str, description: Option<&str>, integer: bool) {
    let value = if integer { value.to_string() } else { scalar(value, true) };
    let mut line = format!("{}- {{ value: {value}", " ".repeat(indent));
    if let Some(description) = description {
        let _ = write!(line, ", description: {}", scalar(description, true));
    }
    line.push_str(" }");
    let _ = writeln!(out, "{line}");
}

pub fn type_def(out: &mut String, def: &TypeDraft) {
    let _ = writeln!(out, "  - name: {}", scalar(&def.name, false));
    if let Some(description) = &def.description {
        text_entry(out, 4, "description", description);
    }
    let _ = writeln!(out, "    source: {}", scalar(&def.source, false));
    if !def.review.is_empty() {
        let _ = writeln!(out, "    review: {}", scalar(&def.review.join("; "), false));
    }
    match &def.kind {
        TypeKind::Struct(fields) => {
            out.push_str("    fields:\n");
            for field in fields {
                field_item(out, 6, field);
            }
        }
        TypeKind::Enum { values, integer } => {
            if *integer {
                out.push_str("    type: Integer\n");
            }
            out.push_str("    open: false\n    enum:\n");
            for (value, description) in values {
                enum_value_item(out, 6, value, description.as_deref(), *integer);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_yaml_reads_them_back_unchanged() {
        assert_eq!(scalar("Specifies the project ID.", true), "Specifies the project ID.");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(scalar("a, b", false), "a, b");
        assert_eq!(scalar("key: value", false), "\"key: value\"");
        assert_eq!(scalar("true", false), "\"true\"");
        assert_eq!(scalar("10", false), "\"10\"");
        assert_eq!(scalar("- item", false), "\"- item\"");
        assert_eq!(scalar("", false), "\"\"");
        assert_eq!(scalar("say \"hi\"\\\n\u{7}", false), "\"say \\\"hi\\\"\\\\\\n\\u0007\"");
        assert_eq!(scalar("Array of ServerResponse", true), "Array of ServerResponse");
        assert_eq!(scalar("Map<String,String>", true), "\"Map<String,String>\"");
    }
}
