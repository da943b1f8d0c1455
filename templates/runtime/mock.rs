//! A stand-in for the services on 127.0.0.1, for applications' tests (cargo feature `mock`):
//! every operation of the enabled services, answered with its documented example, or with the
//! responses a test sets, after checking each request as the service would (the AK/SK
//! signature, the project in the path, the documented rules), so a test fails the way
//! production would.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use tokio::net::TcpListener;

use super::signer::{self, Signable, Signer};
use super::{ConfigBuilder, Credentials, FilePart, Method, Operation, Sensitive};

/// Decodes a request the mock received into the operation's request type, as the service
/// reads it: generated for every request type.
pub trait Decode: Operation + Sized {
    /// The request, or why the service would refuse it.
    fn decode(request: &MockRequest) -> Result<Self, Rejection>;
}

/// A running mock of every operation of the enabled services. It stops when dropped. Its
/// `Debug` output redacts both keys.
///
/// ```no_run
/// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
/// use huaweicloud_client::mock::MockServer;
///
/// let mock = MockServer::start().await?;
/// // A client of any enabled service made from this configuration talks to the mock.
/// let config = mock.config().build()?;
/// println!("serving {} on {}", mock.project_id(), mock.endpoint());
/// # let _ = config;
/// # Ok(())
/// # }
/// ```
pub struct MockServer {
    endpoint: String,
    project_id: String,
    ak: Sensitive<String>,
    sk: Sensitive<String>,
    state: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("endpoint", &self.endpoint)
            .field("project_id", &self.project_id)
            .field("ak", &self.ak)
            .field("sk", &self.sk)
            .finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What the mock accepts: the credentials requests must be signed with and the project their
/// paths must name. Both keys are redacted in `Debug` output, as in [`Credentials`].
#[derive(Debug, Clone)]
pub struct MockServerBuilder {
    ak: Sensitive<String>,
    sk: Sensitive<String>,
    token: Option<Sensitive<String>>,
    project_id: String,
}

impl MockServerBuilder {
    /// The AK/SK requests must be signed with (default `MOCKACCESSKEY` and `mock-secret-key`).
    pub fn credentials(mut self, ak: impl Into<String>, sk: impl Into<String>) -> Self {
        self.ak = Sensitive::new(ak.into());
        self.sk = Sensitive::new(sk.into());
        self
    }

    /// An IAM token requests may carry instead of a signature (`Credentials::token`); without
    /// one, only signed requests are accepted.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Sensitive::new(token.into()));
        self
    }

    /// The project the paths' `project_id` must be (default `mock-project`).
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = project_id.into();
        self
    }

    /// Listens on a free port of 127.0.0.1, serving from a task of the current tokio runtime.
    pub async fn start(self) -> std::io::Result<MockServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let endpoint = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Shared {
            signer: Signer::new(self.ak.expose(), self.sk.expose()),
            ak: self.ak.expose().clone(),
            token: self.token.clone(),
            project_id: self.project_id.clone(),
            routes: routes_by_precedence(),
            state: Mutex::new(State::default()),
        });
        let task = tokio::spawn(serve(listener, Arc::clone(&state)));
        Ok(MockServer { endpoint, project_id: self.project_id, ak: self.ak, sk: self.sk, state, task })
    }
}

impl MockServer {
    /// What the mock accepts, to set before [`start`](MockServerBuilder::start).
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder {
            ak: Sensitive::new("MOCKACCESSKEY".into()),
            sk: Sensitive::new("mock-secret-key".into()),
            token: None,
            project_id: "mock-project".into(),
        }
    }

    /// A mock with the default credentials and project.
    pub async fn start() -> std::io::Result<MockServer> {
        Self::builder().start().await
    }

    /// The URL to send to (`http://127.0.0.1:PORT`), for every service.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The project the mock serves.
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// A client configuration for the mock: its endpoint, project and credentials.
    pub fn config(&self) -> ConfigBuilder {
        super::Config::builder()
            .endpoint(self.endpoint.clone())
            .project_id(self.project_id.clone())
            .credentials(Credentials::aksk(self.ak.expose().clone(), self.sk.expose().clone()))
    }

    /// Queues a response for the operation `R` is the request of: its next requests that pass
    /// the checks get the queued responses in order, then its documented example again.
    pub fn respond<R: Operation>(&self, response: MockResponse) {
        self.state.lock().scripted.entry(R::ID).or_default().push_back(response);
    }

    /// The requests of the operation `R` received so far (the ones the service would have
    /// read: a request refused as unreadable is in [`received`](Self::received) only), decoded.
    pub fn requests<R: Decode>(&self) -> Vec<R> {
        let state = self.state.lock();
        state.received.iter().filter(|r| r.operation == Some(R::ID)).filter_map(|r| R::decode(r).ok()).collect()
    }

    /// Every request received so far, as received, with the status it was answered.
    pub fn received(&self) -> Vec<MockRequest> {
        self.state.lock().received.clone()
    }
}

/// A response a test sets for an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Option<Duration>,
    drop_connection: bool,
}

impl MockResponse {
    /// A JSON body with its status.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        MockResponse { status, headers, body: body.into().into_bytes(), delay: None, drop_connection: false }
    }

    /// A status with an empty body.
    pub fn status(status: u16) -> Self {
        MockResponse { status, headers: Vec::new(), body: Vec::new(), delay: None, drop_connection: false }
    }

    /// The connection closed with no response, as a failing network does.
    pub fn dropped_connection() -> Self {
        MockResponse { drop_connection: true, ..Self::status(0) }
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Waits this long before answering.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

/// A request as the mock received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockRequest {
    operation: Option<&'static str>,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    path_params: Vec<(&'static str, String)>,
    status: u16,
}

impl MockRequest {
    /// The id of the operation its method and path match (`list_notebooks`); `None` when none.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// The HTTP method (`GET`).
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path, as sent.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters, decoded, in order.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// A header, by name in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body, as sent.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The status the mock answered with (0 for a dropped connection).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The values a parameter has where it is sent.
    fn values(&self, place: In, name: &str) -> Vec<&str> {
        match place {
            In::Path => self.path_params.iter().filter(|(n, _)| *n == name).map(|(_, v)| v.as_str()).collect(),
            In::Query => self.query.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect(),
            In::Header => {
                self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
            }
        }
    }

    /// A parameter the operation requires.
    #[doc(hidden)]
    pub fn required<T: FromStr>(&self, place: In, name: &str) -> Result<T, Rejection>
    where
        T::Err: fmt::Display,
    {
        self.optional(place, name)?.ok_or_else(|| Rejection::absent(name))
    }

    /// An optional parameter.
    #[doc(hidden)]
    pub fn optional<T: FromStr>(&self, place: In, name: &str) -> Result<Option<T>, Rejection>
    where
        T::Err: fmt::Display,
    {
        match self.values(place, name).as_slice() {
            [] => Ok(None),
            [value] => parse(name, value).map(Some),
            _ => Err(Rejection::invalid(format!("{name}: expected one value, found several"))),
        }
    }

    /// An optional array parameter (repeated in the query); `None` when absent.
    #[doc(hidden)]
    pub fn optional_list<T: FromStr>(&self, place: In, name: &str) -> Result<Option<Vec<T>>, Rejection>
    where
        T::Err: fmt::Display,
    {
        let values = self.values(place, name);
        if values.is_empty() {
            return Ok(None);
        }
        values.into_iter().map(|value| parse(name, value)).collect::<Result<_, _>>().map(Some)
    }

    /// An array parameter the operation requires.
    #[doc(hidden)]
    pub fn list<T: FromStr>(&self, place: In, name: &str) -> Result<Vec<T>, Rejection>
    where
        T::Err: fmt::Display,
    {
        self.optional_list(place, name)?.ok_or_else(|| Rejection::absent(name))
    }

    /// The JSON body, read as the operation's body type.
    #[doc(hidden)]
    pub fn json_body<T: serde::de::DeserializeOwned>(&self) -> Result<T, Rejection> {
        serde_json::from_slice(&self.body).map_err(|err| Rejection::invalid(format!("body: {err}")))
    }

    /// The `multipart/form-data` body, in parts.
    #[doc(hidden)]
    pub fn form(&self) -> Result<MockForm, Rejection> {
        let content_type = self.header("content-type").unwrap_or_default();
        let boundary = content_type
            .split(';')
            .find_map(|param| param.trim().strip_prefix("boundary="))
            .map(|boundary| boundary.trim_matches('"'))
            .ok_or_else(|| Rejection::invalid(format!("body: expected multipart/form-data, found {content_type:?}")))?;
        MockForm::parse(&self.body, boundary).ok_or_else(|| Rejection::invalid("body: malformed multipart/form-data"))
    }
}

/// Where a parameter is sent.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    Path,
    Query,
    Header,
}

fn parse<T: FromStr>(name: &str, value: &str) -> Result<T, Rejection>
where
    T::Err: fmt::Display,
{
    value.parse().map_err(|err| Rejection::invalid(format!("{name}: cannot read {value:?}: {err}")))
}

/// The parts of a `multipart/form-data` body.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct MockForm {
    parts: Vec<FormPart>,
}

#[derive(Debug, Clone)]
struct FormPart {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

impl MockForm {
    /// Splits `body` on `--boundary` lines; `None` when a part has no blank line after its
    /// headers or no `Content-Disposition` name.
    fn parse(body: &[u8], boundary: &str) -> Option<MockForm> {
        let delimiter = format!("--{boundary}");
        let mut parts = Vec::new();
        for chunk in split(body, delimiter.as_bytes()).into_iter().skip(1) {
            if chunk.starts_with(b"--") {
                break;
            }
            let chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
            let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
            let end = chunk.windows(4).position(|w| w == b"\r\n\r\n")?;
            let head = String::from_utf8_lossy(&chunk[..end]);
            let bytes = chunk[end + 4..].to_vec();
            let header = |name: &str| {
                head.lines().find_map(|line| {
                    let (n, v) = line.split_once(':')?;
                    n.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
                })
            };
            let disposition = header("content-disposition")?;
            let param = |key: &str| {
                disposition.split(';').find_map(|p| {
                    p.trim().strip_prefix(key)?.strip_prefix('=').map(|v| v.trim_matches('"').to_string())
                })
            };
            parts.push(FormPart {
                name: param("name")?,
                file_name: param("filename"),
                content_type: header("content-type"),
                bytes,
            });
        }
        Some(MockForm { parts })
    }

    fn part(&self, name: &str) -> Option<&FormPart> {
        self.parts.iter().find(|p| p.name == name)
    }

    /// An optional text part.
    pub fn optional<T: FromStr>(&self, name: &str) -> Result<Option<T>, Rejection>
    where
        T::Err: fmt::Display,
    {
        self.part(name).map(|p| parse(name, &String::from_utf8_lossy(&p.bytes))).transpose()
    }

    /// A text part the form requires.
    pub fn required<T: FromStr>(&self, name: &str) -> Result<T, Rejection>
    where
        T::Err: fmt::Display,
    {
        self.optional(name)?.ok_or_else(|| Rejection::absent(&format!("body.{name}")))
    }

    /// An optional file part.
    pub fn optional_file(&self, name: &str) -> Option<FilePart> {
        self.part(name).map(|p| {
            let content_type = p.content_type.clone().unwrap_or_else(|| "application/octet-stream".into());
            FilePart::from_bytes(p.file_name.clone().unwrap_or_default(), content_type, p.bytes.clone())
        })
    }

    /// A file part the form requires.
    pub fn file(&self, name: &str) -> Result<FilePart, Rejection> {
        self.optional_file(name).ok_or_else(|| Rejection::absent(&format!("body.{name}")))
    }
}

fn split<'a>(body: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut chunks = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.windows(delimiter.len()).position(|w| w == delimiter) {
        chunks.push(&rest[..at]);
        rest = &rest[at + delimiter.len()..];
    }
    chunks.push(rest);
    chunks
}

/// Why the mock refuses a request: the status and the message of the service's error body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    status: u16,
    code: Option<&'static str>,
    message: String,
}

impl Rejection {
    /// A request the service would refuse as invalid (400).
    pub fn invalid(message: impl Into<String>) -> Self {
        Rejection { status: 400, code: None, message: message.into() }
    }

    /// A required parameter or part the request lacks.
    fn absent(name: &str) -> Self {
        Rejection::invalid(format!("{name}: required, absent"))
    }

    fn unauthorized(message: impl Into<String>) -> Self {
        Rejection { status: 401, code: Some(UNAUTHORIZED_CODE), message: message.into() }
    }
}

/// The API gateway's code for a request whose AK/SK signature does not verify.
const UNAUTHORIZED_CODE: &str = "APIGW.0301";
/// The API gateway's code for a method and path no API has.
const NOT_FOUND_CODE: &str = "APIGW.0101";
/// The code of an invalid request when the operation documents none.
const INVALID_CODE: &str = "MOCK.0400";

/// One operation as the mock serves it: generated for every operation of the enabled services.
#[doc(hidden)]
#[derive(Clone)]
pub struct Route {
    id: &'static str,
    method: Method,
    template: &'static str,
    check: fn(&MockRequest) -> Result<(), Rejection>,
    error_fields: &'static [&'static str],
    invalid_code: Option<String>,
    /// The documented 2xx status and its first example body, when the docs show one.
    success: (u16, Option<&'static str>),
    paging: Option<Paging>,
}

/// The query parameters and body fields of an operation's offset/limit paging.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub offset: &'static str,
    pub limit: &'static str,
    pub items: &'static str,
    pub total: &'static str,
}

impl Route {
    /// The operation of request type `R`, whose requests are read and validated as `R`.
    pub fn of<R: Decode>() -> Route {
        Route {
            id: R::ID,
            method: R::METHOD,
            template: R::PATH_TEMPLATE,
            check: |request| R::decode(request)?.validate().map_err(|err| Rejection::invalid(err.to_string())),
            error_fields: &[],
            invalid_code: None,
            success: (200, None),
            paging: None,
        }
    }

    /// The fields of the service's error body (their names say which hold the code and the
    /// message), and the documented example of a 400, whose code an invalid request gets.
    pub fn errors(mut self, fields: &'static [&'static str], bad_request: Option<&'static str>) -> Self {
        self.error_fields = fields;
        self.invalid_code = bad_request.and_then(super::transport::error_code);
        self
    }

    /// The documented success: its status and its example body, given when a test sets none.
    pub fn success(mut self, status: u16, example: Option<&'static str>) -> Self {
        self.success = (status, example);
        self
    }

    /// Pages the example's items by the request's offset and limit.
    pub fn paged(mut self, paging: Paging) -> Self {
        self.paging = Some(paging);
        self
    }

    /// The path parameters, when `method` and `path` are this operation's.
    fn matches(&self, method: &str, path: &str) -> Option<Vec<(&'static str, String)>> {
        if method != self.method.as_str() {
            return None;
        }
        let (template, path): (Vec<&'static str>, Vec<&str>) =
            (self.template.split('/').collect(), path.split('/').collect());
        if template.len() != path.len() {
            return None;
        }
        let mut params = Vec::new();
        for (expected, actual) in template.into_iter().zip(path) {
            match expected.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')) {
                Some(name) if !actual.is_empty() => params.push((name, signer::percent_decode(actual))),
                Some(_) => return None,
                None if expected == actual => {}
                None => return None,
            }
        }
        Some(params)
    }

    /// How many of the path's segments are literal.
    fn literal_segments(&self) -> usize {
        self.template.split('/').filter(|s| !s.starts_with('{')).count()
    }

    /// The error body in the service's shape: its code and message fields, as the runtime
    /// reads them from responses.
    fn error_body(&self, code: &str, message: &str) -> Vec<u8> {
        let (code_field, message_field) = super::transport::error_fields(self.error_fields);
        serde_json::json!({ code_field: code, message_field: message }).to_string().into_bytes()
    }

    /// The documented example, paged when the operation pages; `{}` with the first documented
    /// 2xx status when the docs show no example.
    fn documented(&self, request: &MockRequest) -> MockResponse {
        let (status, Some(body)) = self.success else { return MockResponse::json(self.success.0, "{}") };
        let paged = self.paging.and_then(|paging| page(body, &paging, request));
        MockResponse::json(status, paged.unwrap_or_else(|| body.to_string()))
    }
}

/// The example with only the items from the request's offset, at most its limit of them, and
/// the total set to all the example's items.
fn page(example: &str, paging: &Paging, request: &MockRequest) -> Option<String> {
    let mut body: serde_json::Value = serde_json::from_str(example).ok()?;
    let items = body.get(paging.items)?.as_array()?.clone();
    let number = |name: &str| request.optional::<usize>(In::Query, name).ok().flatten();
    let offset = number(paging.offset).unwrap_or(0);
    let limit = number(paging.limit).unwrap_or(items.len());
    let object = body.as_object_mut()?;
    object.insert(paging.total.to_string(), items.len().into());
    object.insert(paging.items.to_string(), items.into_iter().skip(offset).take(limit).collect());
    Some(body.to_string())
}

/// Every operation of the enabled services, those with more literal path segments first, so
/// `/jobs/summary` is not read as `/jobs/{job_id}`.
fn routes_by_precedence() -> Vec<Route> {
    let mut routes = crate::mock::routes();
    routes.sort_by_key(|route| std::cmp::Reverse(route.literal_segments()));
    routes
}

/// What the server shares with its connections.
struct Shared {
    signer: Signer,
    ak: String,
    token: Option<Sensitive<String>>,
    project_id: String,
    /// Tried in order: see [`routes_by_precedence`].
    routes: Vec<Route>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    scripted: HashMap<&'static str, VecDeque<MockResponse>>,
    received: Vec<MockRequest>,
}

impl Shared {
    /// The state, even after a test thread panicked holding it.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Checks the request as the service would and picks the response; records the request.
    fn answer(&self, mut request: MockRequest) -> MockResponse {
        let found = self.routes.iter().find_map(|route| Some((route, route.matches(&request.method, &request.path)?)));
        let response = match found {
            None => {
                let body = serde_json::json!({
                    "error_code": NOT_FOUND_CODE,
                    "error_msg": format!("no operation of the enabled services is {} {}", request.method, request.path),
                });
                MockResponse::json(404, body.to_string())
            }
            Some((route, params)) => {
                request.operation = Some(route.id);
                request.path_params = params;
                match self.check(route, &request) {
                    Err(rejection) => {
                        let code = rejection.code.or(route.invalid_code.as_deref()).unwrap_or(INVALID_CODE);
                        let body = route.error_body(code, &rejection.message);
                        MockResponse { body, ..MockResponse::json(rejection.status, "") }
                    }
                    Ok(()) => {
                        let scripted = self.lock().scripted.get_mut(route.id).and_then(VecDeque::pop_front);
                        scripted.unwrap_or_else(|| route.documented(&request))
                    }
                }
            }
        };
        request.status = response.status;
        self.lock().received.push(request);
        response
    }

    /// The token or the signature, then the project, then the documented rules.
    fn check(&self, route: &Route, request: &MockRequest) -> Result<(), Rejection> {
        match request.header(super::transport::TOKEN_HEADER) {
            Some(token) if self.token.as_ref().is_some_and(|expected| expected.expose() == token) => {}
            Some(_) => return Err(Rejection::unauthorized("The token is not the mock's")),
            None => self.verify_signature(request)?,
        }
        if let Some((_, project)) = request.path_params.iter().find(|(name, _)| *name == "project_id") {
            if *project != self.project_id {
                let message =
                    format!("the project ID in the path, {project:?}, is not the one the credentials are for");
                return Err(Rejection::unauthorized(message));
            }
        }
        (route.check)(request)
    }

    /// Recomputes the `SDK-HMAC-SHA256` signature from what was received, with the signer the
    /// client signs with, over the headers the request says it signed.
    fn verify_signature(&self, request: &MockRequest) -> Result<(), Rejection> {
        let unauthorized =
            |why: &str| Rejection::unauthorized(format!("Incorrect IAM authentication information: {why}"));
        let authorization = request.header("authorization").ok_or_else(|| unauthorized("no AK/SK signature"))?;
        let fields =
            authorization.strip_prefix(signer::ALGORITHM).ok_or_else(|| unauthorized("not SDK-HMAC-SHA256"))?;
        let field = |key: &str| fields.split(',').find_map(|f| f.trim().strip_prefix(key)?.strip_prefix('='));
        if field("Access") != Some(self.ak.as_str()) {
            return Err(unauthorized("unknown access key"));
        }
        let signed = field("SignedHeaders").ok_or_else(|| unauthorized("no SignedHeaders"))?;
        let headers: Vec<(&str, &str)> = signed
            .split(';')
            .map(|name| request.header(name).map(|value| (name, value)))
            .collect::<Option<_>>()
            .ok_or_else(|| unauthorized("a signed header is missing"))?;
        if request.header(signer::DATE_HEADER).is_none() {
            return Err(unauthorized("no X-Sdk-Date"));
        }
        let query = signer::canonical_query(&request.query);
        let signable = Signable {
            method: &request.method,
            path: &request.path,
            query: &query,
            headers: &headers,
            body: &request.body,
        };
        if self.signer.authorization(&signable) != authorization {
            return Err(unauthorized("the signature does not verify"));
        }
        Ok(())
    }
}

/// Accepts connections until the server is dropped, each served on a task of its own.
async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    while let Ok((stream, _)) = listener.accept().await {
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| handle(Arc::clone(&shared), request));
            // A connection the client or a `dropped_connection` closes ends here; nothing to report.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The connection is closed without a response.
#[derive(Debug)]
struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped by the test's MockResponse")
    }
}

impl std::error::Error for Dropped {}

async fn handle(
    shared: Arc<Shared>,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Dropped> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map(|body| body.to_bytes().to_vec()).unwrap_or_default();
    let query = parts
        .uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (signer::percent_decode(name), signer::percent_decode(value))
        })
        .collect();
    let headers = parts
        .headers
        .iter()
        .filter_map(|(name, value)| Some((name.as_str().to_string(), value.to_str().ok()?.to_string())))
        .collect();
    let request = MockRequest {
        operation: None,
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query,
        headers,
        body,
        path_params: Vec::new(),
        status: 0,
    };
    let response = shared.answer(request);
    if let Some(delay) = response.delay {
        tokio::time::sleep(delay).await;
    }
    if response.drop_connection {
        return Err(Dropped);
    }
    let mut reply = hyper::Response::new(Full::new(Bytes::from(response.body)));
    *reply.status_mut() =
        hyper::StatusCode::from_u16(response.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in response.headers {
        if let (Ok(name), Ok(value)) =
            (hyper::header::HeaderName::from_bytes(name.as_bytes()), hyper::header::HeaderValue::from_str(&value))
        {
            reply.headers_mut().append(name, value);
        }
    }
    Ok(reply)
}
