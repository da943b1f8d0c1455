//! The spec format as written in `spec/*.yaml` (documented key by key in `spec/README.md`).
//!
//! These types mirror the YAML one to one and decide nothing: names, types and constraints stay
//! the strings the author wrote, each with its location, and `lower` interprets them. Unknown
//! keys are rejected so a misspelt key is an error at its line, not a silently ignored fact.

use serde::Deserialize;

use super::Spanned;

/// One service: a file in `spec/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    pub service: ServiceInfo,
    /// Named regular expressions; a field whose `pattern` has the same text shares the name.
    #[serde(default)]
    pub patterns: Vec<PatternSpec>,
    #[serde(default)]
    pub operations: Vec<OperationSpec>,
    #[serde(default)]
    pub types: Vec<TypeSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceInfo {
    /// The module and cargo feature name, snake_case (`modelarts`).
    pub name: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    pub api_version: String,
    /// Endpoint template with `{region}`, e.g. `https://modelarts.{region}.myhuaweicloud.com`.
    pub endpoint: Spanned<String>,
    /// Where the facts come from: seed pages, SDK packages; free text, one entry each.
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    pub name: Spanned<String>,
    pub regex: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationSpec {
    /// snake_case id, becomes the method and request type name.
    pub id: Spanned<String>,
    pub summary: String,
    #[serde(default)]
    pub description: Option<String>,
    pub method: Spanned<String>,
    pub path: Spanned<String>,
    /// The page the operation is transcribed from, and any second source.
    pub source: String,
    #[serde(default)]
    pub parameters: Vec<FieldSpec>,
    #[serde(default)]
    pub body: Option<BodySpec>,
    pub responses: Vec<ResponseSpec>,
    #[serde(default)]
    pub pagination: Option<PaginationSpec>,
    /// This operation reads an asynchronous job's state: its builder gets `wait_until_<name>()`.
    #[serde(default)]
    pub waiter: Option<WaiterSpec>,
    /// This operation starts an asynchronous job that another operation's waiter polls: its
    /// builder gets `send_and_wait_until_<name>()`.
    #[serde(default)]
    pub starts: Option<StartsSpec>,
    /// The doc's example request bodies, JSON text: one, or a list.
    #[serde(default)]
    pub example_request: Examples,
    /// What a person should settle (the importer's notes); `lint` lists it.
    #[serde(default)]
    pub review: Option<Spanned<String>>,
    /// The digest of the page's descriptions when the spec's were last settled against them
    /// (16 hex digits, as `drift` prints it): `drift` compares descriptions only once it changes.
    #[serde(default)]
    pub page_text: Option<Spanned<String>>,
}

/// One example (a string) or several (a list), as the page shows them, each with its place.
#[derive(Debug, Clone, Default)]
pub struct Examples(pub Vec<Spanned<String>>);

impl Examples {
    pub fn iter(&self) -> impl Iterator<Item = &Spanned<String>> {
        self.0.iter()
    }
}

impl<'de> Deserialize<'de> for Examples {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Not `#[serde(untagged)]`: it buffers the input and the locations would be lost.
        let spanned = Spanned::<OneOrMany>::deserialize(deserializer)?;
        Ok(match spanned.value {
            OneOrMany::One(text) => Examples(vec![Spanned { value: text, loc: spanned.loc }]),
            OneOrMany::Many(list) => Examples(list),
        })
    }
}

enum OneOrMany {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an example (JSON text) or a list of examples")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(text.to_string()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut list = Vec::new();
                while let Some(example) = seq.next_element()? {
                    list.push(example);
                }
                Ok(OneOrMany::Many(list))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodySpec {
    /// A named type (or type expression) for the whole body.
    #[serde(rename = "type")]
    pub type_name: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// `application/json` (the default) or `multipart/form-data` (request bodies only).
    #[serde(default)]
    pub content_type: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    pub status: Spanned<u16>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub body: Option<BodySpec>,
    #[serde(default)]
    pub headers: Vec<FieldSpec>,
    /// The doc's example bodies for this status, JSON text: one, or a list.
    #[serde(default)]
    pub example: Examples,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationSpec {
    /// Query parameter holding the offset of the first record.
    pub offset: Spanned<String>,
    /// Query parameter holding the page size.
    pub limit: Spanned<String>,
    /// Response field holding the page's items.
    pub items: Spanned<String>,
    /// Response field holding the total number of records.
    pub total: Spanned<String>,
}

/// How to wait on an asynchronous job by polling the operation that reads its state.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiterSpec {
    /// snake_case: the builder's method is `wait_until_<name>` (`finished`).
    pub name: Spanned<String>,
    /// The 2xx body's field holding the job's state (a String or an enum).
    pub state: Spanned<String>,
    /// States in which the job is done and succeeded.
    pub success: Spanned<Vec<Spanned<String>>>,
    /// States in which the job is done and failed.
    #[serde(default)]
    pub failure: Vec<Spanned<String>>,
    /// States in which the job still runs.
    pub pending: Spanned<Vec<Spanned<String>>>,
    /// The 2xx body's field saying why the job failed.
    #[serde(default)]
    pub reason: Option<Spanned<String>>,
    /// The 2xx body's field holding the failed job's error code.
    #[serde(default)]
    pub error_code: Option<Spanned<String>>,
    /// Seconds before the second poll; the wait doubles after each poll.
    pub delay_seconds: Spanned<u64>,
    /// Seconds after which the waiter gives up.
    pub max_wait_seconds: Spanned<u64>,
}

/// The job an operation starts, and how its 2xx body and its parameters fill in the request
/// of the operation whose waiter polls it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartsSpec {
    /// The id of the polling operation, which has a `waiter`.
    pub poll: Spanned<String>,
    /// Polling parameter → field of this operation's 2xx body. A polling parameter not listed
    /// takes this operation's parameter of the same name (`project_id`).
    #[serde(default)]
    pub from_output: std::collections::BTreeMap<String, Spanned<String>>,
}

/// A named type: a struct when it has `fields`, an enum when it has `enum`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    pub name: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Where the table comes from, and notes on differences between sources.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub fields: Option<Spanned<Vec<FieldSpec>>>,
    #[serde(rename = "enum", default)]
    pub values: Option<Spanned<Vec<EnumValueSpec>>>,
    /// For enums: `String` (the default) or `Integer` (the values are numbers on the wire).
    #[serde(rename = "type", default)]
    pub value_type: Option<Spanned<String>>,
    /// For enums: `true` (the default) lets a client send values the spec does not list.
    #[serde(default)]
    pub open: Option<bool>,
    /// For enums: where the values come from, `page` (the default), `sdk` or `examples`.
    #[serde(default)]
    pub values_from: Option<Spanned<String>>,
    /// What a person should settle (the importer's notes); `lint` lists it.
    #[serde(default)]
    pub review: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValueSpec {
    pub value: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A struct field, a parameter (with `in`) or a response header: one row of a doc table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The name on the wire, as the table spells it.
    pub name: Spanned<String>,
    /// For parameters: `path`, `query` or `header`.
    #[serde(rename = "in", default)]
    pub location: Option<Spanned<String>>,
    /// The table's Type column: `String`, `Integer`, `Long`, `Boolean`, `Float`, `Double`,
    /// `Object`, `File` (multipart bodies), `Array of X`, `Map<String,X>` or a type name
    /// (`X object` is accepted too).
    #[serde(rename = "type")]
    pub type_expr: Spanned<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub description: Option<String>,
    /// Where this row's facts come from when it is not the type's source.
    #[serde(default)]
    pub note: Option<String>,
    /// `sdk` for a row the page does not have, taken from the official SDK (`note` names the
    /// class); `page` (the default) otherwise.
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    /// What the page states where this row departs from it on purpose, fact by fact
    /// (`{ name: workspaceId }`, `{ type: String }`); `note` says why.
    #[serde(default)]
    pub page: Option<Spanned<std::collections::BTreeMap<String, Scalar>>>,
    /// What a person should settle (the importer's notes); `lint` lists it.
    #[serde(default)]
    pub review: Option<Spanned<String>>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub min_length: Option<Spanned<u64>>,
    #[serde(default)]
    pub max_length: Option<Spanned<u64>>,
    #[serde(default)]
    pub minimum: Option<Spanned<Bound>>,
    #[serde(default)]
    pub maximum: Option<Spanned<Bound>>,
    #[serde(default)]
    pub min_items: Option<Spanned<u64>>,
    #[serde(default)]
    pub max_items: Option<Spanned<u64>>,
    #[serde(default)]
    pub default: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub example: Option<Spanned<Scalar>>,
    /// For String fields holding structured text: `json`, `rfc3339` or `datetime`
    /// (`2016-01-02 15:04:05`, UTC); the client adds a typed accessor.
    #[serde(default)]
    pub format: Option<Spanned<String>>,
}

/// A `minimum` or `maximum` as YAML gives it: a whole number keeps all 64 bits (an `f64`
/// would round `9223372036854775807` up to 2^63), anything else is a float (`.inf` included,
/// which lowering rejects).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Int(i64),
    Float(f64),
}

impl Bound {
    pub fn as_f64(self) -> f64 {
        match self {
            Bound::Int(n) => n as f64,
            Bound::Float(n) => n,
        }
    }
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Int(n) => n.fmt(f),
            Bound::Float(n) => n.fmt(f),
        }
    }
}

impl PartialOrd for Bound {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Bound::Int(a), Bound::Int(b)) => a.partial_cmp(b),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }
}

impl<'de> Deserialize<'de> for Bound {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Bound;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number")
            }

            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Bound, E> {
                Ok(Bound::Int(n))
            }

            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Bound, E> {
                Ok(i64::try_from(n).map_or(Bound::Float(n as f64), Bound::Int))
            }

            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Bound, E> {
                Ok(Bound::Float(n))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

/// A default or example value as YAML gives it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
}
