//! Fault injection against a loopback server: every way a response can go wrong yields the
//! right typed error, and nothing panics, hangs or is sent twice.

use std::time::{Duration, Instant};

use huaweicloud_client::modelarts::*;
use huaweicloud_client::runtime::{Config, Credentials, Error, RetryPolicy, TransportErrorKind};
use huaweicloud_tests::server::{Reply, Server};

fn client(server: &Server, max_response_bytes: usize) -> Client {
    let config = Config::builder()
        .endpoint(server.url())
        .project_id("p1")
        .credentials(Credentials::aksk("AK", "SK"))
        .retry(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(20),
        })
        .timeout(Duration::from_secs(5))
        .max_response_bytes(max_response_bytes)
        .build()
        .unwrap();
    Client::new(config).unwrap()
}

async fn list(server: &Server) -> Result<ListNotebooksResponse, Error> {
    client(server, 1 << 20).list_notebooks().send().await.map(|response| response.into_body())
}

#[tokio::test]
async fn a_connection_reset_mid_body_is_a_transport_error() {
    let server = Server::start(vec![
        Reply::json(200, format!(r#"{{"data":[{}]}}"#, r#"{"id":"x"},"#.repeat(200))).cut_after(100),
    ]);
    let err = list(&server).await.unwrap_err();
    assert!(matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::Other), "{err:?}");
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let server = Server::start(vec![Reply::json(200, r#"{"data":[{"id":"a"}"#)]);
    let Error::Decode(decode) = list(&server).await.unwrap_err() else { panic!() };
    assert!(decode.message.starts_with("EOF while parsing"), "{}", decode.message);
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_from_its_length() {
    let server = Server::start(vec![Reply::json(200, "x".repeat(1 << 20))]);
    let Error::Decode(decode) = client(&server, 64 * 1024).list_notebooks().send().await.unwrap_err() else { panic!() };
    assert_eq!(decode.message, "the body is larger than the 65536-byte limit");
}

#[tokio::test]
async fn a_body_without_length_is_cut_at_the_cap_while_streaming() {
    // 8 MiB announced by nothing: the client stops reading after 64 KiB.
    let server = Server::start(vec![Reply::json(200, "y".repeat(8 << 20)).without_length()]);
    let started = Instant::now();
    let Error::Decode(decode) = client(&server, 64 * 1024).list_notebooks().send().await.unwrap_err() else { panic!() };
    assert_eq!(decode.message, "the body is larger than the 65536-byte limit");
    assert!(decode.excerpt.chars().count() <= 513, "the excerpt stays bounded");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = Server::start(vec![Reply::json(200, "{}").delayed(Duration::from_secs(10))]);
    let err = client(&server, 1 << 20)
        .list_notebooks()
        .timeout(Duration::from_millis(300))
        .retries(false)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::Timeout), "{err:?}");
}

/// The configured timeout, with no per-call override, whether the client built its own
/// reqwest client (which then carries the timeout) or the application supplied one (each
/// request then carries it).
#[tokio::test]
async fn the_configured_timeout_holds_with_either_http_client() {
    for supplied in [false, true] {
        let server = Server::start(vec![Reply::json(200, "{}").delayed(Duration::from_secs(10))]);
        let mut config = Config::builder()
            .endpoint(server.url())
            .project_id("p1")
            .credentials(Credentials::aksk("AK", "SK"))
            .retry(RetryPolicy::disabled())
            .timeout(Duration::from_millis(300));
        if supplied {
            config = config.http_client(reqwest::Client::new());
        }
        let err = Client::new(config.build().unwrap()).unwrap().list_notebooks().send().await.unwrap_err();
        assert!(matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::Timeout), "{supplied}: {err:?}");
    }
}

#[tokio::test]
async fn invalid_utf8_is_a_decode_error() {
    let server = Server::start(vec![Reply::raw(200, "application/json", vec![b'{', b'"', 0xff, 0xfe, b'"', b'}'])]);
    let Error::Decode(decode) = list(&server).await.unwrap_err() else { panic!() };
    assert!(decode.message.contains("invalid unicode"), "{}", decode.message);
    assert!(decode.excerpt.contains('\u{fffd}'), "shown lossily: {}", decode.excerpt);
}

#[tokio::test]
async fn the_wrong_content_type_is_judged_by_the_body() {
    let html = Server::start(vec![Reply::raw(200, "text/html", b"<html>login</html>".to_vec())]);
    assert!(matches!(list(&html).await, Err(Error::Decode(_))));
    // JSON labelled text/plain still decodes: the body is what the docs describe.
    let plain = Server::start(vec![Reply::raw(200, "text/plain", br#"{"total":3}"#.to_vec())]);
    assert_eq!(list(&plain).await.unwrap().total, Some(3));
}

#[tokio::test]
async fn a_200_carrying_only_an_error_body_is_the_api_error() {
    let server =
        Server::start(vec![Reply::json(200, r#"{"error_code":"ModelArts.0104","error_msg":"Quota exceeded"}"#)]);
    let Error::Api(api) = list(&server).await.unwrap_err() else { panic!() };
    assert_eq!((api.status, api.code.as_deref()), (200, Some("ModelArts.0104")));
}

#[tokio::test]
async fn a_post_is_sent_once_even_when_the_connection_drops() {
    let server = Server::start(vec![Reply::json(200, r#"{"id":"job-1"}"#).cut_after(3), Reply::json(200, "{}")]);
    let body = CreateDevServerJobBody::new("job", Vec::new(), "T", Vec::new());
    let err = client(&server, 1 << 20).create_dev_server_job().body(body).send().await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(server.requests().len(), 1, "never sent twice");
}

#[tokio::test]
async fn an_error_status_with_a_non_json_body_keeps_the_body() {
    let server = Server::start(vec![Reply::raw(502, "text/html", b"<h1>Bad gateway</h1>".to_vec())]);
    let err = client(&server, 1 << 20)
        .create_dev_server_job()
        .body(CreateDevServerJobBody::default())
        .validation(false)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "the service answered HTTP 502: <h1>Bad gateway</h1>");
}
