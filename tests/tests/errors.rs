//! Each seed service's documented error body, end to end against the mock server: the
//! service's code and message read from whichever documented shape it has, the whole body read
//! as the operation's documented error type, the request id from the header as each service
//! spells it, and error messages that say what failed once, with causes chained by `source()`.

use std::error::Error as _;

use huaweicloud_client::mock::{MockResponse, MockServer};
use huaweicloud_client::runtime::{Config, Credentials, Operation};
use huaweicloud_client::{apig, kps, modelarts, sfsturbo};
use huaweicloud_tests::api_error;

fn config(url: String) -> Config {
    Config::builder().endpoint(url).project_id("p1").credentials(Credentials::aksk("AK", "SK")).build().unwrap()
}

/// A mock answering `R`'s next request with `response`, and a configuration for it.
async fn answering<R: Operation>(response: MockResponse) -> (MockServer, Config) {
    let mock = MockServer::start().await.unwrap();
    mock.respond::<R>(response);
    let config = mock.config().build().unwrap();
    (mock, config)
}

/// The error's message and its causes, as `anyhow`'s `{:#}` prints them.
fn chain(err: &dyn std::error::Error) -> Vec<String> {
    let mut messages = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(err) = cause {
        messages.push(err.to_string());
        cause = err.source();
    }
    messages
}

#[tokio::test]
async fn modelarts_errors_read_as_model_arts_error() {
    let body = r#"{"error_code":"ModelArts.6404","error_msg":"Notebook not found."}"#;
    let response = MockResponse::json(404, body).header("X-Request-Id", "r-ma");
    let (_mock, config) = answering::<modelarts::ListNotebooksRequest>(response).await;
    let client = modelarts::Client::new(config).unwrap();
    let api = api_error(client.list_notebooks().send().await);
    assert_eq!(
        (api.status, api.code.as_deref(), api.request_id.as_deref()),
        (404, Some("ModelArts.6404"), Some("r-ma"))
    );
    let typed: modelarts::ModelArtsError = api.body_as().unwrap();
    assert_eq!(typed.error_msg.as_deref(), Some("Notebook not found."));
    assert_eq!(api.to_string(), "the service answered HTTP 404: ModelArts.6404: Notebook not found. (request id r-ma)");
}

#[tokio::test]
async fn apig_errors_read_as_apig_error() {
    let body = r#"{ "error_code" : "APIG.3093", "error_msg" : "The asynchronous task d9ce does not exist" }"#;
    let response = MockResponse::json(404, body).header("X-Request-Id", "r-apig");
    let (_mock, config) = answering::<apig::ShowAsyncTaskResultRequest>(response).await;
    let client = apig::Client::new(config).unwrap();
    let api = api_error(client.show_async_task_result().instance_id("i-1").task_id("d9ce").send().await);
    let typed: apig::ApigError = api.body_as().unwrap();
    assert_eq!(typed.error_code.as_deref(), Some("APIG.3093"));
    assert_eq!((api.code, api.request_id.as_deref()), (Some("APIG.3093".into()), Some("r-apig")));
}

#[tokio::test]
async fn kps_errors_read_as_kps_error() {
    let body = r#"{"error_code":"KPS.0002","error_msg":"The server does not exist."}"#;
    let response = MockResponse::json(400, body).header("X-Request-Id", "r-kps");
    let (_mock, config) = answering::<kps::DisassociateKeypairRequest>(response).await;
    let client = kps::Client::new(config).unwrap();
    let request = kps::DisassociateKeypairBody::new(kps::DisassociateEcsServerInfo::new("s-1"));
    let api = api_error(client.disassociate_keypair().body(request).send().await);
    let typed: kps::KpsError = api.body_as().unwrap();
    assert_eq!(typed.error_msg.as_deref(), Some("The server does not exist."));
    assert_eq!(
        (api.message.as_deref(), api.request_id.as_deref()),
        (Some("The server does not exist."), Some("r-kps"))
    );
}

#[tokio::test]
async fn sfs_turbo_errors_read_as_sfs_turbo_error_and_its_request_id_header_in_its_own_case() {
    let body = r#"{ "errCode" : "SFS.TURBO.0001", "errMsg" : "parameter error" }"#;
    let response = MockResponse::json(400, body).header("X-request-id", "r-sfs");
    let (_mock, config) = answering::<sfsturbo::ShowJobDetailRequest>(response).await;
    let client = sfsturbo::Client::new(config).unwrap();
    let api = api_error(client.show_job_detail().job_id("j-1").send().await);
    let typed: sfsturbo::SfsTurboError = api.body_as().unwrap();
    assert_eq!(typed.err_code.as_deref(), Some("SFS.TURBO.0001"));
    assert_eq!(
        (api.code.as_deref(), api.message.as_deref(), api.request_id.as_deref()),
        (Some("SFS.TURBO.0001"), Some("parameter error"), Some("r-sfs"))
    );
    let wrong: Result<Vec<String>, _> = api.body_as();
    assert!(wrong.is_err(), "a type the body is not is refused, not guessed");
}

/// The typed header every response has, spelled as each service documents it.
#[tokio::test]
async fn each_service_s_request_id_is_read_from_the_response() {
    let notebooks = MockResponse::json(200, r#"{"data":[],"total":0}"#).header("X-Request-Id", "r-1");
    let (mock, config) = answering::<modelarts::ListNotebooksRequest>(notebooks).await;
    let job = MockResponse::json(200, r#"{"job_id":"j-1","status":"success"}"#).header("X-request-id", "r-2");
    mock.respond::<sfsturbo::ShowJobDetailRequest>(job);
    let notebooks = modelarts::Client::new(config.clone()).unwrap().list_notebooks().send().await.unwrap();
    assert_eq!((notebooks.request_id(), notebooks.total), (Some("r-1"), Some(0)));
    let job = sfsturbo::Client::new(config).unwrap().show_job_detail().job_id("j-1").send().await.unwrap();
    assert_eq!((job.request_id(), job.job_id.as_deref()), (Some("r-2"), Some("j-1")));
    assert_eq!(job.typed_headers(), &(), "no documented header besides the request id");
}

#[tokio::test]
async fn messages_say_what_failed_once_and_causes_are_chained_not_repeated() {
    // Nothing listens on a port just freed.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = modelarts::Client::new(config(format!("http://127.0.0.1:{port}"))).unwrap();
    let err = client.list_notebooks().retries(false).send().await.unwrap_err();
    let messages = chain(&err);
    assert_eq!(messages[0], "could not connect after 1 attempt(s)", "{messages:?}");
    assert!(messages.len() >= 2, "the HTTP client's error is the source: {messages:?}");
    for pair in messages.windows(2) {
        assert!(!pair[0].contains(&pair[1]), "a cause repeated in the message before it: {messages:?}");
    }

    let invalid = client.sync_dev_servers().limit(5000).send().await.unwrap_err();
    assert_eq!(
        chain(&invalid),
        ["invalid request, not sent: 1 documented rule(s) broken: limit: value 5000 is outside 0..=1024"]
    );
    assert!(invalid.source().is_none(), "the broken rules are the message, not a cause");
}
