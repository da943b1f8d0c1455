//! The mock server generated from the docs (feature `mock`), as an application's test uses it:
//! documented examples by default, paging of an example list, queued responses (status, body,
//! headers, delay, dropped connection), requests read back as their request types, and
//! requests refused as the service would refuse them (a wrong signature, a wrong project in the
//! path, an invalid parameter, a path no operation has), each in the service's error shape.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use huaweicloud_client::mock::{MockResponse, MockServer};
use huaweicloud_client::runtime::{Credentials, Error, FilePart, RetryPolicy, TransportErrorKind};
use huaweicloud_client::{apig, kps, modelarts, sfsturbo};
use huaweicloud_tests::api_error;

#[tokio::test]
async fn an_operation_answers_with_its_documented_example() {
    let mock = MockServer::start().await.unwrap();
    let client = sfsturbo::Client::new(mock.config().build().unwrap()).unwrap();
    let job = client.show_job_detail().job_id("26f6b565").send().await.unwrap();
    assert_eq!(job.status(), 200);
    assert_eq!(job.job_id.as_deref(), Some("26f6b565-xxxx-XXXX-xxxx-03f0bd975433"));
    assert_eq!(job.status, Some(sfsturbo::JobStatus::Success));
}

#[tokio::test]
async fn an_operation_without_an_example_answers_its_documented_status() {
    let mock = MockServer::start().await.unwrap();
    let client = kps::Client::new(mock.config().build().unwrap()).unwrap();
    let body = kps::DisassociateKeypairBody::new(kps::DisassociateEcsServerInfo::new("s-1"));
    let accepted = client.disassociate_keypair().body(body).send().await.unwrap();
    assert_eq!((accepted.status(), accepted.task_id.as_deref()), (202, None));
}

#[tokio::test]
async fn a_paginated_operation_pages_its_example_items_by_offset_and_limit() {
    let mock = MockServer::start().await.unwrap();
    let client = modelarts::Client::new(mock.config().build().unwrap()).unwrap();
    let all = client.list_notebooks().send().await.unwrap();
    assert_eq!((all.data.as_ref().map(Vec::len), all.total), (Some(2), Some(2)));

    let second = client.list_notebooks().offset(1).limit(1).send().await.unwrap();
    let ids = |page: &modelarts::ListNotebooksResponse| -> Vec<String> {
        page.data.iter().flatten().filter_map(|n| n.id.clone()).collect()
    };
    assert_eq!(ids(&second), ids(&all)[1..]);
    assert_eq!(second.total, Some(2), "the total counts every example item");

    let streamed: Vec<_> = client.list_notebooks().limit(1).into_stream().collect().await;
    let streamed: Vec<String> = streamed.into_iter().map(|n| n.unwrap().id.unwrap()).collect();
    assert_eq!(streamed, ids(&all));
    let offsets: Vec<String> = mock
        .requests::<modelarts::ListNotebooksRequest>()
        .iter()
        .map(|r| format!("{:?}/{:?}", r.offset, r.limit))
        .collect();
    assert_eq!(offsets, ["None/None", "Some(1)/Some(1)", "None/Some(1)", "Some(1)/Some(1)"]);
}

#[tokio::test]
async fn queued_responses_come_in_order_then_the_example_again() {
    let mock = MockServer::start().await.unwrap();
    let busy = r#"{"errCode":"SFS.TURBO.0005","errMsg":"Internal server error"}"#;
    mock.respond::<sfsturbo::ShowJobDetailRequest>(MockResponse::json(500, busy).header("X-request-id", "r-1"));
    mock.respond::<sfsturbo::ShowJobDetailRequest>(MockResponse::json(200, r#"{"job_id":"j1","status":"running"}"#));
    let config = mock.config().retry(RetryPolicy::disabled()).build().unwrap();
    let client = sfsturbo::Client::new(config).unwrap();

    let api = api_error(client.show_job_detail().job_id("j1").send().await);
    assert_eq!(
        (api.status, api.code.as_deref(), api.request_id.as_deref()),
        (500, Some("SFS.TURBO.0005"), Some("r-1"))
    );
    let running = client.show_job_detail().job_id("j1").send().await.unwrap();
    assert_eq!(running.status, Some(sfsturbo::JobStatus::Running));
    let example = client.show_job_detail().job_id("j1").send().await.unwrap();
    assert_eq!(example.status, Some(sfsturbo::JobStatus::Success));
    let statuses: Vec<u16> = mock.received().iter().map(|r| r.status()).collect();
    assert_eq!(statuses, [500, 200, 200]);
}

#[tokio::test]
async fn a_delay_and_a_dropped_connection_reach_the_client() {
    let mock = MockServer::start().await.unwrap();
    mock.respond::<sfsturbo::ShowJobDetailRequest>(MockResponse::json(200, "{}").delay(Duration::from_millis(300)));
    mock.respond::<sfsturbo::ShowJobDetailRequest>(MockResponse::dropped_connection());
    let config = mock.config().retry(RetryPolicy::disabled()).timeout(Duration::from_millis(100)).build().unwrap();
    let client = sfsturbo::Client::new(config).unwrap();

    let started = Instant::now();
    let err = client.show_job_detail().job_id("j1").send().await.unwrap_err();
    assert!(matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::Timeout), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(300));

    let err = client.show_job_detail().job_id("j1").send().await.unwrap_err();
    assert!(matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::Other), "{err:?}");
}

#[tokio::test]
async fn requests_read_back_as_their_request_types() {
    let mock = MockServer::start().await.unwrap();
    let client = modelarts::Client::new(mock.config().build().unwrap()).unwrap();
    let sent = client
        .list_notebooks()
        .name("nb-1")
        .status(modelarts::NotebookStatus::Running)
        .sort_dir(modelarts::SortDir::Asc)
        .sort_key("create_at desc,名字&x=1")
        .limit(5);
    let expected = sent.clone().into_request().unwrap();
    sent.send().await.unwrap();
    assert_eq!(mock.requests::<modelarts::ListNotebooksRequest>(), [expected]);

    let client = apig::Client::new(mock.config().build().unwrap()).unwrap();
    let file = FilePart::from_bytes("api.yaml", "application/yaml", b"swagger: '2.0'".to_vec());
    let mut form = apig::ImportApiDefinitionsForm::new(file);
    form.extend_mode = Some(apig::ImportMode::Override);
    form.is_create_group = Some(false);
    let accepted = client.import_api_definitions_async().instance_id("i-1").body(form.clone()).send().await.unwrap();
    assert_eq!((accepted.status(), accepted.task_id.as_deref()), (202, Some("d9ce8c9eede54b3f841ec324fe0bfdc2")));
    let [import] = mock.requests::<apig::ImportApiDefinitionsAsyncRequest>().try_into().unwrap();
    assert_eq!((import.instance_id.as_str(), import.body), ("i-1", form));
}

#[tokio::test]
async fn a_wrong_signature_gets_401_in_the_service_error_shape() {
    let mock = MockServer::start().await.unwrap();
    let config = mock.config().credentials(Credentials::aksk("MOCKACCESSKEY", "another-secret")).build().unwrap();
    let client = sfsturbo::Client::new(config).unwrap();
    let api = api_error(client.show_job_detail().job_id("j1").send().await);
    assert_eq!((api.status, api.code.as_deref()), (401, Some("APIGW.0301")));
    assert!(api.body.contains("\"errMsg\""), "SFS Turbo's shape: {}", api.body);
    assert!(api.message.unwrap().contains("the signature does not verify"));

    let config = mock.config().credentials(Credentials::aksk("OTHERKEY", "mock-secret-key")).build().unwrap();
    let api = api_error(sfsturbo::Client::new(config).unwrap().show_job_detail().job_id("j1").send().await);
    assert!(api.message.unwrap().contains("unknown access key"));

    let config = mock.config().credentials(Credentials::token("a-token")).build().unwrap();
    let api = api_error(sfsturbo::Client::new(config).unwrap().show_job_detail().job_id("j1").send().await);
    assert_eq!(api.status, 401, "a token the mock was not given");
    assert!(mock.requests::<sfsturbo::ShowJobDetailRequest>().len() == 3, "refused requests are still recorded");
}

#[tokio::test]
async fn a_token_the_mock_was_given_is_accepted_instead_of_a_signature() {
    let mock = MockServer::builder().token("the-token").start().await.unwrap();
    let config = mock.config().credentials(Credentials::token("the-token")).build().unwrap();
    let job = sfsturbo::Client::new(config).unwrap().show_job_detail().job_id("j1").send().await.unwrap();
    assert_eq!(job.status(), 200);
    assert_eq!(mock.received()[0].header("X-Auth-Token"), Some("the-token"));
}

#[tokio::test]
async fn a_wrong_project_in_the_path_gets_401() {
    let mock = MockServer::builder().project_id("p-right").start().await.unwrap();
    let client = modelarts::Client::new(mock.config().build().unwrap()).unwrap();
    client.list_notebooks().send().await.unwrap();
    let api = api_error(client.list_notebooks().project_id("p-wrong").send().await);
    assert_eq!((api.status, api.code.as_deref()), (401, Some("APIGW.0301")));
    assert!(api.message.unwrap().contains("\"p-wrong\""));
}

#[tokio::test]
async fn an_invalid_parameter_gets_400_naming_it() {
    let mock = MockServer::start().await.unwrap();
    let client = modelarts::Client::new(mock.config().build().unwrap()).unwrap();
    let api = api_error(client.list_notebooks().name("not a name!").validation(false).send().await);
    assert_eq!((api.status, api.code.as_deref()), (400, Some("MOCK.0400")), "ModelArts documents no 400 example");
    assert!(api.message.as_deref().unwrap().contains("name: does not match"), "{api:?}");
    assert!(api.body.contains("\"error_msg\""), "ModelArts' shape: {}", api.body);

    // The import documents a 400 example: an invalid request gets its code.
    let client = apig::Client::new(mock.config().build().unwrap()).unwrap();
    let mut form = apig::ImportApiDefinitionsForm::new(FilePart::from_bytes("api.yaml", "application/yaml", vec![]));
    form.api_mode = Some(apig::ImportMode::from("sideways"));
    let import = client.import_api_definitions_async().instance_id("i-1").body(form);
    let api = api_error(import.validation(false).send().await);
    assert_eq!((api.status, api.code.as_deref()), (400, Some("APIG.3603")));
    assert!(api.message.as_deref().unwrap().contains("api_mode"), "{api:?}");
}

#[tokio::test]
async fn an_unsigned_request_is_refused_before_it_is_read() {
    let mock = MockServer::start().await.unwrap();
    let path = format!("/v2/{}/apigw/instances/i-1/async-tasks/t1", mock.project_id());
    let (status, body) = raw_get(mock.endpoint(), &path).await;
    assert_eq!(status, 401);
    assert!(body.contains("no AK/SK signature"), "{body}");
}

#[tokio::test]
async fn a_path_no_operation_has_gets_404() {
    let mock = MockServer::start().await.unwrap();
    let (status, body) = raw_get(mock.endpoint(), "/v9/nothing/here").await;
    assert_eq!(status, 404);
    assert!(body.contains("APIGW.0101"), "{body}");
    assert_eq!(mock.received()[0].operation(), None);
}

#[tokio::test]
async fn a_waiter_polls_the_mock_through_queued_states() {
    let mock = MockServer::start().await.unwrap();
    for status in ["waiting", "running"] {
        mock.respond::<sfsturbo::ShowJobDetailRequest>(MockResponse::json(200, format!(r#"{{"status":"{status}"}}"#)));
    }
    let client = sfsturbo::Client::new(mock.config().build().unwrap()).unwrap();
    let done =
        client.show_job_detail().job_id("j1").wait_until_finished().delay(Duration::from_millis(5)).await.unwrap();
    assert_eq!(done.status, Some(sfsturbo::JobStatus::Success), "the example, once the queue is empty");
    assert_eq!(mock.requests::<sfsturbo::ShowJobDetailRequest>().len(), 3);
}

/// An unsigned GET, as a client other than this crate's sends it: the status and the body.
async fn raw_get(endpoint: &str, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = endpoint.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    let body = response.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn the_readme_example_is_the_tested_one() {
    let readme = std::fs::read_to_string(huaweicloud_tests::repo_root().join("generated/README.md")).unwrap();
    let tested = include_str!("mock_readme.rs");
    let code: Vec<&str> = tested.lines().skip_while(|line| line.starts_with("//!") || line.is_empty()).collect();
    let block = format!("```rust\n{}\n```", code.join("\n"));
    assert!(readme.contains(&block), "generated/README.md should hold tests/tests/mock_readme.rs's code:\n{block}");
}

/// What cargo builds for the client, with or without the `mock` feature: each package, and
/// each feature of hyper (which reqwest builds too, without its server side).
fn client_dependencies(features: &[&str]) -> (Vec<String>, Vec<String>) {
    let tree = |extra: &[&str]| {
        let mut args = vec!["tree", "--offline", "--locked", "-q", "-p", "huaweicloud-client", "--prefix", "none"];
        args.extend(extra);
        args.extend(features);
        let output = std::process::Command::new(env!("CARGO"))
            .args(&args)
            .current_dir(huaweicloud_tests::repo_root())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let mut lines: Vec<String> = String::from_utf8(output.stdout).unwrap().lines().map(str::to_string).collect();
        lines.sort();
        lines.dedup();
        lines
    };
    let packages = tree(&["-e", "normal"]);
    let hyper =
        tree(&["-e", "features", "-i", "hyper"]).into_iter().filter(|l| l.starts_with("hyper feature")).collect();
    (packages, hyper)
}

#[test]
fn the_mock_adds_no_dependency_to_a_build_without_it() {
    let (without, hyper_without) = client_dependencies(&[]);
    let (with, hyper_with) = client_dependencies(&["--features", "mock"]);
    let added: Vec<&String> = with.iter().filter(|p| !without.contains(p)).collect();
    assert!(without.iter().all(|p| with.contains(p)), "the feature only adds");
    assert!(!added.is_empty() && added.iter().all(|p| p.starts_with("http")), "{added:?}");
    assert!(!hyper_without.iter().any(|f| f.contains("\"server\"")), "{hyper_without:?}");
    assert!(hyper_with.iter().any(|f| f.contains("\"server\"")), "{hyper_with:?}");
}

#[tokio::test]
async fn debug_output_shows_no_key() {
    let builder = MockServer::builder().credentials("AKSHOWNNOWHERE", "SKSHOWNNOWHERE");
    let mock = builder.clone().start().await.unwrap();
    for text in [format!("{builder:?}"), format!("{mock:?}"), format!("{:?}", mock.config())] {
        assert!(!text.contains("SHOWNNOWHERE"), "{text}");
    }
}
