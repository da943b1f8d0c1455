//! Secrets in request and response fields.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A value the docs mark sensitive (a token, a password, a private key). It serializes as the
/// plain value, but its `Debug` output is redacted, so logging a request or response, or an
/// error that carries one, never shows it. Read it with [`Sensitive::expose`].
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a secret.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The secret itself; the name makes each use easy to find in review.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// The secret, unwrapped.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl From<&str> for Sensitive<String> {
    fn from(value: &str) -> Self {
        Sensitive(value.to_string())
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("** redacted **")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value_and_serde_keeps_it() {
        let token: Sensitive<String> = Sensitive::from("s3cr3t");
        assert_eq!(format!("{token:?}"), "** redacted **");
        assert_eq!(serde_json::to_string(&token).unwrap(), "\"s3cr3t\"");
        let back: Sensitive<String> = serde_json::from_str("\"s3cr3t\"").unwrap();
        assert_eq!(back.expose(), "s3cr3t");
    }
}
