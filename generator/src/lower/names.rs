//! Rust names from wire names: heck for the case, then keyword escaping.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves (strict, edition-2024 and reserved-for-future keywords).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Variant names the generator itself uses in every enum.
const RESERVED_VARIANTS: &[&str] = &["Unknown"];

/// Methods every generated call has, which a parameter's setter must not shadow.
const CALL_METHODS: &[&str] = &["validation", "timeout", "retries", "send", "into_request", "into_stream"];

/// The setter of a parameter on its call: its field name, or `set_<name>` where the call
/// already has a method of that name.
pub fn setter_ident(field_ident: &str) -> String {
    if CALL_METHODS.contains(&field_ident) {
        format!("set_{}", field_ident.trim_end_matches('_'))
    } else {
        field_ident.to_string()
    }
}

/// Field, parameter and module names: `workspaceId` → `workspace_id`, `type` → `type_`.
pub fn field_ident(wire: &str) -> String {
    escape(prefix_digit(wire.to_snake_case(), "n"))
}

/// Type names: `server_response` → `ServerResponse`.
pub fn type_ident(name: &str) -> String {
    escape(prefix_digit(name.to_upper_camel_case(), "T"))
}

/// Enum variants: `POST_PAID` → `PostPaid`, `1` → `V1`; a documented value named like a
/// variant the generator adds gets a `Value` suffix.
pub fn variant_ident(wire: &str) -> String {
    let ident = prefix_digit(wire.to_upper_camel_case(), "V");
    if RESERVED_VARIANTS.contains(&ident.as_str()) { ident + "Value" } else { escape(ident) }
}

/// Statics: `uuid` → `UUID`.
pub fn const_ident(name: &str) -> String {
    escape(prefix_digit(name.to_shouty_snake_case(), "P"))
}

fn prefix_digit(ident: String, prefix: &str) -> String {
    if ident.starts_with(|c: char| c.is_ascii_digit()) { format!("{prefix}{ident}") } else { ident }
}

fn escape(ident: String) -> String {
    if KEYWORDS.contains(&ident.as_str()) { ident + "_" } else { ident }
}

/// Whether heck produced something usable: non-empty and only identifier characters.
pub fn is_valid_ident(ident: &str) -> bool {
    !ident.is_empty()
        && ident.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !ident.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_rust_conventions() {
        assert_eq!(field_ident("workspaceId"), "workspace_id");
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("X-Request-Id"), "x_request_id");
        assert_eq!(type_ident("server_response"), "ServerResponse");
        assert_eq!(variant_ident("POST_PAID"), "PostPaid");
        assert_eq!(variant_ident("createTime"), "CreateTime");
        assert_eq!(variant_ident("1"), "V1");
        assert_eq!(variant_ident("UNKNOWN"), "UnknownValue");
        assert_eq!(const_ident("uuid"), "UUID");
        assert_eq!(setter_ident("timeout"), "set_timeout");
        assert_eq!(setter_ident("limit"), "limit");
        assert!(!is_valid_ident(&field_ident("中文")));
    }
}
