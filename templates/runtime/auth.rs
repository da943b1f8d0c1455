//! Credentials: AK/SK (optionally temporary, with a security token) or an IAM token.

use std::fmt;
use std::path::{Path, PathBuf};

use super::Sensitive;

/// How requests are authenticated. Every part is redacted in `Debug` output, the access key
/// too: it identifies the account.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// Signed with `SDK-HMAC-SHA256`; a security token marks temporary credentials.
    AkSk {
        /// The access key ID.
        ak: Sensitive<String>,
        /// The secret access key, which signs and is never sent.
        sk: Sensitive<String>,
        /// Sent as `X-Security-Token` with temporary credentials.
        security_token: Option<Sensitive<String>>,
    },
    /// An IAM token sent as `X-Auth-Token`.
    Token(Sensitive<String>),
    /// Temporary AK/SK from the ECS/BMS metadata service at `endpoint`, fetched when first
    /// needed and again before they expire; for a client on a cloud server with an agency.
    Metadata {
        /// The service's base URL ([`Credentials::metadata`] uses `http://169.254.169.254`).
        endpoint: String,
    },
}

impl Credentials {
    /// Permanent AK/SK: requests are signed with them.
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

    /// Temporary AK/SK from the ECS/BMS metadata service of the server the client runs on, as
    /// the official SDKs' `MetadataCredentialProvider` gets them: signed with, sent with their
    /// security token, and fetched again when less than 40 minutes of them are left.
    pub fn metadata() -> Self {
        Self::metadata_at(super::metadata::METADATA_ENDPOINT)
    }

    /// The same from a metadata service at another address (a stand-in, in tests).
    pub fn metadata_at(endpoint: impl Into<String>) -> Self {
        Credentials::Metadata { endpoint: endpoint.into() }
    }

    /// An IAM token, sent as `X-Auth-Token` instead of a signature.
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

/// What the official SDKs' credentials file holds for the `[basic]` profile.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Profile {
    pub credentials: Credentials,
    pub project_id: Option<String>,
}

/// The credentials file the official SDKs read: `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
/// `~/.huaweicloud/credentials`.
pub(crate) fn credentials_file(var: &impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    var("HUAWEICLOUD_SDK_CREDENTIALS_FILE").map(PathBuf::from).or_else(|| {
        let home = var("HOME").or_else(|| var("USERPROFILE"))?;
        Some(Path::new(&home).join(".huaweicloud").join("credentials"))
    })
}

/// The `[basic]` section of a credentials file (INI, as Python's configparser reads it: `key =
/// value` or `key: value`, keys in any case, `#` and `;` comments): `ak` and `sk`, with
/// `security_token` when set, and `project_id`. `Ok(None)` when the file does not exist; an
/// error says what is wrong without quoting a value.
pub(crate) fn read_profile(path: &Path) -> Result<Option<Profile>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
    };
    let (mut section, mut has_basic) = (None, false);
    let mut keys = std::collections::BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            section = Some(name.trim().to_string());
            has_basic |= section.as_deref() == Some("basic");
        } else if let Some((key, value)) = line.split_once(['=', ':']).filter(|_| section.as_deref() == Some("basic")) {
            keys.insert(key.trim().to_lowercase(), value.trim().to_string());
        }
    }
    if !has_basic {
        return Err(format!("{} has no [basic] section", path.display()));
    }
    let value = |key: &str| keys.get(key).filter(|value| !value.is_empty()).cloned();
    let (Some(ak), Some(sk)) = (value("ak"), value("sk")) else {
        return Err(format!("the [basic] section of {} lacks ak or sk", path.display()));
    };
    let credentials = match value("security_token") {
        Some(token) => Credentials::temporary(ak, sk, token),
        None => Credentials::aksk(ak, sk),
    };
    Ok(Some(Profile { credentials, project_id: value("project_id") }))
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
            Credentials::Metadata { endpoint } => f.debug_struct("Metadata").field("endpoint", endpoint).finish(),
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

    #[test]
    fn reads_the_basic_profile_of_a_credentials_file_and_quotes_no_value() {
        let dir = std::env::temp_dir().join(format!(
            "hwc-credentials-{}-{}",
            std::process::id(),
            module_path!().replace("::", "-")
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("credentials");
        let text = "# profiles\n[global]\nak = GLOBALAK\n[basic]\nAK = AK123\nsk: SK456\nproject_id = p1\n";
        std::fs::write(&path, text).unwrap();
        let profile = read_profile(&path).unwrap().unwrap();
        assert_eq!(
            profile,
            Profile { credentials: Credentials::aksk("AK123", "SK456"), project_id: Some("p1".into()) }
        );

        std::fs::write(&path, "[basic]\nak = AK123\n").unwrap();
        let err = read_profile(&path).unwrap_err();
        assert!(err.ends_with("lacks ak or sk") && !err.contains("AK123"), "{err}");
        std::fs::write(&path, "ak = AK123\n").unwrap();
        assert!(read_profile(&path).unwrap_err().ends_with("has no [basic] section"));
        assert_eq!(read_profile(&dir.join("absent")).unwrap(), None);
        std::fs::remove_dir_all(&dir).unwrap();

        let vars = |name: &str| (name == "HOME").then(|| "/home/u".to_string());
        assert_eq!(credentials_file(&vars), Some(PathBuf::from("/home/u/.huaweicloud/credentials")));
    }
}
