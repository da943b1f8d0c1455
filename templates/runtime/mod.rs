//! Hand-written support code, the same for every operation and service: validation, secrets,
//! request rendering, signing, sending, retrying, decoding and paging. Copied verbatim from the
//! generator's `templates/runtime/`.

mod auth;
mod call;
mod config;
mod enums;
mod error;
mod form;
mod operation;
mod percent;
mod sensitive;
mod signer;
mod time;
mod transport;
mod validate;

pub use auth::Credentials;
pub use call::{Call, PageParameter, Paginated};
pub use config::{Config, ConfigBuilder, RetryPolicy};
pub use error::{ApiError, DecodeError, Error, PagingError, TransportError, TransportErrorKind};
pub use form::{FilePart, Form};
/// The trait of what `into_stream()` returns: iterate with `futures_util::StreamExt::next`.
pub use futures_util::Stream;
pub use operation::{Body, Method, Operation, Query};
pub use percent::encode;
pub use sensitive::Sensitive;
pub use signer::{
    Ascii, Signable, Signer, authorization, canonical_query, canonical_request, mark_unsigned_payload, sdk_date,
};
// A client whose spec has no enum of a kind leaves that macro unused.
pub use enums::UnknownVariantValue;
#[allow(unused_imports)]
pub(crate) use enums::{int_enum, string_enum};
pub use reqwest::header::HeaderMap;
pub use time::{Timestamp, TimestampError};
pub use transport::{CallOptions, FromHeaders, Response, Transport, parse_header};
pub use validate::{Pattern, Rule, Validate, ValidationError, Validator, Violation};
