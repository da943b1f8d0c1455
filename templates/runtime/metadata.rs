//! Temporary credentials from the ECS/BMS metadata service, as huaweicloudsdkcore 3.1.219 gets
//! them on a cloud server with an agency (`auth/internal.py`, `MetadataAccessor`):
//! `GET {endpoint}/openstack/latest/securitykey`, cached, and fetched again once less than 40
//! minutes of the key are left (its `_DEFAULT_EXPIRATION_THRESHOLD_SECONDS`). Like the SDK, it
//! first asks for a session token (`PUT /meta-data/latest/api/token`), sent with the request
//! for the key; a service without sessions (404, 405 or 503) is asked without one, and again
//! for a session at most once a day; a 401 other than "no agency" asks for a new session once.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use super::signer::Signer;
use super::{Error, Sensitive, Timestamp};

/// The service's address on every ECS and BMS server.
pub const METADATA_ENDPOINT: &str = "http://169.254.169.254";

const SECURITY_KEY_PATH: &str = "/openstack/latest/securitykey";
const SESSION_PATH: &str = "/meta-data/latest/api/token";
const SESSION_HEADER: &str = "X-Metadata-Token";
/// How long a session is asked for: the SDK's 6 hours.
const SESSION_TTL: (&str, &str) = ("X-Metadata-Token-Ttl-Seconds", "21600");
/// How often a service that had no sessions is asked again: the SDK's day.
const SESSION_RETRY: Duration = Duration::from_secs(24 * 3600);
/// What a 401 says when the server has no agency, which a new session does not cure.
const NO_AGENCY: &str = "Please configure Cloud Service Agency first";

/// A key is fetched again when less than this is left of it.
const REFRESH_BEFORE: i64 = 40 * 60;

/// The time the metadata service has to answer, as the official SDK allows it.
const TIMEOUT: Duration = Duration::from_secs(3);

/// The current temporary key, shared by the clones of a client.
#[derive(Debug)]
pub(crate) struct MetadataKeys {
    endpoint: String,
    /// Where `Config::from_env` looked before it came to the service, for its errors.
    looked: Vec<String>,
    cached: Mutex<Option<Arc<TemporaryKey>>>,
    session: Mutex<Session>,
}

/// The session token, and when one was last asked for.
#[derive(Default)]
struct Session {
    token: Option<Sensitive<String>>,
    asked: Option<Instant>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("token", &self.token.is_some()).finish_non_exhaustive()
    }
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
    pub(crate) fn new(endpoint: &str, looked: Vec<String>) -> Self {
        let endpoint = endpoint.trim_end_matches('/').to_string();
        MetadataKeys { endpoint, looked, cached: Mutex::new(None), session: Mutex::new(Session::default()) }
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

    /// Asks the service for a key, in a session when it offers them. Errors name the service
    /// and what was wrong, never a value.
    async fn fetch(&self, http: &reqwest::Client) -> Result<TemporaryKey, Error> {
        let url = format!("{}{SECURITY_KEY_PATH}", self.endpoint);
        // Every place the chain looked, when `Config::from_env` came here for want of others.
        let before = self.looked.iter().map(|place| format!("{place}; ")).collect::<String>();
        let failed = |why: String| {
            Error::Config(format!("no credentials: {before}no temporary ones from the metadata service {url}: {why}"))
        };
        let due = {
            let session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
            session.token.is_none() && session.asked.is_none_or(|asked| asked.elapsed() > SESSION_RETRY)
        };
        if due {
            self.new_session(http, false).await.map_err(failed)?;
        }
        let mut response = self.get_key(http, &url).await.map_err(failed)?;
        if response.status() == reqwest::StatusCode::UNAUTHORIZED {
            let body = response.text().await.unwrap_or_default();
            if body.contains(NO_AGENCY) {
                return Err(failed("the server has no agency (HTTP 401)".into()));
            }
            self.new_session(http, true).await.map_err(failed)?;
            response = self.get_key(http, &url).await.map_err(failed)?;
        }
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

    /// `GET` of the key, with the session token when there is one.
    async fn get_key(&self, http: &reqwest::Client, url: &str) -> Result<reqwest::Response, String> {
        let token = self.session.lock().unwrap_or_else(PoisonError::into_inner).token.clone();
        let mut request = http.get(url).timeout(TIMEOUT);
        if let Some(token) = token {
            request = request.header(SESSION_HEADER, token.expose().as_str());
        }
        request.send().await.map_err(|err| err.to_string())
    }

    /// Asks for a session token. A service without sessions (404, 405, 503) leaves none, which
    /// is an error only when one is `required` (after a 401).
    async fn new_session(&self, http: &reqwest::Client, required: bool) -> Result<(), String> {
        let url = format!("{}{SESSION_PATH}", self.endpoint);
        let response = http.put(&url).header(SESSION_TTL.0, SESSION_TTL.1).timeout(TIMEOUT).send().await;
        let response = response.map_err(|err| format!("no session: {err}"))?;
        let status = response.status().as_u16();
        let token = match status {
            200 => Some(Sensitive::new(response.text().await.map_err(|err| format!("no session: {err}"))?)),
            404 | 405 | 503 if !required => None,
            _ => return Err(format!("the session request answered HTTP {status}")),
        };
        let mut session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
        *session = Session { token, asked: Some(Instant::now()) };
        Ok(())
    }
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_failing_service_at_the_end_of_the_chain_says_every_place_looked() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        // Nothing listens on a port just freed.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let endpoint = format!("http://127.0.0.1:{port}");
        let looked = vec![
            "HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK: unset".to_string(),
            "/h/.huaweicloud/credentials: absent".into(),
        ];
        let keys = MetadataKeys::new(&endpoint, looked);
        let err = keys.current(&reqwest::Client::new()).await.unwrap_err().to_string();
        let expected = format!(
            "invalid configuration: no credentials: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK: unset; \
             /h/.huaweicloud/credentials: absent; no temporary ones from the metadata service \
             {endpoint}/openstack/latest/securitykey: no session: "
        );
        assert!(err.starts_with(&expected), "{err}");
    }
}
