//! Every Rust name the emitter writes is decided here: heck for the case, then escaping, then a
//! [`Namespace`] per generated scope that either takes the name or reports what already has it.
//!
//! The rule for a name that would collide: a wire name (a field, parameter or enum value, which
//! the service spells and the spec cannot change) is escaped to a safe Rust name and keeps its
//! spelling on the wire (`type` → `type_`, `UNKNOWN` → `UnknownValue`, `名字` → `u540d_u5b57`,
//! `ID` beside `id` → `id_2`, the last with a lint warning); a name the spec author chose (a
//! type, an operation id, a pattern, a service) is rejected with an error naming both
//! claimants, since renaming it silently would hide a name the author asked for. Std and
//! runtime items are written by paths a spec name cannot shadow (`::std::string::String`,
//! `runtime::Validate`), so those names need no reservation.

use std::collections::BTreeMap;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::load::Loc;

/// Words Rust reserves (strict, edition-2024 and reserved-for-future keywords).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Variant names the generator itself uses in every enum, and `Self`, which no variant may take.
const RESERVED_VARIANTS: &[&str] = &["Unknown", "Self"];

pub use crate::ir::reserved::{CALL_METHODS, CLIENT, CLIENT_METHODS, SENSITIVE_FIELDS};

/// Names a service module cannot take at the crate root: the runtime, cargo's `default`
/// feature, the crate's own features and modules (`serde-all` is no identifier), and the
/// crates generated code reaches by name.
const RESERVED_MODULES: &[&str] = &[
    "runtime",
    "default",
    "mock",
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "regex",
    "reqwest",
    "rustls",
    "tokio",
    "tracing",
    "futures_util",
    "hmac",
    "sha2",
];

/// The setters of a parameter on its operation's builder, as aws-sdk-rust names them: one
/// taking a value (the field's name, or `<name>_param` where every builder already has a
/// method of that name) and one taking an `Option` (`set_<name>`).
pub fn setter_idents(field_ident: &str) -> (String, String) {
    let setter = if CALL_METHODS.contains(&field_ident) {
        format!("{}_param", field_ident.trim_end_matches('_'))
    } else {
        field_ident.to_string()
    };
    let option_setter = format!("set_{}", setter.trim_end_matches('_'));
    (setter, option_setter)
}

/// Field, parameter and module names: `workspaceId` → `workspace_id`, `type` → `type_`; a
/// character no identifier holds becomes its code point (`名字` → `u540d_u5b57`), and a name
/// with no letter or digit at all becomes `unnamed`.
pub fn field_ident(wire: &str) -> String {
    let ident = ascii_only(&wire.to_snake_case(), |hex| format!("_u{hex}_"));
    let ident = ident.split('_').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("_");
    let ident = if ident.is_empty() { "unnamed".to_string() } else { ident };
    escape(prefix_digit(ident, "n"))
}

/// Type names: `server_response` → `ServerResponse`. `Self` is not escaped: no suffix makes a
/// type name the author would recognise, so the namespace rejects it.
pub fn type_ident(name: &str) -> String {
    prefix_digit(name.to_upper_camel_case(), "T")
}

/// Enum variants: `POST_PAID` → `PostPaid`, `1` → `V1`, `运行中` → `U8fd0U884cU4e2d`, `` →
/// `Empty`; a documented value named like a variant the generator adds (or `Self`) gets a
/// `Value` suffix.
pub fn variant_ident(wire: &str) -> String {
    // A negative number is not its absolute value: `-1` → `Minus1`.
    let negative = wire.strip_prefix('-').filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let camel = match negative {
        Some(rest) => format!("Minus{}", rest.to_upper_camel_case()),
        None => wire.to_upper_camel_case(),
    };
    let ident = ascii_only(&camel, |hex| format!("U{hex}"));
    let ident = if ident.is_empty() { "Empty".to_string() } else { prefix_digit(ident, "V") };
    if RESERVED_VARIANTS.contains(&ident.as_str()) { ident + "Value" } else { ident }
}

/// `ident` with every character an ASCII identifier cannot hold written as its code point in
/// hex, by `spell`.
fn ascii_only(ident: &str, spell: impl Fn(String) -> String) -> String {
    let mut out = String::with_capacity(ident.len());
    for c in ident.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            out.push_str(&spell(format!("{:x}", u32::from(c))));
        }
    }
    out
}

/// Rust names for the wire names of one table (or one enum), distinct from each other: each is
/// `convert(wire)`; where several convert alike, the one spelled exactly like the name keeps it
/// (else the first), and the others get the first free `suffixed(name, n)` from 2 on (`id_2`).
/// Returns each name with, for a suffixed one, the wire name that kept the plain name.
pub fn unique_idents<'a>(
    wires: &[&'a str],
    convert: impl Fn(&str) -> String,
    suffixed: impl Fn(&str, usize) -> String,
) -> Vec<(String, Option<&'a str>)> {
    let plain: Vec<String> = wires.iter().map(|wire| convert(wire)).collect();
    let keeper = |name: &str| {
        let same = || plain.iter().enumerate().filter(|(_, p)| *p == name).map(|(index, _)| index);
        same().find(|&index| wires[index] == name).or_else(|| same().next())
    };
    let mut taken: std::collections::BTreeSet<String> = plain.iter().cloned().collect();
    plain
        .iter()
        .enumerate()
        .map(|(index, name)| match keeper(name) {
            Some(kept) if kept != index => {
                let free = (2..).map(|n| suffixed(name, n)).find(|candidate| !taken.contains(candidate));
                let free = free.expect("an unbounded range has a free suffix");
                taken.insert(free.clone());
                (free, Some(wires[kept]))
            }
            _ => (name.clone(), None),
        })
        .collect()
}

/// Statics: `uuid` → `UUID`.
pub fn const_ident(name: &str) -> String {
    escape(prefix_digit(name.to_shouty_snake_case(), "P"))
}

/// A typed accessor of a field: `create_time` + `parsed` → `create_time_parsed`; built from
/// the wire name so an escaped field (`type_`) gives `type_json`, not `type__json`.
pub fn accessor_ident(wire: &str, suffix: &str) -> String {
    escape(prefix_digit(format!("{}_{suffix}", wire.to_snake_case()), "n"))
}

/// The request type of an operation (`ListNotebooksRequest`).
pub fn request_ident(type_prefix: &str) -> String {
    format!("{type_prefix}Request")
}

/// The typed headers of an operation's responses (`ShowJobHeaders`).
pub fn headers_ident(type_prefix: &str) -> String {
    format!("{type_prefix}Headers")
}

/// The builder of an operation's call (`builders::ListNotebooks`), in the service's `builders`
/// module, whose names are the builders' alone: it reaches the service's types through the
/// service module.
pub fn builder_ident(type_prefix: &str) -> String {
    type_prefix.to_string()
}

fn prefix_digit(ident: String, prefix: &str) -> String {
    if ident.starts_with(|c: char| c.is_ascii_digit()) { format!("{prefix}{ident}") } else { ident }
}

fn escape(ident: String) -> String {
    if KEYWORDS.contains(&ident.as_str()) { ident + "_" } else { ident }
}

/// Whether heck produced something usable: non-empty, only ASCII identifier characters, not a
/// keyword (`Self` as a type name is the one a conversion can still produce).
pub fn is_valid_ident(ident: &str) -> bool {
    !ident.is_empty()
        && ident.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !ident.starts_with(|c: char| c.is_ascii_digit())
        && !KEYWORDS.contains(&ident)
        && ident.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Whether a service name is free at the crate root (see [`RESERVED_MODULES`]).
pub fn is_reserved_module(name: &str) -> bool {
    RESERVED_MODULES.contains(&name)
}

/// What holds a name in a [`Namespace`]: a spec entry with its place, or the generator.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Said in an error: `type "Foo"`, `the request type of operation "list_x"`.
    pub what: String,
    /// Where the spec wrote it; `None` for names the generator writes in every crate.
    pub loc: Option<Loc>,
}

impl std::fmt::Display for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.loc {
            Some(loc) => write!(f, "{} at {loc}", self.what),
            None => write!(f, "{}, which the generator writes", self.what),
        }
    }
}

/// The names taken in one generated scope (a module's types, a client's methods, a call's
/// setters), each with what took it.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeMap<String, Claim>,
}

impl Namespace {
    /// A namespace holding the generator's own names, each described by `what`.
    pub fn reserving<'a>(names: impl IntoIterator<Item = &'a str>, what: impl Fn(&str) -> String) -> Namespace {
        let taken = names.into_iter().map(|name| (name.to_string(), Claim { what: what(name), loc: None })).collect();
        Namespace { taken }
    }

    /// Takes `ident` for `claim`, or returns what already holds it.
    pub fn claim(&mut self, ident: &str, claim: Claim) -> Result<(), &Claim> {
        match self.taken.entry(ident.to_string()) {
            std::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(claim);
                Ok(())
            }
            std::collections::btree_map::Entry::Occupied(entry) => Err(entry.into_mut()),
        }
    }

    pub fn contains(&self, ident: &str) -> bool {
        self.taken.contains_key(ident)
    }
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
        assert_eq!(variant_ident("self"), "SelfValue");
        assert_eq!(const_ident("uuid"), "UUID");
        assert_eq!(accessor_ident("type", "json"), "type_json");
        assert_eq!(accessor_ident("createTime", "parsed"), "create_time_parsed");
        assert_eq!(setter_idents("timeout"), ("timeout_param".into(), "set_timeout_param".into()));
        assert_eq!(setter_idents("limit"), ("limit".into(), "set_limit".into()));
        assert_eq!(setter_idents("type_"), ("type_".into(), "set_type".into()));
        assert_eq!(field_ident("中文"), "u4e2d_u6587");
        assert_eq!(field_ident("naïve"), "na_uef_ve");
        assert_eq!(field_ident("_"), "unnamed");
        assert_eq!(field_ident("@odata.type"), "odata_type");
        assert_eq!(variant_ident("运行中"), "U8fd0U884cU4e2d");
        assert_eq!(variant_ident("-1"), "Minus1");
        assert_eq!(variant_ident(" "), "Empty");
        assert!(is_valid_ident(&field_ident("中文")));
        assert!(!is_valid_ident(&type_ident("self")), "`Self` is no type name");
    }

    #[test]
    fn colliding_wire_names_get_suffixes_and_the_exact_spelling_keeps_its_name() {
        let wires = ["ID", "id", "Id", "id_2"];
        let idents = unique_idents(&wires, field_ident, |name, n| format!("{name}_{n}"));
        assert_eq!(
            idents,
            [
                ("id_3".to_string(), Some("id")),
                ("id".to_string(), None),
                ("id_4".to_string(), Some("id")),
                ("id_2".to_string(), None)
            ]
        );
    }

    #[test]
    fn a_namespace_reports_what_holds_a_name() {
        let mut names = Namespace::reserving(["Client"], |name| format!("the service's `{name}`"));
        let taken =
            names.claim("Client", Claim { what: "type \"client\"".into(), loc: Some(Loc { line: 3, column: 5 }) });
        assert_eq!(taken.unwrap_err().to_string(), "the service's `Client`, which the generator writes");
        assert!(
            names.claim("Foo", Claim { what: "type \"Foo\"".into(), loc: Some(Loc { line: 4, column: 5 }) }).is_ok()
        );
        let again = names.claim("Foo", Claim { what: "type \"foo\"".into(), loc: None }).unwrap_err();
        assert_eq!(again.to_string(), "type \"Foo\" at 4:5");
    }
}
