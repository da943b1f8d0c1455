//! What every generated request type provides, so sending, signing and paging can be written
//! once for all operations.

use std::fmt::{self, Display, Write as _};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Rule, Validate, ValidationError, Violation};

/// An operation's HTTP method, decided by the generator from the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
    /// `HEAD`
    Head,
}

impl Method {
    /// As HTTP writes it (`GET`).
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

    /// Whether sending the request twice has the effect of sending it once (RFC 9110,
    /// section 9.2.2); only such requests are retried.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Head | Method::Put | Method::Delete)
    }

    /// Whether the request carries a body, if only an empty one (`Content-Length: 0`).
    pub fn has_body(self) -> bool {
        !matches!(self, Method::Get | Method::Head)
    }
}

impl Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request for one documented operation: its method, path, query string and body, rendered
/// from the request's fields.
pub trait Operation: Validate {
    /// The operation id in the spec (`list_notebooks`).
    const ID: &'static str;
    /// The HTTP method.
    const METHOD: Method;
    /// The documented path with its `{placeholders}`, for logs and spans.
    const PATH_TEMPLATE: &'static str;
    /// Wire names of the fields the spec marks sensitive in this operation's responses; their
    /// values are redacted from any body an error message quotes.
    const SENSITIVE_FIELDS: &'static [&'static str] = &[];
    /// The body of the documented 2xx response.
    type Output: DeserializeOwned;
    /// What the documented response headers are read into (`()` when there are none besides
    /// `X-Request-Id`).
    type Headers: super::FromHeaders;

    /// The path with every placeholder filled in and percent-encoded.
    fn path(&self) -> String;

    /// Query parameters in spec order; absent optional ones are left out.
    fn query(&self) -> Query;

    /// Header parameters, in spec order; absent optional ones are left out.
    fn headers(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The request body.
    fn body(&self) -> Result<Body, serde_json::Error>;

    /// Path and query string as sent on the request line, after the endpoint's own path when
    /// it has one (`/gateway` of `https://host/gateway`): the query sorted by name then value,
    /// as the signature requires.
    fn target(&self) -> String {
        let query = super::signer::canonical_query(self.query().pairs());
        if query.is_empty() { self.path() } else { format!("{}?{query}", self.path()) }
    }
}

/// The path parameters of `path` (rendered from `template`) whose value is empty, `.` or `..`.
/// Each would make the path name another resource once the URL is normalized, so they are
/// refused whether or not validation is on. Values are percent-encoded, `/` included, so the
/// rendered path has the template's segments one for one.
pub(crate) fn path_violations(template: &str, path: &str) -> Option<ValidationError> {
    let violations: Vec<Violation> = template
        .split('/')
        .zip(path.split('/'))
        .filter_map(|(template, rendered)| {
            let name = template.strip_prefix('{')?.strip_suffix('}')?;
            matches!(rendered, "" | "." | "..").then(|| Violation { path: name.to_string(), rule: Rule::PathSegment })
        })
        .collect();
    (!violations.is_empty()).then_some(ValidationError { violations })
}

/// Query parameters, in order, with repeated names for arrays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(&'static str, String)>);

impl Query {
    /// Adds `name=value` when the value is present.
    pub fn push<V: Display>(&mut self, name: &'static str, value: Option<V>) {
        if let Some(value) = value {
            self.0.push((name, value.to_string()));
        }
    }

    /// Adds `name=value` once per element.
    pub fn push_each<V: Display>(&mut self, name: &'static str, values: Option<&[V]>) {
        for value in values.unwrap_or_default() {
            self.0.push((name, value.to_string()));
        }
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The name and value pairs, in the order they are sent.
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.0
    }
}

impl Display for Query {
    /// `a=1&b=x%20y`, each name and value percent-encoded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, (name, value)) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_char('&')?;
            }
            write!(f, "{}={}", super::encode(name), super::encode(value))?;
        }
        Ok(())
    }
}

/// A request body, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// No body.
    Empty,
    /// JSON, serialized.
    Json(Vec<u8>),
    /// `multipart/form-data` parts.
    Multipart(super::Form),
}

impl Body {
    /// A JSON body from any serializable value.
    pub fn json<T: Serialize>(value: &T) -> Result<Body, serde_json::Error> {
        serde_json::to_vec(value).map(Body::Json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_that_would_change_the_path_are_named() {
        let template = "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}";
        assert_eq!(path_violations(template, "/v2/p1/instances/i%2F..%2F/tasks/t1"), None);
        assert_eq!(path_violations(template, "/v2/p1/instances/.../tasks/t1"), None);
        let err = path_violations(template, "/v2/p1/instances/../tasks/").expect("two bad segments");
        let named: Vec<(&str, &Rule)> = err.violations.iter().map(|v| (v.path.as_str(), &v.rule)).collect();
        assert_eq!(named, [("instance_id", &Rule::PathSegment), ("task_id", &Rule::PathSegment)]);
        assert!(path_violations("/v1/{project_id}/x", "/v1/./x").is_some());
        assert_eq!(path_violations("/v1/jobs", "/v1/jobs"), None);
    }

    #[test]
    fn query_keeps_order_and_repeats_arrays() {
        let mut query = Query::default();
        query.push("limit", Some(10));
        query.push::<&str>("name", None);
        query.push_each("tag", Some(&["a b", "c"][..]));
        assert_eq!(query.to_string(), "limit=10&tag=a%20b&tag=c");
    }
}
