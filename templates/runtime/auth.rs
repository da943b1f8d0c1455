//! Credentials: AK/SK (optionally temporary, with a security token) or an IAM token.

use std::fmt;

use super::Sensitive;

/// How requests are authenticated. Every part is redacted in `Debug` output, the access key
/// too: it identifies the account.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// Signed with `SDK-HMAC-SHA256`; a security token marks temporary credentials.
    AkSk { ak: Sensitive<String>, sk: Sensitive<String>, security_token: Option<Sensitive<String>> },
    /// An IAM token sent as `X-Auth-Token`.
    Token(Sensitive<String>),
}

impl Credentials {
    pub fn aksk(ak: impl Into<String>, sk: impl Into<String>) -> Self {
        Credentials::AkSk { ak: Sensitive::new(ak.into()), sk: Sensitive::new(sk.into()), security_token: None }
    }

    /// Temporary AK/SK, sent with `X-Security-Token`.
    pub fn temporary(ak: impl Into<String>, sk: impl Into<String>, security_token: impl Into<String>) -> Self {
        Credentials::AkSk {
            ak: Sensitive::new(ak.into()),
            sk: Sensitive::new(sk.into()),
            security_token: Some(Sensitive::new(security_token.into())),
        }
    }

    pub fn token(token: impl Into<String>) -> Self {
        Credentials::Token(Sensitive::new(token.into()))
    }

    /// AK/SK from `HUAWEICLOUD_SDK_AK` and `HUAWEICLOUD_SDK_SK`, with
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN` when set, as the official SDKs read them.
    pub fn from_env() -> Option<Self> {
        Self::from_vars(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
    }

    pub(crate) fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let (ak, sk) = (var("HUAWEICLOUD_SDK_AK")?, var("HUAWEICLOUD_SDK_SK")?);
        Some(match var("HUAWEICLOUD_SDK_SECURITY_TOKEN") {
            Some(token) => Credentials::temporary(ak, sk, token),
            None => Credentials::aksk(ak, sk),
        })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::AkSk { security_token, .. } => f
                .debug_struct("AkSk")
                .field("ak", &"** redacted **")
                .field("sk", &"** redacted **")
                .field("temporary", &security_token.is_some())
                .finish(),
            Credentials::Token(_) => f.write_str("Token(** redacted **)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sdk_variables_and_redacts_them() {
        let vars = |name: &str| match name {
            "HUAWEICLOUD_SDK_AK" => Some("AK123".to_string()),
            "HUAWEICLOUD_SDK_SK" => Some("SK456".to_string()),
            "HUAWEICLOUD_SDK_SECURITY_TOKEN" => Some("TOKEN789".to_string()),
            _ => None,
        };
        let credentials = Credentials::from_vars(vars).unwrap();
        assert_eq!(credentials, Credentials::temporary("AK123", "SK456", "TOKEN789"));
        let debug = format!("{credentials:?}");
        assert!(!debug.contains("AK123") && !debug.contains("SK456") && !debug.contains("TOKEN789"), "{debug}");
        assert_eq!(Credentials::from_vars(|_| None), None);
    }
}
