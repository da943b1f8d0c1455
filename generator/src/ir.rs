//! The intermediate representation: what the client is made of, with every name already a
//! valid Rust identifier and every reference resolved. Plain data, owning no YAML and no
//! locations: once `lower` succeeds, emitting cannot fail on the spec's account.

/// Everything generated in one run, services in file-name order.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Module and cargo feature name (`modelarts`).
    pub module: String,
    pub title: String,
    pub description: Option<String>,
    pub api_version: String,
    /// Endpoint template with `{region}`.
    pub endpoint: String,
    pub sources: Vec<String>,
    /// The spec file's name, for the "generated from" header (`modelarts.yaml`).
    pub spec_file: String,
    /// One compiled regex per distinct pattern text, in order of first use.
    pub patterns: Vec<Pattern>,
    /// Named types in spec order.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// `UPPER_SNAKE` name of the static holding the compiled regex.
    pub ident: String,
    pub regex: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    Struct(Struct),
    Enum(Enum),
}

/// The struct named `ident` among a service's types.
pub fn find_struct<'a>(types: &'a [TypeDef], ident: &str) -> Option<&'a Struct> {
    types.iter().find_map(|t| match t {
        TypeDef::Struct(s) if s.ident == ident => Some(s),
        TypeDef::Struct(_) | TypeDef::Enum(_) => None,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub ident: String,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    /// Whether this type, or a type it contains, has a rule to check; only then does it get a
    /// `Validate` impl.
    pub validated: bool,
    /// A multipart form (sent as parts, never as JSON).
    pub form: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name on the wire.
    pub wire: String,
    /// snake_case, keywords escaped with a trailing underscore.
    pub ident: String,
    pub ty: Type,
    pub required: bool,
    pub description: Option<String>,
    pub rules: Rules,
    /// Tokens, passwords, keys: wrapped so Debug output never shows them.
    pub sensitive: bool,
    /// The documented default, as the doc writes it (for the doc comment).
    pub default: Option<String>,
    /// Structured text in a String field, with a typed accessor.
    pub format: Option<Format>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    /// `2020-05-20T03:30:52Z`
    Rfc3339,
    /// `2016-01-02 15:04:05`, UTC
    DateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    String,
    I32,
    I64,
    Bool,
    F32,
    F64,
    /// Any JSON value (`Object` in the docs).
    Json,
    /// A file part of a multipart body.
    File,
    Array(Box<Type>),
    /// `Map<String, X>`.
    Map(Box<Type>),
    Struct {
        ident: String,
        validated: bool,
    },
    Enum {
        ident: String,
        open: bool,
    },
}

/// The docs' name for a type (`Long`, `Array of ServerResponse`), for messages.
impl std::fmt::Display for Type {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Type::String => f.write_str("String"),
            Type::I32 => f.write_str("Integer"),
            Type::I64 => f.write_str("Long"),
            Type::Bool => f.write_str("Boolean"),
            Type::F32 => f.write_str("Float"),
            Type::F64 => f.write_str("Double"),
            Type::Json => f.write_str("Object"),
            Type::File => f.write_str("File"),
            Type::Array(inner) => write!(f, "Array of {inner}"),
            Type::Map(inner) => write!(f, "Map<String,{inner}>"),
            Type::Struct { ident, .. } | Type::Enum { ident, .. } => f.write_str(ident),
        }
    }
}

/// The documented constraints of one field, each checked by `validate()`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rules {
    /// Ident of the service's compiled pattern.
    pub pattern: Option<String>,
    pub length: Option<Bounds<u64>>,
    pub range: Option<Bounds<Number>>,
    pub items: Option<Bounds<u64>>,
}

impl Rules {
    pub fn is_empty(&self) -> bool {
        self == &Rules::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds<T> {
    pub min: Option<T>,
    pub max: Option<T>,
}

/// As Rust writes ranges: `1..=64`, `0..`, `..=1024`; the client's messages use the same form.
impl<T: std::fmt::Display> std::fmt::Display for Bounds<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.min, &self.max) {
            (Some(min), Some(max)) => write!(f, "{min}..={max}"),
            (Some(min), None) => write!(f, "{min}.."),
            (None, Some(max)) => write!(f, "..={max}"),
            (None, None) => f.write_str(".."),
        }
    }
}

/// A numeric bound, typed like the field it bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(n) => n.fmt(f),
            Number::Float(n) => n.fmt(f),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub ident: String,
    pub description: Option<String>,
    /// Open enums accept undocumented values in requests too; closed ones reject them in
    /// `validate()`. Both decode undocumented values from responses into `Unknown`.
    pub open: bool,
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub wire: String,
    pub ident: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// snake_case (`list_notebooks`).
    pub id: String,
    /// UpperCamelCase prefix for the operation's types (`ListNotebooks`).
    pub type_prefix: String,
    pub summary: String,
    pub description: Option<String>,
    /// Upper-case HTTP method.
    pub method: String,
    pub path_template: String,
    pub path: Vec<PathPart>,
    /// Path, query and header parameters in spec order.
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    pub pagination: Option<Pagination>,
    pub source: String,
    pub example_requests: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    Literal(String),
    /// Ident of the path parameter filling this segment.
    Param(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamIn {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub location: ParamIn,
    pub field: Field,
    /// The call's setter: the field's name, unless a method every call has takes it.
    pub setter: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub ty: Type,
    pub description: Option<String>,
    /// `multipart/form-data` rather than JSON.
    pub multipart: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub description: Option<String>,
    pub body: Option<Type>,
    pub headers: Vec<Field>,
    pub examples: Vec<String>,
}

impl Response {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Offset/limit paging: which query parameters move the window and which response fields hold
/// the page's items and the total.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    pub offset_param: String,
    pub limit_param: String,
    pub items_field: String,
    pub total_field: String,
    pub item_type: Type,
    /// `I32` or `I64`, as the total field is typed.
    pub total_type: Type,
    /// Whether each field is required (a plain value) or optional (an `Option`).
    pub items_required: bool,
    pub total_required: bool,
}
