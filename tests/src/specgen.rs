//! Random spec files, for the property tests: every construct of the format, with names drawn
//! from a hostile pool (keywords, std prelude and runtime names, names the generator writes
//! itself, Unicode, digits first, names that differ only in case) and text drawn from odd
//! text (quotes, line breaks, comment ends, Markdown, control and bidirectional characters).
//!
//! Most generated specs lower; some are rejected for a collision the pool provokes on purpose.
//! Either way the property is the same: a rejected spec gets located errors, and a spec that
//! lowers emits files that all parse.

use proptest::prelude::*;
use proptest::sample::select;

/// Type names: std prelude, runtime and serde names, case twins; then names lowering rejects
/// (the generator's own, keywords, names with no Rust form), drawn less often.
const TYPE_NAMES: &[&str] = &[
    "Option",
    "String",
    "Vec",
    "Result",
    "Box",
    "Error",
    "Config",
    "Response",
    "Validate",
    "Validator",
    "Pattern",
    "Sensitive",
    "From",
    "Into",
    "Default",
    "Some",
    "None",
    "Ok",
    "Query",
    "Body",
    "Operation",
    "Call",
    "Transport",
    "Method",
    "Serialize",
    "Deserialize",
    "ToString",
    "Iterator",
    "server_info",
    "ServerInfo",
    "Thing",
    "1st",
];
const REJECTED_TYPE_NAMES: &[&str] = &["Client", "self", "Self", "名字", "SERVER_INFO", "thing"];

/// Wire names of fields, parameters and headers: keywords, call methods, locals the emitted
/// code uses, case-only twins, odd characters.
const WIRE_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "fn",
    "match",
    "async",
    "await",
    "gen",
    "crate",
    "super",
    "r#type",
    "Some",
    "None",
    "Ok",
    "validation",
    "timeout",
    "retries",
    "send",
    "into_request",
    "into_stream",
    "set_send",
    "body",
    "v",
    "query",
    "form",
    "headers",
    "page",
    "value",
    "project_id",
    "id",
    "ID",
    "Id",
    "1abc",
    "名字",
    "naïve",
    "@odata.type",
    "$ref",
    "a-b",
    "a.b",
    " x ",
    "X-Request-Id",
    "_",
    "__",
    "",
];

/// Enum values: the generator's own variant, keywords, case twins, digits, odd text.
const ENUM_VALUES: &[&str] = &[
    "Unknown",
    "UNKNOWN",
    "UnknownValue",
    "self",
    "Self",
    "type",
    "1",
    "-1",
    "1.5",
    "a\"b",
    "c\\d",
    "e f",
    "ACTIVE",
    "active",
    "Active",
    "名字",
    "",
    " ",
    "x`y",
    "*/",
];

/// Text for titles, summaries, descriptions, sources and defaults.
const TEXTS: &[&str] = &[
    "plain text",
    "quotes \" and ' and `backticks`",
    "line one\nline two\r\nline three\rline four",
    "*/ /* // /// //! #[doc = \"x\"]",
    "# heading\n    indented code\n```rust\nfn main() {}\n```\n~~~\n- item\n1. item\n= not a heading",
    "{{ template }} {% block %} {# comment #}",
    "<script>alert(1)</script> & &amp; [link](x) [Link] <T>",
    "backslashes \\ \\\\ \\n \\u{202E}",
    "control \u{7} \u{1b}[31m tab\there",
    "bidi \u{202E}reversed\u{202C} \u{2066}isolate\u{2069}",
    "https://example.com/a_b?c=d bare URL",
    "名字 naïve émoji 🚀",
    "",
    " ",
    "trailing backslash \\",
];

/// Regexes the client's engine compiles, some with characters text escaping must handle.
const PATTERNS: &[&str] = &["^[a-z]+$", "^.*$", "^[`\"\\\\]+$", "^\\d{1,3}$", "^[a-z]\n$", "^(a|b)*$", "^\\p{L}+$"];

const SCALARS: &[&str] = &["String", "Integer", "Long", "Boolean", "Float", "Double", "Object"];
const METHODS: &[&str] = &["GET", "post", "Put", "DELETE", "PATCH", "HEAD"];
const PATH_LITERALS: &[&str] = &["things", "a:batch", "x-y", "v1.1", "~user", "名字"];
const OPERATION_IDS: &[&str] = &["list_things", "validate", "into_request", "query", "check", "a1", "into_stream"];
const REJECTED_OPERATION_IDS: &[&str] = &["new", "send", "self", "type", "a_1", "Create"];

#[derive(Debug, Clone)]
enum Ty {
    Scalar(&'static str),
    /// Index into the spec's types, modulo their number (a scalar when there are none).
    Named(usize),
    Array(Box<Ty>),
    Map(Box<Ty>),
}

#[derive(Debug, Clone)]
struct Rules {
    pattern: Option<&'static str>,
    length: (Option<u64>, Option<u64>),
    range: (Option<f64>, Option<f64>),
    items: (Option<u64>, Option<u64>),
}

#[derive(Debug, Clone)]
struct FieldGen {
    wire: String,
    ty: Ty,
    required: bool,
    description: Option<String>,
    sensitive: bool,
    format: Option<&'static str>,
    rules: Rules,
}

#[derive(Debug, Clone)]
enum Kind {
    Struct(Vec<FieldGen>),
    Enum { open: bool, values: Vec<(String, Option<String>)> },
}

#[derive(Debug, Clone)]
struct TypeGen {
    name: String,
    description: Option<String>,
    kind: Kind,
}

#[derive(Debug, Clone)]
struct OperationGen {
    id: String,
    summary: String,
    method: &'static str,
    literals: Vec<&'static str>,
    path_params: Vec<FieldGen>,
    query_params: Vec<FieldGen>,
    header_params: Vec<FieldGen>,
    /// A struct type sent as JSON, or a form sent as multipart.
    body: Option<(Ty, bool)>,
    responses: Vec<(u16, Option<Ty>)>,
    paginated: bool,
}

#[derive(Debug, Clone)]
struct SpecGen {
    title: String,
    description: Option<String>,
    sources: Vec<String>,
    types: Vec<TypeGen>,
    operations: Vec<OperationGen>,
}

fn name(pool: &'static [&'static str], fallback: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![3 => select(pool).prop_map(str::to_string), 2 => fallback]
}

/// A name lowering accepts most of the time, and one it rejects now and then.
fn chosen_name(
    pool: &'static [&'static str],
    rejected: &'static [&'static str],
    fallback: &'static str,
) -> impl Strategy<Value = String> {
    prop_oneof![12 => name(pool, fallback), 1 => select(rejected).prop_map(str::to_string)]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![select(TEXTS).prop_map(str::to_string), "\\PC{0,24}"]
}

fn ty() -> impl Strategy<Value = Ty> {
    let leaf = prop_oneof![select(SCALARS).prop_map(Ty::Scalar), (0usize..8).prop_map(Ty::Named)];
    leaf.prop_recursive(2, 4, 1, |inner| {
        prop_oneof![inner.clone().prop_map(|t| Ty::Array(Box::new(t))), inner.prop_map(|t| Ty::Map(Box::new(t)))]
    })
}

fn bound() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        3 => Just(None),
        2 => (-100i64..100).prop_map(|n| Some(n as f64)),
        1 => select(&[i64::MIN as f64, i64::MAX as f64, 2147483647.0, -2147483648.0, 1.0e39, 0.5, 1e-300][..]).prop_map(Some),
    ]
}

fn count() -> impl Strategy<Value = Option<u64>> {
    prop_oneof![3 => Just(None), 2 => (0u64..100).prop_map(Some), 1 => Just(Some(u64::from(u32::MAX)))]
}

fn rules() -> impl Strategy<Value = Rules> {
    // Bounds in order: a minimum above its maximum is an error the fixtures cover.
    fn ordered<T: PartialOrd>((min, max): (Option<T>, Option<T>)) -> (Option<T>, Option<T>) {
        match (min, max) {
            (Some(min), Some(max)) if min > max => (Some(max), Some(min)),
            other => other,
        }
    }
    (proptest::option::of(select(PATTERNS)), (count(), count()), (bound(), bound()), (count(), count())).prop_map(
        |(pattern, length, range, items)| Rules {
            pattern,
            length: ordered(length),
            range: ordered(range),
            items: ordered(items),
        },
    )
}

fn field() -> impl Strategy<Value = FieldGen> {
    (
        name(WIRE_NAMES, "[a-z][a-zA-Z0-9_]{0,8}"),
        ty(),
        any::<bool>(),
        proptest::option::of(text()),
        proptest::bool::weighted(0.1),
        proptest::option::weighted(0.2, select(&["json", "rfc3339", "datetime"][..])),
        rules(),
    )
        .prop_map(|(wire, ty, required, description, sensitive, format, rules)| FieldGen {
            wire,
            ty,
            required,
            description,
            sensitive,
            format,
            rules,
        })
}

fn type_gen() -> impl Strategy<Value = TypeGen> {
    let kind = prop_oneof![
        2 => proptest::collection::vec(field(), 1..5).prop_map(Kind::Struct),
        1 => (any::<bool>(), proptest::collection::vec((select(ENUM_VALUES).prop_map(str::to_string), proptest::option::of(text())), 1..5))
            .prop_map(|(open, values)| Kind::Enum { open, values }),
    ];
    (chosen_name(TYPE_NAMES, REJECTED_TYPE_NAMES, "[A-Z][a-z]{1,6}"), proptest::option::of(text()), kind)
        .prop_map(|(name, description, kind)| TypeGen { name, description, kind })
}

fn operation() -> impl Strategy<Value = OperationGen> {
    (
        chosen_name(OPERATION_IDS, REJECTED_OPERATION_IDS, "[a-z]{1,6}(_[a-z]{1,4})?"),
        text(),
        select(METHODS),
        proptest::collection::vec(select(PATH_LITERALS), 1..3),
        proptest::collection::vec(field(), 0..3),
        proptest::collection::vec(field(), 0..4),
        proptest::collection::vec(field(), 0..2),
        proptest::option::of((ty(), proptest::bool::weighted(0.2))),
        proptest::collection::vec(
            (select(&[200u16, 201, 202, 204, 400, 404, 500][..]), proptest::option::of(ty())),
            1..4,
        ),
        proptest::bool::weighted(0.3),
    )
        .prop_map(
            |(id, summary, method, literals, path_params, query_params, header_params, body, responses, paginated)| {
                OperationGen {
                    id,
                    summary,
                    method,
                    literals,
                    path_params,
                    query_params,
                    header_params,
                    body,
                    responses,
                    paginated,
                }
            },
        )
}

/// A spec file for a service called `service`, as YAML text.
pub fn service(service: &'static str) -> impl Strategy<Value = String> {
    (
        text(),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(type_gen(), 0..6),
        proptest::collection::vec(operation(), 0..3),
    )
        .prop_map(move |(title, description, sources, mut types, mut operations)| {
            // Names listed twice are errors the fixtures cover; here they would hide the rest.
            distinct(types.iter_mut().map(|t| &mut t.name));
            distinct(operations.iter_mut().map(|op| &mut op.id));
            for def in &mut types {
                match &mut def.kind {
                    Kind::Struct(fields) => distinct(fields.iter_mut().map(|f| &mut f.wire)),
                    Kind::Enum { values, .. } => distinct(values.iter_mut().map(|(value, _)| value)),
                }
            }
            for op in &mut operations {
                let params = op.path_params.iter_mut().chain(&mut op.query_params).chain(&mut op.header_params);
                distinct(params.map(|p| &mut p.wire));
            }
            render(service, &SpecGen { title, description, sources, types, operations })
        })
}

/// Makes names distinct by appending their position to a repeat (`Option` → `Option3`).
fn distinct<'a>(names: impl Iterator<Item = &'a mut String>) {
    let mut seen = std::collections::BTreeSet::new();
    for (index, name) in names.enumerate() {
        if !seen.insert(name.clone()) {
            name.push_str(&index.to_string());
            seen.insert(name.clone());
        }
    }
}

/// A YAML scalar holding `text` exactly: a JSON string is a valid double-quoted YAML scalar.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn type_expr(ty: &Ty, types: &[TypeGen]) -> String {
    match ty {
        Ty::Scalar(name) => (*name).to_string(),
        Ty::Named(_) if types.is_empty() => "String".into(),
        Ty::Named(index) => types[index % types.len()].name.clone(),
        Ty::Array(inner) => format!("Array of {}", type_expr(inner, types)),
        Ty::Map(inner) => format!("Map<String,{}>", type_expr(inner, types)),
    }
}

/// One field as a flow mapping, with only the rules its type can carry (a rule on the wrong
/// kind of field is an error the fixtures already cover; here it would hide the rest).
fn render_field(field: &FieldGen, location: Option<&str>, types: &[TypeGen], force_required: bool) -> String {
    let expr = type_expr(&field.ty, types);
    let mut out = format!("{{ name: {}, type: {}", quoted(&field.wire), quoted(&expr));
    if let Some(location) = location {
        out.push_str(&format!(", in: {location}"));
    }
    if field.required || force_required {
        out.push_str(", required: true");
    }
    if let Some(description) = &field.description {
        out.push_str(&format!(", description: {}", quoted(description)));
    }
    let rules = &field.rules;
    let push = |out: &mut String, key: &str, value: Option<String>| {
        if let Some(value) = value {
            out.push_str(&format!(", {key}: {value}"));
        }
    };
    match expr.as_str() {
        "String" => {
            push(&mut out, "pattern", rules.pattern.map(quoted));
            push(&mut out, "min_length", rules.length.0.map(|n| n.to_string()));
            push(&mut out, "max_length", rules.length.1.map(|n| n.to_string()));
            if field.sensitive {
                out.push_str(", sensitive: true");
            }
            push(&mut out, "format", field.format.map(str::to_string));
        }
        "Integer" | "Long" | "Float" | "Double" => {
            let number =
                |n: f64| if n.fract() == 0.0 && n.abs() < 9.2e18 { format!("{}", n as i64) } else { format!("{n:e}") };
            push(&mut out, "minimum", rules.range.0.map(number));
            push(&mut out, "maximum", rules.range.1.map(number));
        }
        expr if expr.starts_with("Array of") => {
            push(&mut out, "min_items", rules.items.0.map(|n| n.to_string()));
            push(&mut out, "max_items", rules.items.1.map(|n| n.to_string()));
        }
        _ => {}
    }
    out.push_str(" }");
    out
}

fn render(service: &str, spec: &SpecGen) -> String {
    let mut types = spec.types.clone();
    let mut out = format!(
        "service:\n  name: {service}\n  title: {}\n  api_version: v1\n  endpoint: https://{service}.{{region}}.example.com\n",
        quoted(&spec.title)
    );
    if let Some(description) = &spec.description {
        out.push_str(&format!("  description: {}\n", quoted(description)));
    }
    if !spec.sources.is_empty() {
        out.push_str("  sources:\n");
        for source in &spec.sources {
            out.push_str(&format!("    - {}\n", quoted(source)));
        }
    }
    let mut operations = String::new();
    for (index, op) in spec.operations.iter().enumerate() {
        operations.push_str(&render_operation(index, op, &mut types));
    }
    if !operations.is_empty() {
        out.push_str("operations:\n");
        out.push_str(&operations);
    }
    if !types.is_empty() {
        out.push_str("types:\n");
        for def in &types {
            out.push_str(&format!("  - name: {}\n", quoted(&def.name)));
            if let Some(description) = &def.description {
                out.push_str(&format!("    description: {}\n", quoted(description)));
            }
            match &def.kind {
                Kind::Struct(fields) => {
                    out.push_str("    fields:\n");
                    for field in fields {
                        out.push_str(&format!("      - {}\n", render_field(field, None, &types, false)));
                    }
                }
                Kind::Enum { open, values } => {
                    out.push_str(&format!("    open: {open}\n    enum:\n"));
                    for (value, description) in values {
                        out.push_str(&format!("      - {{ value: {}", quoted(value)));
                        if let Some(description) = description {
                            out.push_str(&format!(", description: {}", quoted(description)));
                        }
                        out.push_str(" }\n");
                    }
                }
            }
        }
    }
    out
}

/// An operation; paging and multipart add the types they need to `types`.
fn render_operation(index: usize, op: &OperationGen, types: &mut Vec<TypeGen>) -> String {
    let snapshot = types.clone();
    let mut out = format!(
        "  - id: {}\n    summary: {}\n    method: {}\n    source: {}\n",
        quoted(&op.id),
        quoted(&op.summary),
        op.method,
        quoted(&op.summary)
    );
    let mut path = String::from("/v1");
    for (position, literal) in op.literals.iter().enumerate() {
        path.push('/');
        path.push_str(literal);
        if let Some(param) = op.path_params.get(position) {
            path.push_str(&format!("/{{{}}}", param.wire));
        }
    }
    out.push_str(&format!("    path: {}\n", quoted(&path)));
    let mut params: Vec<String> = Vec::new();
    let used_path_params = op.path_params.iter().take(op.literals.len());
    for param in used_path_params {
        let scalar = FieldGen { ty: Ty::Scalar("String"), ..param.clone() };
        params.push(render_field(&scalar, Some("path"), &snapshot, true));
    }
    for param in &op.query_params {
        let scalar = FieldGen { ty: scalar_param(&param.ty, &snapshot), ..param.clone() };
        params.push(render_field(&scalar, Some("query"), &snapshot, false));
    }
    for param in &op.header_params {
        let scalar = FieldGen { ty: Ty::Scalar("String"), ..param.clone() };
        params.push(render_field(&scalar, Some("header"), &snapshot, false));
    }
    if op.paginated {
        params.push("{ name: offset, in: query, type: Integer, minimum: 0 }".into());
        params.push("{ name: limit, in: query, type: Integer, minimum: 1, maximum: 1000 }".into());
    }
    if !params.is_empty() {
        out.push_str("    parameters:\n");
        for param in params {
            out.push_str(&format!("      - {param}\n"));
        }
    }
    if let Some((body, multipart)) = &op.body {
        if *multipart {
            let form = format!("Form{index}");
            types.push(TypeGen {
                name: form.clone(),
                description: None,
                kind: Kind::Struct(vec![
                    plain_field("file", Ty::Scalar("File"), true),
                    plain_field("name", Ty::Scalar("String"), false),
                ]),
            });
            out.push_str(&format!("    body: {{ type: {form}, content_type: multipart/form-data }}\n"));
        } else {
            out.push_str(&format!("    body: {{ type: {} }}\n", quoted(&type_expr(body, &snapshot))));
        }
    }
    // Statuses once each, with a 2xx among them; a paged operation's first 2xx holds the page.
    let mut responses: Vec<(u16, Option<String>)> = Vec::new();
    for (status, body) in &op.responses {
        if !responses.iter().any(|(seen, _)| seen == status) {
            responses.push((*status, body.as_ref().map(|body| type_expr(body, &snapshot))));
        }
    }
    if !responses.iter().any(|(status, _)| (200..300).contains(status)) {
        responses.push((200, None));
    }
    if op.paginated {
        let page = format!("Page{index}");
        types.push(TypeGen {
            name: page.clone(),
            description: None,
            kind: Kind::Struct(vec![
                plain_field("items", Ty::Array(Box::new(Ty::Scalar("String"))), false),
                plain_field("total", Ty::Scalar("Long"), false),
            ]),
        });
        if let Some((_, body)) = responses.iter_mut().find(|(status, _)| (200..300).contains(status)) {
            *body = Some(page);
        }
    }
    out.push_str("    responses:\n");
    for (status, body) in responses {
        out.push_str(&format!("      - status: {status}\n"));
        if let Some(body) = body {
            out.push_str(&format!("        body: {{ type: {} }}\n", quoted(&body)));
        }
    }
    if op.paginated {
        out.push_str("    pagination: { offset: offset, limit: limit, items: items, total: total }\n");
    }
    out
}

/// A query parameter's type: a scalar or an enum, or an array of them.
fn scalar_param(ty: &Ty, types: &[TypeGen]) -> Ty {
    let is_enum = |index: usize| !types.is_empty() && matches!(types[index % types.len()].kind, Kind::Enum { .. });
    match ty {
        Ty::Array(inner) if !matches!(**inner, Ty::Array(_)) => Ty::Array(Box::new(scalar_param(inner, types))),
        Ty::Named(index) if is_enum(*index) => ty.clone(),
        Ty::Scalar(name) if *name != "Object" => ty.clone(),
        _ => Ty::Scalar("String"),
    }
}

fn plain_field(wire: &str, ty: Ty, required: bool) -> FieldGen {
    FieldGen {
        wire: wire.into(),
        ty,
        required,
        description: Some("Generated.".into()),
        sensitive: false,
        format: None,
        rules: Rules { pattern: None, length: (None, None), range: (None, None), items: (None, None) },
    }
}
