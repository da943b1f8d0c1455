//! Temporary credentials from the ECS/BMS metadata service, as huaweicloudsdkcore 3.1.219 gets
//! them on a cloud server with an agency (`auth/internal.py`, `MetadataAccessor`):
//! `GET {endpoint}/openstack/latest/securitykey`, cached, and fetched again once less than 40
//! minutes of the key are left (its `_DEFAULT_EXPIRATION_THRESHOLD_SECONDS`). The SDK first asks
//! for a session token (`PUT /meta-data/latest/api/token`) where the service offers one; this
//! client does not yet.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use super::signer::Signer;
use super::{Error, Sensitive, Timestamp};

/// The service's address on every ECS and BMS server.
pub const METADATA_ENDPOINT: &str = "http://169.254.169.254";

const SECURITY_KEY_PATH: &str = "/openstack/latest/securitykey";

/// A key is fetched again when less than this is left of it.
const REFRESH_BEFORE: i64 = 40 * 60;

/// The time the metadata service has to answer, as the official SDK allows it.
const TIMEOUT: Duration = Duration::from_secs(3);

/// The current temporary key, shared by the clones of a client.
#[derive(Debug)]
pub(crate) struct MetadataKeys {
    endpoint: String,
    cached: Mutex<Option<Arc<TemporaryKey>>>,
}

/// A temporary AK/SK with its security token: the signer keyed with it, and when it expires.
pub(crate) struct TemporaryKey {
    pub(crate) signer: Signer,
    pub(crate) security_token: Sensitive<String>,
    expires_at: i64,
}

impl std::fmt::Debug for TemporaryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TemporaryKey").field("expires_at", &self.expires_at).finish_non_exhaustive()
    }
}

impl MetadataKeys {
    pub(crate) fn new(endpoint: &str) -> Self {
        MetadataKeys { endpoint: endpoint.trim_end_matches('/').to_string(), cached: Mutex::new(None) }
    }

    /// The cached key while more than 40 minutes of it are left, else a new one.
    pub(crate) async fn current(&self, http: &reqwest::Client) -> Result<Arc<TemporaryKey>, Error> {
        let fresh = |key: &&Arc<TemporaryKey>| key.expires_at - unix_now() > REFRESH_BEFORE;
        if let Some(key) = self.cached.lock().unwrap_or_else(PoisonError::into_inner).as_ref().filter(fresh) {
            return Ok(Arc::clone(key));
        }
        let key = Arc::new(self.fetch(http).await?);
        *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&key));
        Ok(key)
    }

    /// Asks the service for a key. Errors name the service and what was wrong, never a value.
    async fn fetch(&self, http: &reqwest::Client) -> Result<TemporaryKey, Error> {
        let url = format!("{}{SECURITY_KEY_PATH}", self.endpoint);
        let failed =
            |why: String| Error::Config(format!("no temporary credentials from the metadata service {url}: {why}"));
        let response = http.get(&url).timeout(TIMEOUT).send().await.map_err(|err| failed(err.to_string()))?;
        let status = response.status();
        if !status.is_success() {
            return Err(failed(format!("it answered HTTP {}", status.as_u16())));
        }
        let body = response.bytes().await.map_err(|err| failed(err.to_string()))?;
        let json: serde_json::Value =
            serde_json::from_slice(&body).map_err(|_| failed("the answer is not JSON".into()))?;
        let credential = json.get("credential").or_else(|| json.get("credentials")).unwrap_or(&json);
        let text = |keys: &[&str]| keys.iter().find_map(|key| credential.get(key)?.as_str());
        let (Some(access), Some(secret), Some(token), Some(expires_at)) = (
            text(&["access", "accessKeyId", "access_key_id"]),
            text(&["secret", "secretAccessKey", "secret_access_key"]),
            text(&["securitytoken", "securityToken", "security_token"]),
            text(&["expires_at", "expiration"]),
        ) else {
            return Err(failed("the answer lacks one of access, secret, securitytoken and expires_at".into()));
        };
        let expires_at =
            Timestamp::parse_rfc3339(expires_at).map_err(|_| failed("expires_at is no RFC 3339 time".into()))?;
        Ok(TemporaryKey {
            signer: Signer::new(access, secret),
            security_token: Sensitive::new(token.to_string()),
            expires_at: expires_at.unix_seconds,
        })
    }
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs() as i64)
}
