//! Hand-written support code, the same for every operation and service: validation, secrets,
//! request rendering, signing, sending, retrying, decoding and paging. Copied verbatim from the
//! generator's `templates/runtime/`.

mod auth;
mod call;
mod config;
mod enums;
mod error;
mod form;
mod metadata;
#[cfg(feature = "mock")]
pub mod mock;
mod operation;
mod percent;
mod sensitive;
mod signer;
mod time;
mod transport;
mod validate;
mod wait;

/// The conversions of generated enums, reached by path (`runtime::string_enum!`).
#[doc(hidden)]
pub use crate::{int_enum, string_enum};
pub use auth::Credentials;
pub use call::{Call, PageParameter, Paginated};
pub use config::{Config, ConfigBuilder, RetryPolicy};
pub use enums::UnknownVariantValue;
pub use error::{ApiError, DecodeError, Error, PagingError, TransportError, TransportErrorKind};
pub use form::{FilePart, Form};
/// The trait of what `into_stream()` returns: iterate with `futures_util::StreamExt::next`.
pub use futures_util::Stream;
pub use operation::{Body, Method, Operation, Query};
pub use percent::encode;
pub use reqwest::header::HeaderMap;
pub use sensitive::Sensitive;
/// serde, for the generated types' derives (`#[serde(crate = "runtime::serde")]`), so a crate
/// whose build script generates services needs no serde dependency of its own.
#[doc(hidden)]
pub use serde;
/// serde_json, in which JSON-typed fields (`serde_json::Value`) and body errors are given.
pub use serde_json;
pub use signer::{
    Ascii, Signable, Signer, authorization, canonical_query, canonical_request, mark_unsigned_payload, sdk_date,
};
pub use time::{Timestamp, TimestampError};
pub use transport::{CallOptions, FromHeaders, Response, Transport, parse_header};
pub use validate::{Pattern, Rule, Validate, ValidationError, Validator, Violation};
pub use wait::{Wait, WaitError, Waiter, WaiterSpec, started_field};
