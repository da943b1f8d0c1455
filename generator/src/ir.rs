//! The intermediate representation: what the client is made of, with every name already a
//! valid Rust identifier that collides with nothing the emitter writes beside it, and every
//! reference resolved. Plain data, owning no YAML and no locations: once `lower` succeeds,
//! emitting cannot fail on the spec's account (the proptests and the fuzz target check that
//! every emitted file parses).

/// Names the emitter writes in every service beside the spec's own, which lowering reserves so
/// no spec name takes them.
pub mod reserved {
    /// The service's client type, in the same namespace as the spec's types.
    pub const CLIENT: &str = "Client";
    /// Methods every `Client` has besides one per operation.
    pub const CLIENT_METHODS: &[&str] = &["new", "send"];
    /// Methods every operation's builder has, and `call`, the field holding its connection
    /// beside one per parameter (named as the parameter's setter), which a parameter's
    /// setters must not take.
    pub const CALL_METHODS: &[&str] =
        &["new", "call", "build", "validation", "timeout", "retries", "send", "into_request", "into_stream"];
    /// The const in `operations.rs` listing sensitive response fields, beside the pattern
    /// statics that file reaches through `use super::types::*`.
    pub const SENSITIVE_FIELDS: &str = "SENSITIVE_FIELDS";
}

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
    /// Named types in spec order; a [`TypeId`] is an index into this list.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

impl Service {
    /// The definition a reference points at.
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The struct a reference points at, if it is one.
    pub fn struct_def(&self, id: TypeId) -> Option<&Struct> {
        match self.type_def(id) {
            TypeDef::Struct(s) => Some(s),
            TypeDef::Enum(_) => None,
        }
    }

    /// The struct a type is, when it is a reference to one.
    pub fn struct_def_of(&self, ty: &Type) -> Option<&Struct> {
        match ty {
            Type::Named(id) => self.struct_def(*id),
            _ => None,
        }
    }

    pub fn structs(&self) -> impl Iterator<Item = &Struct> {
        self.types.iter().filter_map(|def| match def {
            TypeDef::Struct(s) => Some(s),
            TypeDef::Enum(_) => None,
        })
    }

    /// The docs' name for a type (`Long`, `Array of ServerResponse`), for messages.
    pub fn type_name(&self, ty: &Type) -> String {
        type_name(ty, &self.types)
    }
}

/// [`Service::type_name`] over a list of definitions, for lowering, which has no service yet.
pub fn type_name(ty: &Type, types: &[TypeDef]) -> String {
    match ty {
        Type::String => "String".into(),
        Type::I32 => "Integer".into(),
        Type::I64 => "Long".into(),
        Type::Bool => "Boolean".into(),
        Type::F32 => "Float".into(),
        Type::F64 => "Double".into(),
        Type::Json => "Object".into(),
        Type::File => "File".into(),
        Type::Array(inner) => format!("Array of {}", type_name(inner, types)),
        Type::Map(inner) => format!("Map<String,{}>", type_name(inner, types)),
        Type::Named(id) => types.get(id.0).map_or_else(|| format!("type #{}", id.0), |def| def.ident().to_string()),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// `UPPER_SNAKE` name of the static holding the compiled regex.
    pub ident: String,
    pub regex: String,
    pub description: Option<String>,
    /// Whether a validated field uses it, so the client compiles it; a pattern only response
    /// fields have is in their docs alone.
    pub checked: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    Struct(Struct),
    Enum(Enum),
}

impl TypeDef {
    pub fn ident(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.ident,
            TypeDef::Enum(e) => &e.ident,
        }
    }

    /// Whether a value of this type has a `Validate` impl to call: a struct with something to
    /// check, or a closed enum, when sent.
    pub fn is_validated(&self) -> bool {
        match self {
            TypeDef::Struct(s) => s.validated,
            TypeDef::Enum(e) => !e.open && e.usage.sent,
        }
    }
}

/// A reference to one of the service's named types: its index in [`Service::types`]. Flags
/// such as "validated" or "open" live on the definition only, so they are decided once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub ident: String,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    /// Whether this type is sent and it, or a type it contains, has a rule to check; only then
    /// does it get a `Validate` impl.
    pub validated: bool,
    /// A multipart form (sent as parts, never as JSON).
    pub form: bool,
    pub usage: Usage,
}

/// Which way the operations carry a type: in requests, in responses, or both. It decides what
/// the type derives (`Serialize` to be sent, `Deserialize` to be received) and whether it is
/// validated, so the client compiles only what it uses. A type no operation uses counts as
/// both: a service of types alone is there for applications to read and write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    pub sent: bool,
    pub received: bool,
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
    /// Structured text in a String field, read through a typed accessor.
    pub format: Option<Accessor>,
    /// Where the row comes from, when not (only) the page.
    pub provenance: Provenance,
}

/// How a row relates to the reference page, for its docs and for reviewers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Provenance {
    /// The page does not have the row; the official SDK does.
    pub from_sdk: bool,
    /// What the page states where the spec departs from it on purpose: fact key (`name`,
    /// `type`…) and the page's value, in key order.
    pub page: Vec<(String, String)>,
    /// The row's `note`: why it departs from the page. Not emitted; `drift` shows it.
    pub note: Option<String>,
}

/// A typed reading of a String field holding structured text; the raw string stays.
#[derive(Debug, Clone, PartialEq)]
pub struct Accessor {
    pub format: Format,
    /// The method's name (`spec_json`, `create_time_parsed`), decided by lowering.
    pub method: String,
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
    /// One of the service's structs or enums.
    Named(TypeId),
}

impl Type {
    /// A single value a query or path parameter, a header or a form part can carry.
    pub fn is_scalar(&self, types: &[TypeDef]) -> bool {
        match self {
            Type::String | Type::I32 | Type::I64 | Type::Bool | Type::F32 | Type::F64 => true,
            Type::Named(id) => matches!(types.get(id.0), Some(TypeDef::Enum(_))),
            Type::Json | Type::File | Type::Array(_) | Type::Map(_) => false,
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

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(n) => n as f64,
            Number::Float(n) => n,
        }
    }
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
    /// Where the values come from.
    pub values_from: ValuesFrom,
    /// The values are numbers on the wire (`wire` holds their decimal text), held as `i64`.
    pub integer: bool,
    pub usage: Usage,
}

/// The source of an enum's values (`values_from` in the spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValuesFrom {
    /// The page lists them.
    Page,
    /// The official SDK does; the page lost or lacks them.
    Sdk,
    /// Only the page's examples show them; the list may be incomplete.
    Examples,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub wire: String,
    pub ident: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// snake_case (`list_notebooks`), also the client's method.
    pub id: String,
    /// The request type (`ListNotebooksRequest`).
    pub request_ident: String,
    /// The builder of a call, in the service's `builders` module (`ListNotebooks`).
    pub builder_ident: String,
    pub summary: String,
    pub description: Option<String>,
    pub method: Method,
    pub path_template: String,
    pub path: Vec<PathPart>,
    /// Path, query and header parameters in spec order.
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    /// What the 2xx responses' documented headers are read into, when they document any
    /// besides `X-Request-Id` (every response's `request_id()`).
    pub headers: Option<ResponseHeaders>,
    pub pagination: Option<Pagination>,
    /// How to wait on the job whose state this operation reads.
    pub waiter: Option<Waiter>,
    /// The job this operation starts, which another operation's waiter polls.
    pub starts: Option<Starts>,
    pub source: String,
    pub example_requests: Vec<String>,
    /// The digest of the page's descriptions the spec's were settled against (`page_text`).
    pub page_text: Option<String>,
}

impl Operation {
    /// The body of the documented 2xx response (the first, when several are), which a sent
    /// request decodes into; `None` when no 2xx response has one.
    pub fn output(&self) -> Option<&Type> {
        self.responses.iter().filter(|r| r.is_success()).find_map(|r| r.body.as_ref())
    }

    /// The types a request carries: its parameters' and its body's.
    pub fn sent_types(&self) -> impl Iterator<Item = &Type> {
        self.params.iter().map(|p| &p.field.ty).chain(self.body.as_ref().map(|b| &b.ty))
    }

    /// The types its responses carry: their bodies' and headers'.
    pub fn received_types(&self) -> impl Iterator<Item = &Type> {
        self.responses.iter().flat_map(|r| r.body.iter().chain(r.headers.iter().map(|h| &h.ty)))
    }

    /// The documented error responses with a body: status and body type, in spec order.
    pub fn error_bodies(&self) -> impl Iterator<Item = (u16, &Type)> {
        self.responses.iter().filter(|r| !r.is_success()).filter_map(|r| Some((r.status, r.body.as_ref()?)))
    }
}

/// The HTTP methods the spec accepts, decided once in lowering; the runtime's `Method` has
/// the same variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
    Head,
}

impl Method {
    pub const ALL: [Method; 6] = [Method::Get, Method::Post, Method::Put, Method::Delete, Method::Patch, Method::Head];

    /// As HTTP writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
        }
    }

    /// The runtime's variant name (`Get`).
    pub fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Delete => "Delete",
            Method::Patch => "Patch",
            Method::Head => "Head",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
    /// The builder's setter taking a value: the field's name, unless a method every builder
    /// has takes it (`send` → `send_param`).
    pub setter: String,
    /// The builder's setter taking an `Option`, to set or clear (`set_limit`).
    pub option_setter: String,
    /// A value the client's configuration supplies when the call sets none.
    pub client_default: Option<ClientDefault>,
}

/// What a [`Param`] takes from the client's configuration when a call leaves it unset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientDefault {
    /// A required `project_id` path parameter: the client's project.
    ProjectId,
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

/// The typed headers of an operation's responses (`ShowJobHeaders`): one optional field per
/// header its 2xx responses document, parsed as the documented type.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeaders {
    pub ident: String,
    pub fields: Vec<Field>,
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
    /// The same parameters and fields as the wire names them, for the mock server.
    pub wires: PageWires,
}

/// The wire names of a paginated operation's offset and limit parameters and of its items and
/// total fields (`offset`, `limit`, `data`, `total`).
#[derive(Debug, Clone, PartialEq)]
pub struct PageWires {
    pub offset: String,
    pub limit: String,
    pub items: String,
    pub total: String,
}

/// Polling an operation until the job whose state it reads is done: which 2xx body field holds
/// the state and what each documented state means.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiter {
    /// The spec's name (`finished`), for docs.
    pub name: String,
    /// The builder's method (`wait_until_finished`).
    pub method: String,
    pub state: OutputField,
    /// Whether the state field is an enum (read with `as_str()`) rather than a String.
    pub state_is_enum: bool,
    pub success: Vec<String>,
    pub failure: Vec<String>,
    pub pending: Vec<String>,
    /// Fields saying why a failed job failed, and its error code: String fields.
    pub reason: Option<OutputField>,
    pub error_code: Option<OutputField>,
    pub delay_seconds: u64,
    pub max_wait_seconds: u64,
}

/// A field of an operation's 2xx body, as a waiter reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputField {
    pub ident: String,
    pub wire: String,
    pub required: bool,
}

/// What an operation that starts a job needs to go on to its waiter.
#[derive(Debug, Clone, PartialEq)]
pub struct Starts {
    /// The builder's method (`send_and_wait_until_finished`).
    pub method: String,
    /// The polling operation's id, request type, builder and waiter's method.
    pub poll_id: String,
    pub poll_request: String,
    pub poll_builder: String,
    pub waiter_method: String,
    /// Each field of the polling request, and where its value comes from.
    pub arguments: Vec<(String, Argument)>,
}

/// Where a polling request's field comes from when the job was just started.
#[derive(Debug, Clone, PartialEq)]
pub enum Argument {
    /// The starting request's field of this ident, and whether each side requires it.
    Parameter { ident: String, own_required: bool, poll_required: bool },
    /// The starting operation's 2xx body's field; a required polling parameter fails when the
    /// body lacks it.
    Output { field: OutputField, poll_required: bool },
    /// An optional polling parameter nothing fills.
    Unset,
}
