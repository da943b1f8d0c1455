//! The crate's one error type, with a case for each way a call can fail.

use std::fmt;

use super::ValidationError;

/// Why a call failed. Match on the case to react: fix the request (`Validation`), retry later
/// (`Transport`), handle the service's answer (`Api`), or report a response this client could
/// not read (`Decode`).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks a documented rule or lacks a required parameter; nothing was sent.
    Validation(ValidationError),
    /// The client is not configured well enough to send (no endpoint, no credentials, a bad URL).
    Config(String),
    /// The request was not delivered or its response not received.
    Transport(TransportError),
    /// The service answered with an error status.
    Api(ApiError),
    /// The response could not be decoded into the documented type.
    Decode(DecodeError),
    /// Paging stopped because the service sent a page again (see [`PagingError`]).
    Paging(PagingError),
}

impl fmt::Display for Error {
    /// What failed, in one line, without the causes: [`source`](std::error::Error::source)
    /// chains those, once each (`anyhow`'s `{:#}` prints the whole chain without repeats).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(err) => write!(f, "invalid request, not sent: {err}"),
            Error::Config(message) => write!(f, "invalid configuration: {message}"),
            Error::Transport(err) => err.fmt(f),
            Error::Api(err) => err.fmt(f),
            Error::Decode(err) => err.fmt(f),
            Error::Paging(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    /// The cause of a transport failure (the HTTP client's error, which chains its own). The
    /// other cases have none: their Display holds all there is (the broken rules, the
    /// service's code and message).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(err) => Some(&err.source),
            _ => None,
        }
    }
}

/// Why a request did not get a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made.
    Connect,
    /// The attempt took longer than the configured timeout.
    Timeout,
    /// The connection failed while the request or response was in flight.
    Other,
}

/// A request that got no response, after every attempt allowed.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// What went wrong.
    pub kind: TransportErrorKind,
    /// Attempts made, retries included.
    pub attempts: u32,
    /// The HTTP client's error, for its details.
    pub source: reqwest::Error,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Other => "connection failed",
        };
        write!(f, "{what} after {} attempt(s)", self.attempts)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// An error status with the service's error code and message, decoded from whichever of the
/// documented error body shapes the service uses (`error_code`/`error_msg`, `errCode`/`errMsg`,
/// `code`/`message`, at the top level or inside `error`). The documented error type of the
/// operation reads the whole body: [`ApiError::body_as`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The service's error code (`ModelArts.6404`), when the body has one.
    pub code: Option<String>,
    /// The service's error message, when the body has one.
    pub message: Option<String>,
    /// `X-Request-Id`, to quote to support.
    pub request_id: Option<String>,
    /// The body as received, fields the spec marks sensitive redacted.
    pub body: String,
}

impl ApiError {
    /// The body as the operation's documented error type (each builder's docs list them by
    /// status: `err.body_as::<ModelArtsError>()`), or as any type that reads it. Fields the
    /// spec marks sensitive hold `** redacted **` here, as in every error.
    pub fn body_as<E: serde::de::DeserializeOwned>(&self) -> Result<E, serde_json::Error> {
        serde_json::from_str(&self.body)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the service answered HTTP {}", self.status)?;
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(f, ": {code}: {message}")?,
            (Some(text), None) | (None, Some(text)) => write!(f, ": {text}")?,
            (None, None) if !self.body.is_empty() => write!(f, ": {}", excerpt(&self.body))?,
            (None, None) => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// A listing that would never end: the page at `offset` held the same items as the page before
/// it, as when a service ignores the offset parameter and sends no total. The items of the
/// first of the two pages were yielded; the repeat was not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagingError {
    /// The operation id (`list_notebooks`).
    pub operation: &'static str,
    /// The offset the repeated page was asked for.
    pub offset: i64,
    /// How many items the repeated page held.
    pub items: usize,
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stopped paging {}: the page at offset {} repeats the previous page ({} item(s)); the service may ignore the offset",
            self.operation, self.offset, self.items
        )
    }
}

/// A response that does not have the documented shape.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status.
    pub status: u16,
    /// Where decoding stopped, as a field path (`data[0].create_at`); empty for the whole body.
    pub path: String,
    /// What was wrong there.
    pub message: String,
    /// The start of the body, bounded, fields the spec marks sensitive redacted.
    pub excerpt: String,
    /// `X-Request-Id`, to quote to support.
    pub request_id: Option<String>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot decode the HTTP {} response", self.status)?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        write!(f, ": {}; body: {}", self.message, self.excerpt)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// How much of a body an error message quotes.
const EXCERPT_CHARS: usize = 512;

/// The start of a body, at most `EXCERPT_CHARS` characters.
pub(crate) fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_bounded_by_characters() {
        assert_eq!(excerpt(&"é".repeat(600)).chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(excerpt("short"), "short");
    }
}
