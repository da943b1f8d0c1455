//! The waiters of the seeds' three asynchronous jobs (SFS Turbo's job, APIG's import task,
//! KPS's key pair task), against the mock server answering the polls with queued states:
//! success after several states, failure with its reason, the maximum wait, a state the docs
//! do not list, a 503 in the middle, `Retry-After`, and going straight from a 202 to the waiter.

use std::time::{Duration, Instant};

use huaweicloud_client::mock::{MockResponse, MockServer};
use huaweicloud_client::runtime::{Config, Error, RetryPolicy, WaitError};
use huaweicloud_client::{apig, kps, sfsturbo};

const FAST: Duration = Duration::from_millis(5);

/// A mock with `R`'s responses queued, and a client configuration for it retrying quickly.
async fn mock<R: huaweicloud_client::runtime::Operation>(responses: Vec<MockResponse>) -> (MockServer, Config) {
    let mock = MockServer::builder().project_id("p1").start().await.unwrap();
    for response in responses {
        mock.respond::<R>(response);
    }
    let retry = RetryPolicy { max_attempts: 3, base_delay: FAST, max_delay: Duration::from_millis(50) };
    let config = mock.config().retry(retry).build().unwrap();
    (mock, config)
}

fn job(status: &str) -> MockResponse {
    MockResponse::json(200, format!(r#"{{"job_id":"j1","status":"{status}","job_type":"bind_ldap"}}"#))
}

fn busy() -> MockResponse {
    MockResponse::json(503, r#"{"errCode":"SFS.TURBO.0005","errMsg":"busy"}"#)
}

type ShowJob = sfsturbo::ShowJobDetailRequest;

#[tokio::test]
async fn sfs_turbo_job_succeeds_after_several_states_with_a_503_retried_in_between() {
    let (mock, config) =
        mock::<ShowJob>(vec![job("waiting"), job("running"), busy(), job("running"), job("success")]).await;
    let client = sfsturbo::Client::new(config).unwrap();
    let done = client.show_job_detail().job_id("j1").wait_until_finished().delay(FAST).await.unwrap();
    assert_eq!(done.status, Some(sfsturbo::JobStatus::Success));
    let requests = mock.received();
    assert_eq!(requests.len(), 5, "four polls, one of them retried after the 503");
    assert!(requests.iter().all(|r| r.path() == "/v1/p1/sfs-turbo/jobs/j1"));
}

#[tokio::test]
async fn a_failed_job_is_an_error_carrying_its_reason_code_and_last_output() {
    let failed =
        r#"{"job_id":"j1","status":"failed","error_code":"SFS.TURBO.9000","fail_reason":"LDAP server unreachable"}"#;
    let (_mock, config) = mock::<ShowJob>(vec![job("running"), MockResponse::json(200, failed)]).await;
    let client = sfsturbo::Client::new(config).unwrap();
    let err = client.show_job_detail().job_id("j1").wait_until_finished().delay(FAST).await.unwrap_err();
    let WaitError::Failed { state, reason, code, output } = &err else { panic!("expected a failure, got {err:?}") };
    assert_eq!(state, "failed");
    assert_eq!(reason.as_deref(), Some("LDAP server unreachable"));
    assert_eq!(code.as_deref(), Some("SFS.TURBO.9000"));
    assert_eq!(output.job_id.as_deref(), Some("j1"));
    assert_eq!(
        err.to_string(),
        r#"the job failed (state "failed", error code SFS.TURBO.9000: LDAP server unreachable)"#
    );
}

#[tokio::test]
async fn the_maximum_wait_ends_with_the_last_state_seen() {
    let (mock, config) = mock::<ShowJob>((0..50).map(|_| job("running")).collect()).await;
    let client = sfsturbo::Client::new(config).unwrap();
    let started = Instant::now();
    let err = client
        .show_job_detail()
        .job_id("j1")
        .wait_until_finished()
        .delay(Duration::from_millis(20))
        .max_wait(Duration::from_millis(150))
        .await
        .unwrap_err();
    let WaitError::TimedOut { waited, polls, last_state } = &err else { panic!("expected a timeout, got {err:?}") };
    assert_eq!(last_state, "running");
    assert!(*waited >= Duration::from_millis(150), "{waited:?}");
    assert!(*polls >= 2 && *polls < 50, "{polls} polls");
    assert_eq!(mock.received().len(), *polls as usize);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_state_the_docs_do_not_list_is_reported_not_taken_for_success() {
    let (_mock, config) = mock::<ShowJob>(vec![job("running"), job("archived")]).await;
    let client = sfsturbo::Client::new(config).unwrap();
    let err = client.show_job_detail().job_id("j1").wait_until_finished().delay(FAST).await.unwrap_err();
    let WaitError::UnknownState { state, .. } = &err else { panic!("expected an unknown state, got {err:?}") };
    assert_eq!(state.as_deref(), Some("archived"));

    let (_mock, config) = mock::<ShowJob>(vec![MockResponse::json(200, r#"{"job_id":"j1"}"#)]).await;
    let client = sfsturbo::Client::new(config).unwrap();
    let err = client.show_job_detail().job_id("j1").wait_until_finished().await.unwrap_err();
    assert!(matches!(err, WaitError::UnknownState { state: None, .. }), "{err:?}");
    assert_eq!(err.to_string(), "the response says no state for the job");
}

#[tokio::test]
async fn a_poll_failing_after_the_retries_ends_the_wait_with_its_error() {
    let (mock, config) = mock::<ShowJob>(vec![job("running"), busy(), busy(), busy()]).await;
    let client = sfsturbo::Client::new(config).unwrap();
    let err = client.show_job_detail().job_id("j1").wait_until_finished().delay(FAST).await.unwrap_err();
    let WaitError::Request(Error::Api(api)) = &err else { panic!("expected the poll's error, got {err:?}") };
    assert_eq!(api.status, 503);
    assert_eq!(mock.received().len(), 4, "one poll, then three attempts of the second");
    assert!(std::error::Error::source(&err).is_some(), "the poll's error is the cause");
}

#[tokio::test]
async fn retry_after_on_a_poll_sets_the_next_wait() {
    let (_mock, config) = mock::<ShowJob>(vec![job("running").header("Retry-After", "1"), job("success")]).await;
    let client = sfsturbo::Client::new(config).unwrap();
    let started = Instant::now();
    client.show_job_detail().job_id("j1").wait_until_finished().delay(FAST).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "waited {:?}", started.elapsed());
}

#[tokio::test]
async fn apig_import_goes_from_its_202_to_the_task_waiter() {
    let task = |status: &str, result: &str| {
        let body =
            format!(r#"{{"task_id":"t9","task_status":"{status}","task_type":"import_api","task_result":{result:?}}}"#);
        MockResponse::json(200, body)
    };
    let states = vec![task("waiting", ""), task("processing", ""), task("succeed", r#"{"group_id":"g1"}"#)];
    let (mock, config) = mock::<apig::ShowAsyncTaskResultRequest>(states).await;
    mock.respond::<apig::ImportApiDefinitionsAsyncRequest>(MockResponse::json(202, r#"{ "task_id" : "t9" }"#));
    let client = apig::Client::new(config).unwrap();
    let file =
        huaweicloud_client::runtime::FilePart::from_bytes("api.yaml", "application/yaml", b"swagger: '2.0'".to_vec());
    let body = apig::ImportApiDefinitionsForm::new(file);
    let done = client
        .import_api_definitions_async()
        .instance_id("i-1")
        .body(body)
        .send_and_wait_until_finished()
        .delay(FAST)
        .await
        .unwrap();
    assert_eq!(done.task_result_json().unwrap().unwrap()["group_id"], "g1");
    let paths: Vec<String> = mock.received().iter().map(|r| format!("{} {}", r.method(), r.path())).collect();
    assert_eq!(
        paths,
        [
            "POST /v2/p1/apigw/instances/i-1/openapi/async-import",
            "GET /v2/p1/apigw/instances/i-1/async-tasks/t9",
            "GET /v2/p1/apigw/instances/i-1/async-tasks/t9",
            "GET /v2/p1/apigw/instances/i-1/async-tasks/t9",
        ]
    );
}

#[tokio::test]
async fn apig_failed_import_reports_the_task_result() {
    let failed = r#"{ "task_id" : "t9", "task_status" : "failed", "task_type" : "import_api", "task_result" : "{\"error_code\":\"APIG.3201\",\"error_msg\":\"The API group name already exists\"}" }"#;
    let (_mock, config) = mock::<apig::ShowAsyncTaskResultRequest>(vec![MockResponse::json(200, failed)]).await;
    let client = apig::Client::new(config).unwrap();
    let err = client.show_async_task_result().instance_id("i-1").task_id("t9").wait_until_finished().await.unwrap_err();
    let WaitError::Failed { reason, .. } = err else { panic!("expected a failure, got {err:?}") };
    assert!(reason.unwrap().contains("APIG.3201"));
}

#[tokio::test]
async fn a_started_job_without_its_id_and_an_invalid_start_are_errors_before_any_poll() {
    let started = MockResponse::json(202, r#"{ "status" : "SUCCESS" }"#);
    let (mock, config) = mock::<kps::DisassociateKeypairRequest>(vec![started]).await;
    let client = kps::Client::new(config).unwrap();
    let server_info = kps::DisassociateEcsServerInfo::new("d76baba7");
    let err = client
        .disassociate_keypair()
        .body(kps::DisassociateKeypairBody::new(server_info))
        .send_and_wait_until_finished()
        .await
        .unwrap_err();
    let WaitError::Request(Error::Decode(decode)) = &err else { panic!("expected a decode error, got {err:?}") };
    assert_eq!((decode.status, decode.path.as_str()), (202, "task_id"));
    assert_eq!(mock.received().len(), 1, "no poll without a task id");

    let err = client.disassociate_keypair().send_and_wait_until_finished().await.unwrap_err();
    assert!(matches!(err, WaitError::Request(Error::Validation(_))), "{err:?}");
    assert_eq!(mock.received().len(), 1, "nothing sent for an invalid request");
}

#[tokio::test]
async fn kps_disassociation_waits_for_its_task() {
    let task = |status: &str| {
        MockResponse::json(200, format!(r#"{{"task_id":"k1","server_id":"s1","task_status":"{status}"}}"#))
    };
    let states = vec![task("READY_UNBIND"), task("RUNNING_UNBIND"), task("SUCCESS_UNBIND")];
    let (mock, config) = mock::<kps::ListKeypairTaskRequest>(states).await;
    mock.respond::<kps::DisassociateKeypairRequest>(MockResponse::json(
        202,
        r#"{ "task_id" : "k1", "status" : "SUCCESS" }"#,
    ));
    let client = kps::Client::new(config).unwrap();
    let server_info = kps::DisassociateEcsServerInfo::new("d76baba7");
    let done = client
        .disassociate_keypair()
        .body(kps::DisassociateKeypairBody::new(server_info))
        .send_and_wait_until_finished()
        .delay(FAST)
        .await
        .unwrap();
    assert_eq!(done.task_status, Some(kps::KeypairTaskStatus::SuccessUnbind));
    assert_eq!(mock.received().last().unwrap().path(), "/v3/p1/tasks/k1");
}
