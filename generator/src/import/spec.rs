//! The spec entries the importer drafts: the same shape as `spec/*.yaml` (see `load::spec`), as
//! plain values to write. Every fact the importer could not settle rides along as a `review`
//! note, which `lint` lists.

use super::facts::Number;

#[derive(Debug, Clone, PartialEq)]
pub struct OperationDraft {
    pub id: String,
    pub summary: String,
    pub description: Option<String>,
    pub method: String,
    pub path: String,
    /// The page file, and what else the operation's facts come from.
    pub source: String,
    pub parameters: Vec<FieldDraft>,
    /// The request body's type.
    pub body: Option<String>,
    pub example_requests: Vec<String>,
    pub responses: Vec<ResponseDraft>,
    pub review: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseDraft {
    pub status: u16,
    pub description: Option<String>,
    pub body: Option<String>,
    pub headers: Vec<FieldDraft>,
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldDraft {
    pub name: String,
    /// `path`, `query` or `header` for a parameter.
    pub location: Option<&'static str>,
    pub type_expr: String,
    pub required: bool,
    pub description: Option<String>,
    pub pattern: Option<String>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub default: Option<Value>,
    pub review: Vec<String>,
}

/// A default as YAML should type it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDraft {
    pub name: String,
    pub description: Option<String>,
    /// The page and table it comes from.
    pub source: String,
    pub kind: TypeKind,
    pub review: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Vec<FieldDraft>),
    /// A closed enum: the page lists the values, strings or (`integer`) numbers.
    Enum {
        values: Vec<(String, Option<String>)>,
        integer: bool,
    },
}
