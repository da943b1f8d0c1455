//! The services transcribed from seed page 002, end to end against a loopback server: a
//! multipart upload checked part by part, a 202, per-service error shapes, a response header
//! spelled as documented, and the typed accessors for JSON and timestamps held in strings.

use huaweicloud_client::runtime::{Config, Credentials, Error, FilePart, Timestamp};
use huaweicloud_client::{apig, cvr, kps, sfsturbo, unidentified};
use huaweicloud_tests::expected_authorization;
use huaweicloud_tests::server::{Recorded, Reply, Server};

const AK: &str = "HPUAEXAMPLEAK00000000";
const SK: &str = "ExampleSecretKey0000000000000000000000000";

fn config(server: &Server) -> Config {
    Config::builder().endpoint(server.url()).project_id("p1").credentials(Credentials::aksk(AK, SK)).build().unwrap()
}

/// The parts of a multipart body: (headers, content) in order.
fn parts(request: &Recorded) -> Vec<(String, String)> {
    let content_type = request.header("Content-Type").unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a multipart content type");
    let body = String::from_utf8(request.body.clone()).unwrap();
    assert!(body.ends_with(&format!("--{boundary}--\r\n")), "the body is closed");
    body.split(&format!("--{boundary}"))
        .filter(|part| part.starts_with("\r\n"))
        .map(|part| {
            let (head, content) = part[2..].split_once("\r\n\r\n").expect("part headers, then content");
            (head.to_string(), content.strip_suffix("\r\n").unwrap_or(content).to_string())
        })
        .collect()
}

#[tokio::test]
async fn the_api_import_is_sent_as_multipart_and_signed_unsigned_payload() {
    let server = Server::start(vec![Reply::json(202, r#"{ "task_id" : "d9ce8c9eede54b3f841ec324fe0bfdc2" }"#)]);
    let client = apig::Client::new(config(&server)).unwrap();
    let mut form = apig::ImportApiDefinitionsForm::new(FilePart::from_bytes(
        "api.yaml",
        "application/yaml",
        "swagger: \"2.0\"\ninfo: {title: t}\n",
    ));
    form.is_create_group = Some(false);
    form.group_id = Some("9100ae30705947cc9543d37cd7fb388c".into());
    form.mock_mode = Some(true);
    form.api_mode = Some(apig::ImportMode::Override);
    let response = client.import_api_definitions_async().instance_id("i-1").body(form).send().await.unwrap();
    assert_eq!((response.status(), response.task_id.as_deref()), (202, Some("d9ce8c9eede54b3f841ec324fe0bfdc2")));

    let request = &server.requests()[0];
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/v2/p1/apigw/instances/i-1/openapi/async-import")
    );
    assert_eq!(parts(request), [
        ("Content-Disposition: form-data; name=\"is_create_group\"".to_string(), "false".to_string()),
        ("Content-Disposition: form-data; name=\"group_id\"".to_string(), "9100ae30705947cc9543d37cd7fb388c".to_string()),
        ("Content-Disposition: form-data; name=\"mock_mode\"".to_string(), "true".to_string()),
        ("Content-Disposition: form-data; name=\"api_mode\"".to_string(), "override".to_string()),
        (
            "Content-Disposition: form-data; name=\"file_name\"; filename=\"api.yaml\"\r\nContent-Type: application/yaml".to_string(),
            "swagger: \"2.0\"\ninfo: {title: t}\n".to_string()
        ),
    ]);
    assert_eq!(request.header("X-Sdk-Content-Sha256"), Some("UNSIGNED-PAYLOAD"));
    let authorization = request.header("Authorization").unwrap();
    assert!(
        authorization
            .contains("SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-content-sha256;x-sdk-date")
    );
    assert_eq!(authorization, expected_authorization(request, AK, SK));
}

#[tokio::test]
async fn the_import_needs_its_file() {
    let server = Server::start(vec![]);
    let client = apig::Client::new(config(&server)).unwrap();
    let err = client.import_api_definitions_async().instance_id("i-1").send().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request, not sent: 1 documented rule(s) broken: body: is required but was not set"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn the_task_result_holds_json_read_through_an_accessor() {
    let body = r#"{ "task_id" : "f01d2772ea4944408fa544c8ae5a9999", "task_status" : "failed", "task_type" : "import_api", "task_result" : "{\"error_code\":\"APIG.3201\",\"error_msg\":\"The API group name already exists\"}" }"#;
    let server = Server::start(vec![Reply::json(200, body)]);
    let client = apig::Client::new(config(&server)).unwrap();
    let task = client.show_async_task_result().instance_id("i-1").task_id("t-1").send().await.unwrap().into_body();
    assert_eq!(server.requests()[0].target, "/v2/p1/apigw/instances/i-1/async-tasks/t-1");
    assert_eq!(task.task_status, Some(apig::AsyncTaskStatus::Failed));
    let result = task.task_result_json().unwrap().unwrap();
    assert_eq!(result["error_code"], "APIG.3201");
    let mut running = apig::ShowAsyncTaskResultResponse::default();
    running.task_result = Some(String::new());
    assert!(running.task_result_json().unwrap().is_err(), "an empty result is not JSON; the raw string stays");
}

#[tokio::test]
async fn the_keypair_is_disassociated_with_a_202_and_the_key_is_redacted() {
    let server = Server::start(vec![Reply::json(202, r#"{"task_id":"t-9","server_id":"s-1","status":"SUCCESS"}"#)]);
    let client = kps::Client::new(config(&server)).unwrap();
    let mut auth = kps::Auth::default();
    auth.type_ = Some(kps::AuthType::Keypair);
    auth.key = Some("-----BEGIN RSA PRIVATE KEY-----".into());
    let mut ecs = kps::DisassociateEcsServerInfo::new("d76baba7-ef09-40a2-87ff-3eafec0696e7");
    ecs.auth = Some(auth);
    let body = kps::DisassociateKeypairBody::new(ecs);
    assert!(!format!("{body:?}").contains("PRIVATE KEY"), "the private key never shows in Debug output");
    let response = client.disassociate_keypair().body(body).send().await.unwrap();
    assert_eq!((response.status(), response.status.clone()), (202, Some(kps::TaskDispatchStatus::Success)));
    let sent: serde_json::Value = serde_json::from_slice(&server.requests()[0].body).unwrap();
    assert_eq!(sent["server"]["auth"]["key"], "-----BEGIN RSA PRIVATE KEY-----", "sent as is");
}

#[tokio::test]
async fn sfs_turbo_errors_use_err_code_and_err_msg() {
    let server = Server::start(vec![
        Reply::json(404, r#"{ "errCode" : "SFS.TURBO.0001", "errMsg" : "parameter error" }"#)
            .header("X-request-id", "r-7"),
    ]);
    let client = sfsturbo::Client::new(config(&server)).unwrap();
    let Error::Api(api) = client.show_job_detail().job_id("j-1").send().await.unwrap_err() else { panic!() };
    assert_eq!(
        (api.status, api.code.as_deref(), api.message.as_deref()),
        (404, Some("SFS.TURBO.0001"), Some("parameter error"))
    );
    assert_eq!(api.request_id.as_deref(), Some("r-7"), "X-request-id, read case-insensitively");
}

#[tokio::test]
async fn job_times_are_read_as_timestamps_and_the_header_as_documented() {
    let body = r#"{ "job_id" : "26f6b565-xxxx-XXXX-xxxx-03f0bd975433", "status" : "success", "job_type" : "bind_ldap", "begin_time" : "2023-07-26 09:33:58", "end_time" : "2023-07-26 09:33:58" }"#;
    let server = Server::start(vec![Reply::json(200, body).header("X-request-id", "r-8")]);
    let client = sfsturbo::Client::new(config(&server)).unwrap();
    let response = client.show_job_detail().job_id("j-1").send().await.unwrap();
    assert_eq!(response.header("X-request-id"), Some("r-8"));
    let job = response.into_body();
    assert_eq!(job.job_id.as_deref(), Some("26f6b565-xxxx-XXXX-xxxx-03f0bd975433"), "a doc id with x's decodes");
    assert_eq!(job.begin_time_parsed().unwrap().unwrap().to_string(), "2023-07-26T09:33:58Z");
    assert_eq!(job.status, Some(sfsturbo::JobStatus::Success));
}

#[test]
fn render_task_times_and_the_constant_result_decode() {
    let task: cvr::RenderTask = serde_json::from_str(
        r#"{"task_id":"t","status":"finish","start_time":"2020-05-20T03:30:52Z","finish_reason":"server_deleted"}"#,
    )
    .unwrap();
    assert_eq!(task.start_time_parsed(), Some(Timestamp::parse_rfc3339("2020-05-20T03:30:52Z")));
    assert_eq!(task.finish_reason, Some(cvr::FinishReason::ServerDeleted));
    assert_eq!(task.finish_time_parsed(), None);

    let ok: unidentified::OperationResult = serde_json::from_str(r#"{"result":"success"}"#).unwrap();
    assert_eq!(ok.result, Some(unidentified::SuccessResult::Success));
    let odd: unidentified::OperationResult = serde_json::from_str(r#"{"result":"partial"}"#).unwrap();
    let odd = odd.result.expect("tolerated, not rejected");
    assert_eq!(odd, unidentified::SuccessResult::from("partial"));
    // The forward-compatible way to handle a value these docs do not list: a wildcard arm.
    let handled = match &odd {
        unidentified::SuccessResult::Success => "success".to_string(),
        other => format!("not yet documented: {}", other.as_str()),
    };
    assert_eq!(handled, "not yet documented: partial");
    assert_eq!(serde_json::to_string(&odd).unwrap(), r#""partial""#, "sent back unchanged");
    assert_eq!(unidentified::SuccessResult::try_parse("partial"), Err("partial"));
    assert_eq!(unidentified::SuccessResult::try_parse("success"), Ok(unidentified::SuccessResult::Success));
    use huaweicloud_client::runtime::Validate;
    let mut error = unidentified::UnidentifiedError::default();
    error.code = Some("4000".into());
    error.error_code = Some("SHORT".into());
    let broken: Vec<String> = error.validate().unwrap_err().violations.iter().map(ToString::to_string).collect();
    assert_eq!(broken, ["code: length 4 is outside 3..=3", "error_code: length 5 is outside 12..=12"]);
}
