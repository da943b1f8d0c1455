//! The generated client against a real HTTP server on 127.0.0.1: the request on the wire, the
//! signature, retries, timeouts, typed errors, pagination, redaction.

use std::time::Duration;

use futures_util::StreamExt;
use huaweicloud_client::modelarts::*;
use huaweicloud_client::runtime::{Config, Credentials, Error, RetryPolicy, Rule, TransportErrorKind};
use huaweicloud_tests::server::{Reply, Server};
use huaweicloud_tests::{expected_authorization, repo_root};

const AK: &str = "HPUAEXAMPLEAK00000000";
const SK: &str = "ExampleSecretKey0000000000000000000000000";
const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

fn client(server: &Server) -> Client {
    client_with(server, |config| config)
}

fn client_with(
    server: &Server,
    adjust: impl FnOnce(huaweicloud_client::runtime::ConfigBuilder) -> huaweicloud_client::runtime::ConfigBuilder,
) -> Client {
    let fast_retries =
        RetryPolicy { max_attempts: 3, base_delay: Duration::from_millis(1), max_delay: Duration::from_millis(50) };
    let config = Config::builder()
        .endpoint(server.url())
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
        .retry(fast_retries);
    Client::new(adjust(config).build().unwrap()).unwrap()
}

fn example(op_id: &str, status: Option<u16>) -> String {
    let api = huaweicloud_codegen::lower_dir(&repo_root().join("spec")).unwrap();
    let modelarts = api.services.iter().find(|s| s.module == "modelarts").unwrap();
    let op = modelarts.operations.iter().find(|op| op.id == op_id).unwrap();
    match status {
        None => op.example_requests[0].clone(),
        Some(status) => op.responses.iter().find(|r| r.status == status).unwrap().examples[0].clone(),
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[tokio::test]
async fn sync_dev_servers_sends_a_signed_put_and_decodes_the_example() {
    let server = Server::start(vec![Reply::json(200, example("sync_dev_servers", Some(200)))]);
    let response = client(&server)
        .sync_dev_servers()
        .sort_dir(SortDir::Desc)
        .limit(2)
        .offset(0)
        .owner("owner-1")
        .send()
        .await
        .unwrap();

    let requests = server.requests();
    let [request] = requests.as_slice() else { panic!("one request, got {requests:?}") };
    assert_eq!(request.method, "PUT");
    assert_eq!(request.target, format!("/v1/{PROJECT}/dev-servers/sync?limit=2&offset=0&owner=owner-1&sort_dir=DESC"));
    assert_eq!(request.header("Content-Type"), Some("application/json"));
    assert_eq!(request.header("X-Project-Id"), Some(PROJECT));
    assert_eq!(request.header("Host"), Some(format!("127.0.0.1:{}", server.port()).as_str()));
    assert!(request.header("User-Agent").unwrap().starts_with("huaweicloud-client-rust/"));
    let date = request.header("X-Sdk-Date").unwrap();
    assert!(date.len() == 16 && date.ends_with('Z') && date.as_bytes()[8] == b'T', "{date}");
    let authorization = request.header("Authorization").unwrap();
    assert!(authorization.starts_with(&format!(
        "SDK-HMAC-SHA256 Access={AK}, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature="
    )));
    assert_eq!(authorization, expected_authorization(request, AK, SK), "the signature holds for what was received");
    assert!(request.body.is_empty());
    assert_eq!(request.header("Content-Length"), Some("0"), "a bodiless PUT still says its length");

    assert_eq!(response.status(), 200);
    let page = response.into_body();
    assert_eq!(page.total, Some(2));
    assert_eq!(page.data.as_ref().unwrap()[0].status, Some(ServerStatus::Running));
    assert_eq!(serde_json::to_value(&page).unwrap(), json(&example("sync_dev_servers", Some(200))));
}

#[tokio::test]
async fn list_hyperinstances_exposes_the_request_id_header() {
    let reply = Reply::json(200, example("list_hyperinstances", Some(200))).header("X-Request-Id", "req-42");
    let server = Server::start(vec![reply]);
    let response = client(&server).list_hyperinstances().sort_key(SortKey::UpdateTime).send().await.unwrap();
    assert_eq!(server.requests()[0].target, format!("/v1/{PROJECT}/dev-servers/hyperinstance?sort_key=updateTime"));
    assert_eq!(server.requests()[0].method, "GET");
    assert_eq!(server.requests()[0].header("Content-Length"), None, "a GET carries no body, not even an empty one");
    assert_eq!(response.request_id(), Some("req-42"));
    assert_eq!(response.header("x-REQUEST-id"), Some("req-42"), "headers are read case-insensitively");
    assert_eq!(
        response.into_body().data.unwrap()[0].servers.as_ref().unwrap()[0].order_id.as_deref(),
        Some("CS2411081650G9B6Z")
    );
}

#[tokio::test]
async fn create_dev_server_job_posts_the_documented_body() {
    let server = Server::start(vec![Reply::json(200, example("create_dev_server_job", Some(200)))]);
    let body: CreateDevServerJobBody = serde_json::from_str(&example("create_dev_server_job", None)).unwrap();
    let response = client(&server).create_dev_server_job().body(body).send().await.unwrap();

    let request = &server.requests()[0];
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", format!("/v1/{PROJECT}/dev-servers/jobs").as_str())
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        json(&example("create_dev_server_job", None))
    );
    assert_eq!(
        request.header("Authorization").unwrap(),
        expected_authorization(request, AK, SK),
        "the body hash is signed"
    );
    assert_eq!(response.into_body().tasks.unwrap()[0].status, Some(DevServerTaskStatus::Success));
}

#[tokio::test]
async fn list_notebooks_sends_every_query_parameter_and_redacts_the_token() {
    let server = Server::start(vec![Reply::json(200, example("list_notebooks", Some(200)))]);
    let response = client(&server)
        .list_notebooks()
        .status(NotebookStatus::Running)
        .feature("NOTEBOOK")
        .name("nb_1")
        .sort_key("createTime,updateTime")
        .workspace_id("0")
        .billing(NotebookBilling::Compute)
        .ip("192.168.0.1")
        .limit(10)
        .send()
        .await
        .unwrap();
    // `workspace_id` as the official SDK sends it (the page spells it `workspaceId`), and the
    // SDK's parameters the page does not document.
    assert_eq!(
        server.requests()[0].target,
        format!(
            "/v1/{PROJECT}/notebooks?billing=COMPUTE&feature=NOTEBOOK&ip=192.168.0.1&limit=10&name=nb_1&sort_key=createTime%2CupdateTime&status=RUNNING&workspace_id=0"
        )
    );
    let debug = format!("{response:?}");
    assert!(!debug.contains("58ba50c6"), "the notebook token is redacted: {debug}");
}

#[tokio::test]
async fn an_invalid_request_never_reaches_the_server() {
    let server = Server::start(vec![]);
    let err = client(&server).list_notebooks().status(NotebookStatus::from("ASLEEP")).send().await.unwrap_err();
    let Error::Validation(validation) = &err else { panic!("{err:?}") };
    assert_eq!(validation.violations[0].path, "status");
    let err = client(&server).sync_dev_servers().limit(5000).owner("UPPER").send().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request, not sent: 2 documented rule(s) broken: owner: does not match the pattern ^[a-z0-9-]{1,64}$; limit: value 5000 is outside 0..=1024"
    );
    assert!(server.requests().is_empty(), "no request was made");
}

#[tokio::test]
async fn a_missing_required_parameter_is_named() {
    let server = Server::start(vec![]);
    let unconfigured =
        Client::new(Config::builder().endpoint(server.url()).credentials(Credentials::aksk(AK, SK)).build().unwrap())
            .unwrap();
    let err = unconfigured.create_dev_server_job().send().await.unwrap_err();
    let Error::Validation(validation) = err else { panic!() };
    let missing: Vec<_> = validation.violations.iter().map(|v| (v.path.as_str(), v.rule.clone())).collect();
    assert_eq!(missing, [("project_id", Rule::Required), ("body", Rule::Required)]);
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn validation_can_be_switched_off_per_call_and_per_client() {
    let server = Server::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]);
    client(&server).sync_dev_servers().limit(5000).validation(false).send().await.unwrap();
    client_with(&server, |c| c.validation(false)).sync_dev_servers().limit(5000).send().await.unwrap();
    assert_eq!(server.requests().len(), 2);
    assert!(server.requests()[1].target.contains("limit=5000"));
}

#[tokio::test]
async fn a_path_parameter_that_would_change_the_path_is_refused_even_with_validation_off() {
    let server = Server::start(vec![]);
    for project in ["..", ".", ""] {
        let err = client_with(&server, |c| c.validation(false))
            .list_hyperinstances()
            .project_id(project)
            .send()
            .await
            .unwrap_err();
        let Error::Validation(validation) = &err else { panic!("{project:?}: {err:?}") };
        assert_eq!(validation.violations[0].path, "project_id");
        assert_eq!(validation.violations[0].rule, Rule::PathSegment);
    }
    assert!(server.requests().is_empty(), "no request was made");
    let server = Server::start(vec![Reply::json(200, "{}")]);
    client_with(&server, |c| c.validation(false)).list_hyperinstances().project_id("a..b").send().await.unwrap();
    assert_eq!(server.requests()[0].path(), "/v1/a..b/dev-servers/hyperinstance");
}

#[tokio::test]
async fn the_call_project_overrides_the_clients() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    client(&server).list_hyperinstances().project_id("other-project").send().await.unwrap();
    assert_eq!(server.requests()[0].path(), "/v1/other-project/dev-servers/hyperinstance");
}

#[tokio::test]
async fn retries_503_twice_then_succeeds() {
    let server = Server::start(vec![
        Reply::json(503, r#"{"error_code":"ModelArts.0001","error_msg":"busy"}"#),
        Reply::json(503, "{}").header("Retry-After", "0"),
        Reply::json(200, example("list_hyperinstances", Some(200))),
    ]);
    let response = client(&server).list_hyperinstances().send().await.unwrap();
    assert_eq!(response.total, Some(1));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_ne!(requests[0].header("Authorization"), None);
    for request in &requests {
        assert_eq!(
            request.header("Authorization").unwrap(),
            expected_authorization(request, AK, SK),
            "each attempt is signed"
        );
    }
}

#[tokio::test]
async fn retries_give_up_after_the_last_attempt_with_the_api_error() {
    let server = Server::start(vec![
        Reply::json(500, "{}"),
        Reply::json(502, "{}"),
        Reply::json(503, r#"{"error_code":"E","error_msg":"still down"}"#),
    ]);
    let err = client(&server).list_hyperinstances().send().await.unwrap_err();
    let Error::Api(api) = err else { panic!() };
    assert_eq!((api.status, api.message.as_deref()), (503, Some("still down")));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_post_is_never_retried() {
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(200, "{}")]);
    let body = CreateDevServerJobBody::new("job", Vec::new(), "T", Vec::new());
    let err = client(&server).create_dev_server_job().body(body).send().await.unwrap_err();
    assert!(matches!(err, Error::Api(ref api) if api.status == 503), "{err:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn retries_can_be_switched_off() {
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(200, "{}")]);
    let err = client(&server).list_hyperinstances().retries(false).send().await.unwrap_err();
    assert!(matches!(err, Error::Api(ref api) if api.status == 503));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_slow_server_yields_the_timeout_transport_error() {
    let server = Server::start(vec![Reply::json(200, "{}").delayed(Duration::from_secs(3))]);
    let err = client_with(&server, |c| c.retry(RetryPolicy::disabled()))
        .list_hyperinstances()
        .timeout(Duration::from_millis(200))
        .send()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &err else { panic!("{err:?}") };
    assert_eq!(transport.kind, TransportErrorKind::Timeout);
    assert!(err.to_string().starts_with("timed out after 1 attempt(s)"), "{err}");
}

#[tokio::test]
async fn an_endpoint_with_a_path_prefixes_every_operation_path_and_its_signature() {
    let server = Server::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]);
    for endpoint in [format!("{}/gateway", server.url()), format!("{}/gateway/", server.url())] {
        let client = client_with(&server, |config| config.endpoint(endpoint));
        client.list_notebooks().limit(10).send().await.unwrap();
    }
    let expected = format!("/gateway/v1/{PROJECT}/notebooks?limit=10");
    for request in server.requests() {
        assert_eq!(request.target, expected);
        // The gateway checks the signature against the path it receives, prefix included.
        assert_eq!(request.header("Authorization").unwrap(), expected_authorization(&request, AK, SK));
    }
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error_after_retries() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = Config::builder()
        .endpoint(format!("http://127.0.0.1:{port}"))
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
        .retry(RetryPolicy {
            max_attempts: 2,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        })
        .build()
        .unwrap();
    let err = Client::new(config).unwrap().list_hyperinstances().send().await.unwrap_err();
    let Error::Transport(transport) = err else { panic!() };
    assert_eq!((transport.kind, transport.attempts), (TransportErrorKind::Connect, 2));
}

#[tokio::test]
async fn a_400_body_becomes_the_api_error_with_code_message_and_request_id() {
    let body = r#"{"error_code":"ModelArts.6401","error_msg":"Invalid parameter sort_key."}"#;
    let server = Server::start(vec![Reply::json(400, body).header("X-Request-Id", "req-400")]);
    let err = client(&server).list_hyperinstances().send().await.unwrap_err();
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.status, 400);
    assert_eq!(api.code.as_deref(), Some("ModelArts.6401"));
    assert_eq!(api.message.as_deref(), Some("Invalid parameter sort_key."));
    assert_eq!(api.request_id.as_deref(), Some("req-400"));
    assert_eq!(api.body, body);
    assert_eq!(
        err.to_string(),
        "the service answered HTTP 400: ModelArts.6401: Invalid parameter sort_key. (request id req-400)"
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_decode_error() {
    let server = Server::start(vec![Reply::json(200, "<html>maintenance</html>")]);
    let err = client(&server).list_hyperinstances().send().await.unwrap_err();
    let Error::Decode(decode) = &err else { panic!("{err:?}") };
    assert_eq!((decode.status, decode.path.as_str(), decode.excerpt.as_str()), (200, "", "<html>maintenance</html>"));
    assert!(
        err.to_string().starts_with("cannot decode the HTTP 200 response: expected value at line 1 column 1"),
        "{err}"
    );
}

#[tokio::test]
async fn json_of_the_wrong_shape_names_where_decoding_stopped() {
    let server =
        Server::start(vec![Reply::json(200, r#"{"data":[{"token":"s3cret-token","lease":{"duration":"one hour"}}]}"#)]);
    let err = client(&server).list_notebooks().send().await.unwrap_err();
    let Error::Decode(decode) = &err else { panic!("{err:?}") };
    assert_eq!(decode.path, "data[0].lease.duration");
    assert!(decode.message.starts_with("invalid type: string \"one hour\", expected i64"), "{}", decode.message);
    assert!(!err.to_string().contains("s3cret-token") && !format!("{err:?}").contains("s3cret-token"), "{err}");
    assert!(decode.excerpt.contains(r#""token":"** redacted **""#), "{}", decode.excerpt);
}

#[tokio::test]
async fn unknown_enum_values_and_fields_in_a_response_decode() {
    let body = r#"{"data":[{"status":"HIBERNATING","new_field":{"x":1},"feature":"GPU_POOL"}],"total":1,"extra":true}"#;
    let server = Server::start(vec![Reply::json(200, body)]);
    let page = client(&server).list_notebooks().send().await.unwrap().into_body();
    let notebook = &page.data.unwrap()[0];
    assert_eq!(notebook.status, Some(NotebookStatus::from("HIBERNATING")));
    assert_eq!(notebook.feature, Some(NotebookFeature::from("GPU_POOL")));
}

#[tokio::test]
async fn responses_are_never_rejected_for_breaking_a_documented_pattern() {
    let server =
        Server::start(vec![Reply::json(200, r#"{"data":[{"id":"not-a-uuid","name":"has spaces!"}],"current":0}"#)]);
    let page = client(&server).list_hyperinstances().send().await.unwrap().into_body();
    assert_eq!(page.data.unwrap()[0].id.as_deref(), Some("not-a-uuid"));
}

fn notebooks_page(ids: &[&str], total: Option<i64>) -> Reply {
    let data: Vec<serde_json::Value> = ids.iter().map(|id| serde_json::json!({ "id": id })).collect();
    let mut page = serde_json::json!({ "data": data });
    if let Some(total) = total {
        page["total"] = total.into();
    }
    Reply::json(200, page.to_string())
}

#[tokio::test]
async fn pagination_walks_three_pages_lazily() {
    let server = Server::start(vec![
        notebooks_page(&["a", "b"], Some(5)),
        notebooks_page(&["c", "d"], Some(5)),
        notebooks_page(&["e"], Some(5)),
    ]);
    let client = client(&server);
    let mut stream = std::pin::pin!(client.list_notebooks().limit(2).into_stream());
    assert_eq!(stream.next().await.unwrap().unwrap().id.as_deref(), Some("a"));
    assert_eq!(server.requests().len(), 1, "the second page is not fetched before it is needed");
    let rest: Vec<String> = stream.map(|item| item.unwrap().id.unwrap()).collect().await;
    assert_eq!(rest, ["b", "c", "d", "e"]);
    let offsets: Vec<String> =
        server.requests().iter().map(|r| r.target.split("?").nth(1).unwrap().to_string()).collect();
    assert_eq!(offsets, ["limit=2", "limit=2&offset=2", "limit=2&offset=4"]);
}

#[tokio::test]
async fn pagination_stops_at_an_empty_page_when_no_total_is_sent() {
    let server = Server::start(vec![
        notebooks_page(&["a", "b"], None),
        notebooks_page(&["c", "d"], None),
        notebooks_page(&[], None),
    ]);
    let client = client(&server);
    let items: Vec<_> =
        client.list_notebooks().limit(2).into_stream().map(|item| item.unwrap().id.unwrap()).collect().await;
    assert_eq!(items, ["a", "b", "c", "d"]);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_server_that_ignores_the_offset_is_not_paged_forever() {
    // No total, full pages, and the same page whatever the offset: without the check, the
    // stream would ask for the next page forever.
    let server = Server::start(vec![notebooks_page(&["a", "b"], None), notebooks_page(&["a", "b"], None)]);
    let client = client(&server);
    let results: Vec<_> = client.list_notebooks().limit(2).into_stream().collect().await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().id.as_deref(), Some("a"));
    assert_eq!(results[1].as_ref().unwrap().id.as_deref(), Some("b"));
    let Err(Error::Paging(err)) = &results[2] else { panic!("a paging error, found {:?}", results[2]) };
    assert_eq!((err.operation, err.offset, err.items), ("list_notebooks", 2, 2));
    assert_eq!(
        err.to_string(),
        "stopped paging list_notebooks: the page at offset 2 repeats the previous page (2 item(s)); the service may ignore the offset"
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn an_error_on_page_two_ends_the_stream_after_the_items_already_yielded() {
    let server = Server::start(vec![
        notebooks_page(&["a", "b"], Some(6)),
        Reply::json(403, r#"{"error_code":"ModelArts.0403","error_msg":"forbidden"}"#),
    ]);
    let client = client(&server);
    let results: Vec<_> = client.list_notebooks().limit(2).into_stream().collect().await;
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().id.as_deref(), Some("a"));
    assert_eq!(results[1].as_ref().unwrap().id.as_deref(), Some("b"));
    assert!(matches!(&results[2], Err(Error::Api(api)) if api.code.as_deref() == Some("ModelArts.0403")));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn token_credentials_send_x_auth_token_unsigned() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let client = client_with(&server, |c| c.credentials(Credentials::token("iam-token-value")));
    client.list_hyperinstances().send().await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("X-Auth-Token"), Some("iam-token-value"));
    assert_eq!((request.header("Authorization"), request.header("X-Sdk-Date")), (None, None));
    assert!(!format!("{client:?}").contains("iam-token-value"));
}

#[tokio::test]
async fn a_credential_that_cannot_be_a_header_is_named_but_never_quoted_and_nothing_is_sent() {
    let server = Server::start(vec![]);
    let client = client_with(&server, |c| c.credentials(Credentials::token("secret-part\nrest")));
    let err = client.list_hyperinstances().send().await.unwrap_err();
    let Error::Config(message) = &err else { panic!("{err:?}") };
    assert_eq!(message, "the value of the `X-Auth-Token` header has a character HTTP does not allow");
    assert!(!format!("{err:?}").contains("secret-part"), "{err:?}");
    assert!(server.requests().is_empty(), "no request was made");
}

#[tokio::test]
async fn temporary_credentials_sign_the_security_token() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let client = client_with(&server, |c| c.credentials(Credentials::temporary(AK, SK, "sts-token")));
    client.list_hyperinstances().send().await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("X-Security-Token"), Some("sts-token"));
    assert!(request.header("Authorization").unwrap().contains("x-security-token"));
    assert_eq!(request.header("Authorization").unwrap(), expected_authorization(request, AK, SK));
    let debug = format!("{client:?}");
    assert!(!debug.contains(SK) && !debug.contains(AK) && !debug.contains("sts-token"), "{debug}");
}

#[test]
fn a_region_fills_the_endpoint_template() {
    let config = Config::builder().region("cn-north-4").credentials(Credentials::aksk(AK, SK)).build().unwrap();
    let debug = format!("{:?}", Client::new(config).unwrap());
    assert!(debug.contains("https://modelarts.cn-north-4.myhuaweicloud.com"), "{debug}");
    let bad = Config::builder().endpoint("ftp://example").credentials(Credentials::aksk(AK, SK)).build().unwrap();
    assert!(
        matches!(Client::new(bad), Err(Error::Config(message)) if message.contains("expected an http or https URL"))
    );
}

#[tokio::test]
async fn a_request_built_by_hand_is_sent_as_is() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let mut request = ListNotebooksRequest::new("hand-built");
    request.status = Some(NotebookStatus::Stopped);
    client(&server).send(&request).await.unwrap();
    assert_eq!(server.requests()[0].target, "/v1/hand-built/notebooks?status=STOPPED");
    let invalid = ListNotebooksRequest::new("no spaces allowed");
    assert!(matches!(client(&server).send(&invalid).await, Err(Error::Validation(_))));
    assert_eq!(server.requests().len(), 1, "the invalid one was not sent");
}

/// The configured proxy carries every request (in absolute form, as HTTP proxies take it), and
/// its password shows neither in `Debug` output nor in errors.
#[tokio::test]
async fn a_configured_proxy_carries_the_request_and_keeps_its_password() {
    let proxy = Server::start(vec![Reply::json(200, "{}")]);
    let proxy_url = format!("http://user:s3cret@127.0.0.1:{}", proxy.port());
    let config = Config::builder()
        .endpoint("http://modelarts.example.test")
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
        .proxy(proxy_url.as_str())
        .build()
        .unwrap();
    assert!(!format!("{config:?}").contains("s3cret"), "{config:?}");
    Client::new(config).unwrap().list_hyperinstances().send().await.unwrap();
    let request = &proxy.requests()[0];
    assert!(request.target.starts_with("http://modelarts.example.test/v1/"), "{}", request.target);

    let bad = Config::builder()
        .endpoint("http://modelarts.example.test")
        .credentials(Credentials::aksk(AK, SK))
        .proxy("http://user:s3cret@[not a host")
        .build()
        .unwrap();
    let err = Client::new(bad).expect_err("an invalid proxy URL is a configuration error");
    assert!(matches!(err, Error::Config(_)) && !err.to_string().contains("s3cret"), "{err}");
}

#[tokio::test]
async fn a_read_timeout_ends_a_stalled_response_and_a_bad_ca_certificate_is_a_configuration_error() {
    let server = Server::start(vec![Reply::json(200, "{}").delayed(Duration::from_secs(3))]);
    let started = std::time::Instant::now();
    let err = client_with(&server, |c| c.retry(RetryPolicy::disabled()).read_timeout(Duration::from_millis(200)))
        .list_hyperinstances()
        .send()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &err else { panic!("{err:?}") };
    assert_eq!(transport.kind, TransportErrorKind::Timeout, "{err}");
    assert!(started.elapsed() < Duration::from_secs(2), "the read timeout, not the 30 s one");

    let config = Config::builder()
        .endpoint(server.url())
        .credentials(Credentials::aksk(AK, SK))
        .ca_certificate_pem("not a certificate")
        .connect_timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let err = Client::new(config).expect_err("a bad certificate is a configuration error");
    assert!(err.to_string().contains("CA certificate 1"), "{err}");
}
