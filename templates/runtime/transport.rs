//! Sending a request: validate, sign, send, retry, decode. Written once for every operation.

use std::borrow::Cow;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{AUTHORIZATION, CONTENT_LENGTH, HeaderMap, HeaderName, HeaderValue};
use serde::Deserializer as _;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use tracing::Instrument;

use super::config::Proxy;
use super::error::{ApiError, DecodeError, TransportError, TransportErrorKind, excerpt};
use super::metadata::{MetadataKeys, TemporaryKey};
use super::{Body, Config, Credentials, Error, Method, Operation, signer};

const USER_AGENT: &str = concat!("huaweicloud-client-rust/", env!("CARGO_PKG_VERSION"));

/// Options of one call, each overriding the client's setting when set.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Whether the request is validated before it is sent.
    pub validate: Option<bool>,
    /// Time allowed for each attempt.
    pub timeout: Option<Duration>,
    /// Whether the request is retried.
    pub retry: Option<bool>,
}

/// An operation's response: the decoded body, which it dereferences to
/// (`response.items`), the status, the headers, and the headers the operation documents read
/// into `H` (its `<Operation>Headers`, or `()` when it documents none beyond `X-Request-Id`).
#[derive(Debug, Clone)]
pub struct Response<T, H = ()> {
    body: T,
    status: u16,
    headers: HeaderMap,
    typed: H,
}

impl<T, H: FromHeaders> Response<T, H> {
    /// A response as the service sent it, for tests and mocks that stand in for the service.
    pub fn new(body: T, status: u16, headers: HeaderMap) -> Self {
        let typed = H::from_headers(&headers);
        Response { body, status, headers, typed }
    }
}

impl<T, H> Response<T, H> {
    /// The headers the operation documents, each parsed as its documented type; one that is
    /// absent or not of that type is `None` (its raw value stays in [`headers`](Self::headers)).
    pub fn typed_headers(&self) -> &H {
        &self.typed
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, the rest dropped.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The HTTP status (a 2xx: other statuses are [`Error::Api`]).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Every response header, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A response header, by name in any case (`X-Request-Id` or `X-request-id`); `None` when
    /// absent or not text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The `X-Request-Id` the service assigned, to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-request-id")
    }

    /// The body, status and headers, taken apart.
    pub fn into_parts(self) -> (T, u16, HeaderMap) {
        (self.body, self.status, self.headers)
    }
}

impl<T, H> std::ops::Deref for Response<T, H> {
    type Target = T;

    /// The body: a response reads as the documented type (`response.items`).
    fn deref(&self) -> &T {
        &self.body
    }
}

/// The typed headers of an operation's responses, read from the received ones.
pub trait FromHeaders {
    /// Each documented header parsed as its type ([`parse_header`]).
    fn from_headers(headers: &HeaderMap) -> Self;
}

/// An operation that documents no headers beyond `X-Request-Id`.
impl FromHeaders for () {
    fn from_headers(_: &HeaderMap) -> Self {}
}

/// A header parsed as `V`; `None` when absent, not text, or not a `V`.
pub fn parse_header<V: std::str::FromStr>(headers: &HeaderMap, name: &str) -> Option<V> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// The connection to one service endpoint, shared by all its calls.
#[derive(Clone)]
pub struct Transport {
    http: reqwest::Client,
    /// The endpoint, parsed once: each request's URL is a copy with its path and query set,
    /// so the scheme and host are not parsed again on every request.
    base: reqwest::Url,
    /// The endpoint's own path (`/gateway` of `https://host/gateway`), without a trailing `/`;
    /// operation paths go after it.
    base_path: String,
    /// The authority as written in the endpoint (with its port), signed as `Host`.
    host: String,
    /// The AK/SK signer, keyed once, when the credentials are AK/SK.
    signer: Option<signer::Signer>,
    /// The temporary keys, when the credentials come from the metadata service.
    metadata: Option<Arc<MetadataKeys>>,
    config: Config,
}

impl std::fmt::Debug for Transport {
    /// The endpoint as one URL string rather than the parsed URL's fields; the config redacts
    /// its secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("endpoint", &self.base.as_str())
            .field("host", &self.host)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// Resolves the endpoint (the configured one, or the service's template filled with the
    /// region) and prepares the HTTP client.
    pub fn new(config: Config, endpoint_template: &str) -> Result<Self, Error> {
        let endpoint = match (&config.endpoint, &config.region) {
            (Some(endpoint), _) => endpoint.clone(),
            (None, Some(region)) => endpoint_template.replace("{region}", region),
            (None, None) => return Err(Error::Config("set an endpoint or a region".into())),
        };
        let url = reqwest::Url::parse(&endpoint)
            .map_err(|err| Error::Config(format!("invalid endpoint {endpoint:?}: {err}")))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(Error::Config(format!("invalid endpoint {endpoint:?}: expected an http or https URL")));
        }
        let after_scheme = endpoint.split_once("://").map_or("", |(_, rest)| rest);
        let host = after_scheme.split(['/', '?', '#']).next().unwrap_or_default().to_string();
        let http = match &config.http_client {
            Some(client) => client.clone(),
            None => {
                // reqwest is built without a bundled crypto provider; ring is installed once
                // per process unless the application installed one of its own.
                if rustls::crypto::CryptoProvider::get_default().is_none() {
                    let _ = rustls::crypto::ring::default_provider().install_default();
                }
                http_client(&config)?
            }
        };
        let base_path = url.path().trim_end_matches('/').to_string();
        let signer = match &config.credentials {
            Some(Credentials::AkSk { ak, sk, .. }) => Some(signer::Signer::new(ak.expose(), sk.expose())),
            _ => None,
        };
        let metadata = match &config.credentials {
            Some(Credentials::Metadata { endpoint }) => {
                Some(Arc::new(MetadataKeys::new(endpoint, config.looked.clone())))
            }
            _ => None,
        };
        Ok(Transport { http, base: url, base_path, host, signer, metadata, config })
    }

    /// The `project_id` calls default to.
    pub fn project_id(&self) -> Option<&str> {
        self.config.project_id.as_deref()
    }

    /// Validates (unless switched off), then sends with retries, then decodes. Only rendering
    /// the request and decoding its response depend on the operation; sending, signing and
    /// retrying are compiled once for all operations (`Transport::execute`), not once per
    /// operation, which keeps a client of hundreds of operations quick to build.
    pub async fn send<O: Operation>(
        &self,
        request: &O,
        options: &CallOptions,
    ) -> Result<Response<O::Output, O::Headers>, Error> {
        if options.validate.unwrap_or(self.config.validate) {
            request.validate().map_err(Error::Validation)?;
        }
        let rendered = Rendered::of(request)?;
        let received = self.execute(rendered, options).await?;
        decode::<O>(received)
    }

    /// Sends a rendered request in its tracing span, with retries, and reads the response.
    async fn execute(&self, rendered: Rendered, options: &CallOptions) -> Result<Received, Error> {
        let span = tracing::info_span!(
            "huaweicloud.request",
            operation = rendered.id,
            method = rendered.method.as_str(),
            path = rendered.template,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        self.send_with_retries(rendered, options, &span).instrument(span.clone()).await
    }

    /// Records each attempt's facts on `span` itself, which works whatever the subscriber
    /// tracks as the current span.
    async fn send_with_retries(
        &self,
        rendered: Rendered,
        options: &CallOptions,
        span: &tracing::Span,
    ) -> Result<Received, Error> {
        let Rendered {
            method: operation_method, path, query, parameters, content_type, body, sensitive_fields, ..
        } = rendered;
        let mut url = self.base.clone();
        url.set_path(&[self.base_path.as_str(), &path].concat());
        url.set_query(Some(query.as_str()).filter(|query| !query.is_empty()));
        let method = match operation_method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
            Method::Patch => reqwest::Method::PATCH,
            Method::Head => reqwest::Method::HEAD,
        };
        let retry = operation_method.is_idempotent() && options.retry.unwrap_or(true);
        // A per-call timeout, or the configured one when the application supplied its own
        // reqwest client, goes on each request; otherwise the client built above carries it.
        let timeout = options.timeout.or(self.config.http_client.is_some().then_some(self.config.timeout));

        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let temporary = match &self.metadata {
                Some(keys) => Some(keys.current(&self.http).await?),
                None => None,
            };
            let date = signer::sdk_date(SystemTime::now());
            let headers = self.headers(&content_type, &parameters, &date, temporary.as_deref());
            // The path as sent, the endpoint's own path included: that is what the gateway checks.
            let signable = signer::Signable {
                method: operation_method.as_str(),
                path: url.path(),
                query: &query,
                headers: &headers,
                body: &body,
            };
            let signer = temporary.as_ref().map(|key| &key.signer).or(self.signer.as_ref());
            let authorization = signer.map(|signer| signer.authorization(&signable));
            let mut http_request = reqwest::Request::new(method.clone(), url.clone());
            *http_request.timeout_mut() = timeout;
            // A GET carries no body, not even an empty one. A bodiless PUT or POST says
            // `Content-Length: 0` (unsigned), as the official SDKs' HTTP library does: some
            // gateways refuse one without a length.
            if !body.is_empty() {
                *http_request.body_mut() = Some(body.clone().into());
            } else if operation_method.has_body() {
                http_request.headers_mut().insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
            }
            // Assembled in place rather than through reqwest's builder, so a value HTTP cannot
            // carry is an error of ours naming its header (the builder's says only "builder
            // error"), and credentials are marked sensitive.
            let sent = http_request.headers_mut();
            sent.reserve(headers.len() + 1);
            for (name, value) in headers {
                sent.append(header_name(name)?, header_value(name, value)?);
            }
            if let Some(authorization) = authorization {
                sent.insert(AUTHORIZATION, header_value(AUTHORIZATION.as_str(), authorization)?);
            }
            match self.http.execute(http_request).await {
                Err(err) => {
                    let kind = transport_kind(&err);
                    let wait = if retry && kind == TransportErrorKind::Connect {
                        self.config.retry.delay(attempt, None, random())
                    } else {
                        None
                    };
                    if let Some(wait) = wait {
                        tracing::debug!(?wait, error = %err, "connection failed; retrying");
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(Error::Transport(TransportError { kind, attempts: attempt, source: err }));
                }
                Ok(response) => {
                    let status = response.status();
                    span.record("status", status.as_u16());
                    if let Some(id) = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()) {
                        span.record("request_id", id);
                    }
                    let wait = if retry && (status.as_u16() == 429 || status.is_server_error()) {
                        self.config.retry.delay(attempt, retry_after(response.headers()), random())
                    } else {
                        None
                    };
                    if let Some(wait) = wait {
                        tracing::debug!(?wait, status = status.as_u16(), "retryable status; retrying");
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return self.receive(response, attempt, sensitive_fields).await;
                }
            }
        }
    }

    /// The headers of one attempt, borrowed rather than copied (this runs on every attempt):
    /// the operation's header parameters, then the client's own. With AK/SK they include
    /// what the signature needs, `date` (the attempt's time) among them.
    fn headers<'a>(
        &'a self,
        content_type: &'a str,
        parameters: &'a [(&'static str, String)],
        date: &'a str,
        temporary: Option<&'a TemporaryKey>,
    ) -> Vec<(&'a str, &'a str)> {
        let mut headers: Vec<(&str, &str)> = Vec::with_capacity(parameters.len() + 8);
        headers.extend(parameters.iter().map(|(name, value)| (*name, value.as_str())));
        headers.push(("Content-Type", content_type));
        headers.push(("User-Agent", USER_AGENT));
        // Signed requests (AK/SK, permanent or temporary) carry what the signature covers.
        let security_token = match self.config.credentials.as_ref() {
            Some(Credentials::Token(token)) => {
                headers.push((TOKEN_HEADER, token.expose().as_str()));
                return headers;
            }
            Some(Credentials::AkSk { security_token, .. }) => security_token.as_ref(),
            Some(Credentials::Metadata { .. }) => temporary.map(|key| &key.security_token),
            None => return headers,
        };
        if let Some(project_id) = &self.config.project_id {
            headers.push(("X-Project-Id", project_id));
        }
        if let Some(token) = security_token {
            headers.push((SECURITY_TOKEN_HEADER, token.expose().as_str()));
        }
        headers.push((signer::DATE_HEADER, date));
        headers.push(("Host", &self.host));
        signer::mark_unsigned_payload(&mut headers);
        headers
    }

    /// Reads the body of a response (bounded), and turns an error status, or a 2xx whose body
    /// is an error, into [`Error::Api`].
    async fn receive(
        &self,
        mut response: reqwest::Response,
        attempts: u32,
        sensitive_fields: &'static [&'static str],
    ) -> Result<Received, Error> {
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let request_id = headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_string);
        let body = match read_body(&mut response, self.config.max_response_bytes).await {
            Ok(body) => body,
            Err(ReadError::TooLarge(partial)) => {
                let message = format!("the body is larger than the {}-byte limit", self.config.max_response_bytes);
                let text = redact(&String::from_utf8_lossy(&partial), sensitive_fields);
                let excerpt = excerpt(&text);
                return Err(Error::Decode(DecodeError { status, path: String::new(), message, excerpt, request_id }));
            }
            Err(ReadError::Transport(err)) => {
                return Err(Error::Transport(TransportError { kind: transport_kind(&err), attempts, source: err }));
            }
        };
        if !(200..300).contains(&status) || is_error_body(&body) {
            let text = redact(&String::from_utf8_lossy(&body), sensitive_fields);
            return Err(Error::Api(api_error(status, request_id, text)));
        }
        Ok(Received { status, headers, body, request_id, sensitive_fields })
    }
}

/// A request rendered from its operation's request type: all the sending needs, with no type
/// parameter, so the sending code exists once.
struct Rendered {
    id: &'static str,
    method: Method,
    template: &'static str,
    /// The path, without the endpoint's own.
    path: String,
    /// The canonical query string, as signed and sent.
    query: String,
    /// The operation's header parameters.
    parameters: Vec<(&'static str, String)>,
    content_type: Cow<'static, str>,
    body: Vec<u8>,
    sensitive_fields: &'static [&'static str],
}

impl Rendered {
    fn of<O: Operation>(request: &O) -> Result<Rendered, Error> {
        let (content_type, body): (Cow<str>, _) = match request.body() {
            Ok(Body::Empty) => ("application/json".into(), Vec::new()),
            Ok(Body::Json(bytes)) => ("application/json".into(), bytes),
            Ok(Body::Multipart(form)) => {
                let boundary = format!("huaweicloud-{:016x}", random());
                (format!("multipart/form-data; boundary={boundary}").into(), form.encode(&boundary))
            }
            Err(err) => return Err(Error::Config(format!("cannot serialize the request body: {err}"))),
        };
        let path = request.path();
        if let Some(violations) = super::operation::path_violations(O::PATH_TEMPLATE, &path) {
            return Err(Error::Validation(violations));
        }
        Ok(Rendered {
            id: O::ID,
            method: O::METHOD,
            template: O::PATH_TEMPLATE,
            path,
            query: signer::canonical_query(request.query().pairs()),
            parameters: request.headers(),
            content_type,
            body,
            sensitive_fields: O::SENSITIVE_FIELDS,
        })
    }
}

/// A 2xx response read whole, not yet decoded.
struct Received {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
    request_id: Option<String>,
    sensitive_fields: &'static [&'static str],
}

/// Decodes a received body into the operation's documented type. An operation documented
/// without a body decodes `()` from nothing.
fn decode<O: Operation>(received: Received) -> Result<Response<O::Output, O::Headers>, Error> {
    let Received { status, headers, body, request_id, sensitive_fields } = received;
    let json: &[u8] = if body.is_empty() { b"null" } else { &body };
    if let Ok(decoded) = serde_json::from_slice(json) {
        return Ok(Response::new(decoded, status, headers));
    }
    // Decoding again with path tracking, which costs as much as decoding, only on failure.
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let decoded: Result<O::Output, (String, String)> = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|err| (err.path().to_string(), err.into_inner().to_string()))
        .and_then(|value| deserializer.end().map(|()| value).map_err(|err| (String::new(), err.to_string())));
    match decoded {
        Ok(decoded) => Ok(Response::new(decoded, status, headers)),
        Err((path, message)) => {
            let path = if path == "." { String::new() } else { path };
            let text = redact(&String::from_utf8_lossy(&body), sensitive_fields);
            Err(Error::Decode(DecodeError { status, path, message, excerpt: excerpt(&text), request_id }))
        }
    }
}

enum ReadError {
    /// What was read before the limit was passed.
    TooLarge(Vec<u8>),
    Transport(reqwest::Error),
}

/// Reads the body, stopping as soon as it passes `limit` bytes, so a huge answer cannot
/// exhaust memory.
async fn read_body(response: &mut reqwest::Response, limit: usize) -> Result<Vec<u8>, ReadError> {
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Err(ReadError::TooLarge(Vec::new()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(ReadError::TooLarge(body));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The HTTP client the configuration describes. The configured timeout lives on the client,
/// so a call that keeps it adds nothing to its request.
fn http_client(config: &Config) -> Result<reqwest::Client, Error> {
    let mut builder = reqwest::Client::builder().timeout(config.timeout);
    if let Some(timeout) = config.connect_timeout {
        builder = builder.connect_timeout(timeout);
    }
    if let Some(timeout) = config.read_timeout {
        builder = builder.read_timeout(timeout);
    }
    builder = match &config.proxy {
        // reqwest reads the environment's proxy unless told otherwise.
        Proxy::Environment => builder,
        Proxy::None => builder.no_proxy(),
        Proxy::Url(url) => {
            // The URL may hold a password: the error names the setting, not the value.
            let proxy = reqwest::Proxy::all(url.expose().as_str())
                .map_err(|_| Error::Config("the proxy is not a valid URL (http://host:port)".into()))?;
            builder.proxy(proxy)
        }
    };
    for (index, pem) in config.ca_certificates.iter().enumerate() {
        let invalid = |why: String| Error::Config(format!("CA certificate {} {why}", index + 1));
        let certificates =
            reqwest::Certificate::from_pem_bundle(pem).map_err(|err| invalid(format!("is not PEM: {err}")))?;
        if certificates.is_empty() {
            return Err(invalid("holds no `BEGIN CERTIFICATE` block".into()));
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(|err| Error::Config(format!("cannot create the HTTP client: {err}")))
}

fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))
}

/// A header's value, marked sensitive when it carries a credential so that no `Debug` of the
/// request shows it. The message never quotes the value: it may be a secret.
fn header_value(name: &str, value: impl Into<String>) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::try_from(value.into())
        .map_err(|_| Error::Config(format!("the value of the `{name}` header has a character HTTP does not allow")))?;
    value.set_sensitive(SENSITIVE_HEADERS.iter().any(|sensitive| name.eq_ignore_ascii_case(sensitive)));
    Ok(value)
}

pub(crate) const TOKEN_HEADER: &str = "X-Auth-Token";
const SECURITY_TOKEN_HEADER: &str = "X-Security-Token";
/// Headers whose values are credentials.
const SENSITIVE_HEADERS: &[&str] = &["Authorization", TOKEN_HEADER, SECURITY_TOKEN_HEADER];

fn transport_kind(err: &reqwest::Error) -> TransportErrorKind {
    if err.is_timeout() {
        TransportErrorKind::Timeout
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Other
    }
}

/// The keys a 2xx body may consist of and still be an error body.
const ERROR_KEYS: &[&str] = &["error_code", "error_msg", "errCode", "errMsg", "code", "message", "request_id"];

/// Some services answer 2xx with nothing but an error code and message; that is an error too.
/// Only a body whose every key belongs to an error shape, one of them an error code, counts.
/// Almost every body is told apart by its first key, read here without a JSON parser; the
/// others are read key by key until one is not an error key.
fn is_error_body(body: &[u8]) -> bool {
    if first_key(body).is_some_and(|key| !ERROR_KEYS.contains(&key)) {
        return false;
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    deserializer.deserialize_map(ErrorKeys).unwrap_or(false) && deserializer.end().is_ok()
}

/// The first key of a JSON object, when it is written without escapes.
fn first_key(body: &[u8]) -> Option<&str> {
    let rest = body.trim_ascii_start().strip_prefix(b"{")?.trim_ascii_start().strip_prefix(b"\"")?;
    let end = rest.iter().position(|&c| c == b'"' || c == b'\\')?;
    if rest[end] == b'\\' {
        return None;
    }
    std::str::from_utf8(&rest[..end]).ok()
}

/// Visits an object's keys while they belong to an error shape; says whether one is a code.
struct ErrorKeys;

impl<'de> Visitor<'de> for ErrorKeys {
    type Value = bool;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("an object of error fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut has_code = false;
        while let Some(key) = map.next_key::<String>()? {
            if !ERROR_KEYS.contains(&key.as_str()) {
                // Stopping here leaves the object unfinished, which the caller sees as `false`.
                return Ok(false);
            }
            has_code |= key == "error_code" || key == "errCode";
            map.next_value::<IgnoredAny>()?;
        }
        Ok(has_code)
    }
}

/// `Retry-After` in seconds (the form Huawei Cloud services send).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// A fresh pseudo-random number for jitter, from the standard library's per-process keys.
pub(crate) fn random() -> u64 {
    RandomState::new().hash_one(SystemTime::now())
}

/// Where services put an error's code and message, most common first: `error_code`/`error_msg`
/// (most services), `errCode`/`errMsg` (SFS Turbo), `code`/`message`.
const CODE_FIELDS: &[&str] = &["error_code", "errCode", "code"];
const MESSAGE_FIELDS: &[&str] = &["error_msg", "errMsg", "message", "error_message"];

/// The error code and message, from whichever shape the service uses (at the top level or in
/// an `error` object).
fn api_error(status: u16, request_id: Option<String>, body: String) -> ApiError {
    let json: Option<serde_json::Value> = serde_json::from_str(&body).ok();
    let object = json.as_ref().and_then(|value| value.get("error").filter(|e| e.is_object()).or(Some(value)));
    let pick = |keys: &[&str]| {
        keys.iter().find_map(|key| match object?.get(key)? {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
    };
    ApiError { status, code: pick(CODE_FIELDS), message: pick(MESSAGE_FIELDS), request_id, body }
}

/// The code of an error body, read as [`api_error`] reads it.
#[cfg(feature = "mock")]
pub(crate) fn error_code(body: &str) -> Option<String> {
    api_error(0, None, body.to_string()).code
}

/// Which of an error type's fields hold the code and the message: the ones [`api_error`]
/// reads, `error_code` and `error_msg` when it has neither.
#[cfg(feature = "mock")]
pub(crate) fn error_fields(fields: &[&str]) -> (&'static str, &'static str) {
    let pick =
        |known: &'static [&'static str]| known.iter().copied().find(|name| fields.contains(name)).unwrap_or(known[0]);
    (pick(CODE_FIELDS), pick(MESSAGE_FIELDS))
}

/// Replaces the string value of each `"field": "…"` named in `fields` (the fields the spec
/// marks sensitive), so error messages never quote a secret.
pub(crate) fn redact(text: &str, fields: &[&str]) -> String {
    let mut out = text.to_string();
    for field in fields {
        let key = format!("\"{field}\"");
        let mut from = 0;
        while let Some(found) = out[from..].find(&key) {
            let after_key = from + found + key.len();
            let rest = &out[after_key..];
            let trimmed = rest.trim_start();
            let Some(value) = trimmed.strip_prefix(':').map(str::trim_start).filter(|v| v.starts_with('"')) else {
                from = after_key;
                continue;
            };
            let start = after_key + (rest.len() - value.len()) + 1;
            let end = closing_quote(&out[start..]).map_or(out.len(), |offset| start + offset);
            out.replace_range(start..end, "** redacted **");
            from = start;
        }
    }
    out
}

/// The offset of the quote ending a JSON string, skipping escaped characters.
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (index, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(index),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the generator writes for an operation documenting headers, by hand.
    #[derive(Debug, PartialEq)]
    struct ObjectHeaders {
        size: Option<i64>,
        digest: Option<String>,
    }

    impl FromHeaders for ObjectHeaders {
        fn from_headers(headers: &HeaderMap) -> Self {
            ObjectHeaders { size: parse_header(headers, "X-Object-Size"), digest: parse_header(headers, "Content-MD5") }
        }
    }

    #[test]
    fn documented_headers_are_typed_and_the_raw_ones_stay() {
        let mut headers = HeaderMap::new();
        headers.insert("x-object-size", HeaderValue::from_static(" 42 "));
        headers.insert("content-md5", HeaderValue::from_static("abc=="));
        headers.insert("X-request-id", HeaderValue::from_static("r-1"));
        let response: Response<Vec<u8>, ObjectHeaders> = Response::new(vec![1, 2], 200, headers);
        assert_eq!(response.typed_headers(), &ObjectHeaders { size: Some(42), digest: Some("abc==".into()) });
        assert_eq!((response.request_id(), response.status(), response.len()), (Some("r-1"), 200, 2));

        let mut headers = HeaderMap::new();
        headers.insert("x-object-size", HeaderValue::from_static("large"));
        let response: Response<(), ObjectHeaders> = Response::new((), 200, headers);
        assert_eq!(response.typed_headers(), &ObjectHeaders { size: None, digest: None }, "not a number: None");
        assert_eq!(response.header("X-Object-Size"), Some("large"), "the raw value stays");
    }

    #[test]
    fn only_bodies_of_error_fields_with_a_code_are_error_bodies() {
        assert!(is_error_body(br#"{"error_code": "ModelArts.0101", "error_msg": "no"}"#));
        assert!(is_error_body(br#" {"errCode": "SFS.TURBO.0001", "errMsg": "no", "request_id": "r"} "#));
        assert!(!is_error_body(br#"{"error_msg": "a message but no code"}"#));
        assert!(!is_error_body(br#"{"error_code": "X", "data": [1]}"#));
        assert!(!is_error_body(br#"{"current": 0, "error_code": "X"}"#));
        assert!(!is_error_body(br#"{"error_code": "X"} trailing"#));
        assert!(!is_error_body(br#"[{"error_code": "X"}]"#));
        assert!(!is_error_body(b""));
        // Keys with escapes are read by the parser: `\u0065rror_code` is `error_code`.
        assert!(is_error_body(br#"{"\u0065rror_code": "X"}"#));
        assert!(!is_error_body(br#"{"\u0064ata": [], "error_code": "X"}"#));
    }

    #[test]
    fn the_first_key_is_read_only_when_plain() {
        assert_eq!(first_key(br#" { "current": 0}"#), Some("current"));
        assert_eq!(first_key(br#"{"a\"b": 0}"#), None);
        assert_eq!(first_key(br#"[{"a": 0}]"#), None);
        assert_eq!(first_key(br#"{"unterminated"#), None);
        assert_eq!(first_key(b"{}"), None);
    }

    #[test]
    fn redacts_sensitive_string_values_only() {
        let body = r#"{"token" : "abc\"def", "name": "token", "data": [{"token":"xyz"}], "token_count": 2}"#;
        assert_eq!(
            redact(body, &["token"]),
            r#"{"token" : "** redacted **", "name": "token", "data": [{"token":"** redacted **"}], "token_count": 2}"#
        );
    }

    #[test]
    fn reads_each_error_body_shape() {
        let cases = [
            (r#"{"error_code":"ModelArts.0101","error_msg":"bad"}"#, "ModelArts.0101", "bad"),
            (r#"{"errCode":"SFS.TURBO.0001","errMsg":"bad"}"#, "SFS.TURBO.0001", "bad"),
            (r#"{"code":"400","error_code":"CVR.0001","error_msg":"bad","message":"m"}"#, "CVR.0001", "bad"),
            (r#"{"error":{"code":"1101","message":"bad"}}"#, "1101", "bad"),
        ];
        for (body, code, message) in cases {
            let err = api_error(400, None, body.to_string());
            assert_eq!((err.code.as_deref(), err.message.as_deref()), (Some(code), Some(message)), "{body}");
        }
        let plain = api_error(502, Some("r1".into()), "Bad Gateway".into());
        assert_eq!(plain.to_string(), "the service answered HTTP 502: Bad Gateway (request id r1)");
    }
}
