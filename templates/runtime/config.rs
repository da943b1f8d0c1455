//! Client configuration: where to send, how to authenticate, how patient to be.

use std::time::Duration;

use super::auth::{credentials_file, read_profile};
use super::{Credentials, Error, Sensitive};

/// Settings shared by every service client. Build with [`Config::builder`], or
/// [`Config::from_env`] to start from the official SDKs' environment variables.
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) endpoint: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) project_id: Option<String>,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) proxy: Proxy,
    /// Extra root certificates, PEM.
    pub(crate) ca_certificates: Vec<Vec<u8>>,
    pub(crate) validate: bool,
    pub(crate) max_response_bytes: usize,
    pub(crate) http_client: Option<reqwest::Client>,
    /// Where [`Config::from_env`] looked for credentials and what it found there, for the
    /// error when it found none.
    pub(crate) looked: Vec<String>,
}

impl Config {
    /// A builder with the defaults: 30 s timeout, three attempts, validation on, no proxy.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder(Config {
            endpoint: None,
            region: None,
            project_id: None,
            credentials: None,
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(30),
            connect_timeout: None,
            read_timeout: None,
            proxy: Proxy::None,
            ca_certificates: Vec::new(),
            validate: true,
            max_response_bytes: 16 * 1024 * 1024,
            http_client: None,
            looked: Vec::new(),
        })
    }

    /// A builder holding what the environment sets, looking where the official SDKs look:
    /// the credentials from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN`, else from the `[basic]` profile of the credentials
    /// file (`HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else `~/.huaweicloud/credentials`: `ak`, `sk`,
    /// `security_token`, `project_id`); the project from `HUAWEICLOUD_SDK_PROJECT_ID`, else the
    /// file; the region from `HUAWEICLOUD_SDK_REGION` and an endpoint that overrides it from
    /// `HUAWEICLOUD_SDK_ENDPOINT`. Empty variables count as unset; the builder's setters
    /// override any of them. Without credentials in either place, the chain ends as the
    /// official SDKs' does, with the ECS/BMS metadata service ([`Credentials::metadata`]):
    /// on a cloud server with an agency it has temporary ones; elsewhere the first request
    /// fails with an error that says every place the chain looked.
    pub fn from_env() -> ConfigBuilder {
        Self::from_vars(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> ConfigBuilder {
        let mut builder = Config::builder();
        let config = &mut builder.0;
        config.project_id = var("HUAWEICLOUD_SDK_PROJECT_ID");
        config.region = var("HUAWEICLOUD_SDK_REGION");
        config.endpoint = var("HUAWEICLOUD_SDK_ENDPOINT");
        config.credentials = Credentials::from_vars(&var);
        if config.credentials.is_some() {
            return builder;
        }
        config.looked.push("HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK: unset".into());
        match credentials_file(&var).map(|path| (read_profile(&path), path)) {
            None => config.looked.push("the credentials file: no HUAWEICLOUD_SDK_CREDENTIALS_FILE or HOME".into()),
            Some((Ok(Some(profile)), _)) => {
                config.credentials = Some(profile.credentials);
                config.project_id = config.project_id.take().or(profile.project_id);
                return builder;
            }
            Some((Ok(None), path)) => config.looked.push(format!("{}: absent", path.display())),
            Some((Err(err), _)) => config.looked.push(err),
        }
        config.credentials = Some(Credentials::metadata());
        builder
    }
}

/// Which proxy requests go through.
#[derive(Debug, Clone)]
pub(crate) enum Proxy {
    None,
    Environment,
    Url(Sensitive<String>),
}

/// Builds a [`Config`]; every setting but the endpoint (or region) and credentials has a default.
#[derive(Debug, Clone)]
pub struct ConfigBuilder(Config);

impl ConfigBuilder {
    /// Any base URL (`https://modelarts.cn-north-4.myhuaweicloud.com`, `http://127.0.0.1:8080`);
    /// takes precedence over [`ConfigBuilder::region`].
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.0.endpoint = Some(endpoint.into());
        self
    }

    /// A region (`cn-north-4`): each service client fills it into its endpoint template.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.0.region = Some(region.into());
        self
    }

    /// Fills the `{project_id}` path parameter of every call that does not set it.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.0.project_id = Some(project_id.into());
        self
    }

    /// How requests are authenticated (required; see [`Config::from_env`] for the official SDKs' places).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.0.credentials = Some(credentials);
        self
    }

    /// When and how often idempotent requests are retried (default [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.0.retry = retry;
        self
    }

    /// Time allowed for one attempt, from sending to the end of the body (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.0.timeout = timeout;
        self
    }

    /// Time allowed to open the connection (default: within [`ConfigBuilder::timeout`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.0.connect_timeout = Some(timeout);
        self
    }

    /// Time allowed between two reads of the response (default: within
    /// [`ConfigBuilder::timeout`]).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.0.read_timeout = Some(timeout);
        self
    }

    /// Sends every request through this proxy (`http://proxy.example:3128`; user and password
    /// in the URL are kept out of `Debug` output and errors). Without this or
    /// [`ConfigBuilder::proxy_from_env`], no proxy is used.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.0.proxy = Proxy::Url(Sensitive::new(url.into()));
        self
    }

    /// Uses the proxy the environment names, as curl reads it: `HTTPS_PROXY`, `HTTP_PROXY`,
    /// `ALL_PROXY` (or their lower-case names), with the hosts of `NO_PROXY` sent directly.
    pub fn proxy_from_env(mut self) -> Self {
        self.0.proxy = Proxy::Environment;
        self
    }

    /// Trusts this root certificate (PEM) besides the built-in ones: a private CA, or a
    /// TLS-inspecting proxy's.
    pub fn ca_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.0.ca_certificates.push(pem.into());
        self
    }

    /// Whether requests are checked against the documented rules before they are sent
    /// (default on). Turn it off when a service has loosened a rule the spec still states.
    pub fn validation(mut self, validate: bool) -> Self {
        self.0.validate = validate;
        self
    }

    /// Responses with a larger body are rejected without reading further (default 16 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.0.max_response_bytes = limit;
        self
    }

    /// Sends with this `reqwest::Client` (a connection pool of your own); the timeouts of this
    /// builder still apply per call, its proxy and certificates are the client's.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.0.http_client = Some(client);
        self
    }

    /// The configuration, or an error naming what is missing: an endpoint or a region, and
    /// credentials.
    pub fn build(self) -> Result<Config, Error> {
        if self.0.endpoint.is_none() && self.0.region.is_none() {
            return Err(Error::Config(
                "set an endpoint or a region (or HUAWEICLOUD_SDK_ENDPOINT or HUAWEICLOUD_SDK_REGION for Config::from_env)"
                    .into(),
            ));
        }
        if self.0.credentials.is_none() {
            let looked = match self.0.looked.as_slice() {
                [] => "or use Config::from_env, which reads them as the official SDKs do".to_string(),
                looked => format!("Config::from_env found none: {}", looked.join("; ")),
            };
            return Err(Error::Config(format!("set credentials ({looked})")));
        }
        Ok(self.0)
    }
}

/// Retries of idempotent requests (GET, HEAD, PUT, DELETE) after a connection failure, a 429
/// or a 5xx: exponential backoff with full jitter, honouring `Retry-After`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The backoff before the second attempt; it doubles for each one after.
    pub base_delay: Duration,
    /// No wait is longer; a `Retry-After` asking for more ends the retries.
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// One attempt, no retry.
    pub const fn disabled() -> Self {
        RetryPolicy { max_attempts: 1, base_delay: Duration::ZERO, max_delay: Duration::ZERO }
    }

    /// The wait before attempt `attempt + 1`, or `None` when no attempt is left or the
    /// server asks for a longer wait than `max_delay`.
    pub(crate) fn delay(&self, attempt: u32, retry_after: Option<Duration>, random: u64) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        if let Some(wait) = retry_after {
            return (wait <= self.max_delay).then_some(wait);
        }
        let ceiling = self.base_delay.saturating_mul(1 << (attempt - 1).min(16)).min(self.max_delay);
        Some(up_to(ceiling, random))
    }
}

/// A duration from zero to `ceiling`, picked by `random`: the jitter of retries and of waiters.
pub(crate) fn up_to(ceiling: Duration, random: u64) -> Duration {
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(if nanos == 0 { 0 } else { random % (nanos + 1) })
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 3, base_delay: Duration::from_millis(200), max_delay: Duration::from_secs(10) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_bounds_and_honours_retry_after() {
        let policy =
            RetryPolicy { max_attempts: 4, base_delay: Duration::from_millis(100), max_delay: Duration::from_secs(1) };
        assert_eq!(policy.delay(1, None, u64::MAX - 1), Some(Duration::from_nanos((u64::MAX - 1) % 100_000_001)));
        assert!(policy.delay(3, None, 12_345).unwrap() <= Duration::from_millis(400));
        assert_eq!(policy.delay(2, Some(Duration::from_millis(700)), 0), Some(Duration::from_millis(700)));
        assert_eq!(policy.delay(2, Some(Duration::from_secs(5)), 0), None, "longer than max_delay: give up");
        assert_eq!(policy.delay(4, None, 0), None, "no attempt left");
        assert_eq!(RetryPolicy::disabled().delay(1, None, 0), None);
    }

    #[test]
    fn build_names_what_is_missing() {
        let err = Config::builder().credentials(Credentials::token("t")).build().unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid configuration: set an endpoint or a region (or HUAWEICLOUD_SDK_ENDPOINT or HUAWEICLOUD_SDK_REGION for Config::from_env)"
        );
    }

    #[test]
    fn from_env_falls_back_to_the_credentials_file_and_says_where_it_looked() {
        let dir = std::env::temp_dir().join(format!(
            "hwc-from-env-{}-{}",
            std::process::id(),
            module_path!().replace("::", "-")
        ));
        std::fs::create_dir_all(dir.join(".huaweicloud")).unwrap();
        let file = dir.join(".huaweicloud/credentials");
        let home = dir.display().to_string();
        let vars = |name: &str| match name {
            "HOME" => Some(home.clone()),
            "HUAWEICLOUD_SDK_REGION" => Some("cn-north-4".to_string()),
            _ => None,
        };
        // Nothing in the environment or the file: the chain ends with the metadata service,
        // and remembers where it looked for the error a failing service gives.
        let config = Config::from_vars(vars).build().unwrap();
        assert_eq!(config.credentials, Some(Credentials::metadata()));
        let looked =
            ["HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK: unset".to_string(), format!("{}: absent", file.display())];
        assert_eq!(config.looked, looked);
        std::fs::write(&file, "[basic]\nak = FILEAK\nsk = FILESK\nproject_id = p2\n").unwrap();
        let config = Config::from_vars(vars).build().unwrap();
        assert_eq!(config.credentials, Some(Credentials::aksk("FILEAK", "FILESK")));
        assert_eq!(config.project_id.as_deref(), Some("p2"));
        assert!(!format!("{config:?}").contains("FILESK"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn from_env_reads_the_region_the_endpoint_and_the_project() {
        let vars = |name: &str| {
            let value = match name {
                "HUAWEICLOUD_SDK_AK" => "AK",
                "HUAWEICLOUD_SDK_SK" => "SK",
                "HUAWEICLOUD_SDK_PROJECT_ID" => "p1",
                "HUAWEICLOUD_SDK_REGION" => "cn-north-4",
                _ => return None,
            };
            Some(value.to_string())
        };
        let config = Config::from_vars(vars).build().expect("every setting the build needs is set");
        assert_eq!(
            (config.region.as_deref(), config.endpoint.as_deref(), config.project_id.as_deref()),
            (Some("cn-north-4"), None, Some("p1"))
        );
        let with_endpoint = |name: &str| match name {
            "HUAWEICLOUD_SDK_ENDPOINT" => Some("http://127.0.0.1:9".to_string()),
            other => vars(other),
        };
        let config = Config::from_vars(with_endpoint).build().unwrap();
        assert_eq!(config.endpoint.as_deref(), Some("http://127.0.0.1:9"));
    }
}
