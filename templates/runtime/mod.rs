//! Hand-written support code, the same for every operation and service: validation, secrets,
//! request rendering. Copied verbatim from the generator's `templates/runtime/`.

mod operation;
mod sensitive;
mod string_enum;
mod validate;

pub use operation::{Body, Operation, Query, encode};
pub use sensitive::Sensitive;
pub use validate::{Pattern, Rule, Validate, ValidationError, Validator, Violation};
