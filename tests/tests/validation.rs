//! The validators: documented examples pass, a crafted violation of each rule kind fails with
//! the field's path, every violation is reported, and no string value is echoed.

use huaweicloud_client::modelarts::*;
use huaweicloud_client::runtime::{Rule, Validate, ValidationError};
use huaweicloud_tests::repo_root;

const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

fn spec_example(op_id: &str, status: Option<u16>) -> String {
    let api = huaweicloud_codegen::lower_dir(&repo_root().join("spec")).expect("spec/ lowers");
    let modelarts = api.services.iter().find(|s| s.module == "modelarts").unwrap();
    let op = modelarts.operations.iter().find(|op| op.id == op_id).unwrap();
    match status {
        None => op.example_requests[0].clone(),
        Some(status) => op.responses.iter().find(|r| r.status == status).unwrap().examples[0].clone(),
    }
}

fn messages(err: ValidationError) -> Vec<String> {
    err.violations.iter().map(ToString::to_string).collect()
}

#[test]
fn the_documented_example_request_is_valid() {
    let body: CreateDevServerJobBody = serde_json::from_str(&spec_example("create_dev_server_job", None)).unwrap();
    let request = CreateDevServerJobRequest::new(PROJECT, body);
    assert_eq!(request.validate(), Ok(()));
}

/// Responses are read, never validated: a response type has no `Validate` impl at all, so a
/// service answering what its docs forbid is never refused, and the client compiles no check
/// it never runs. Decoding the documented examples is enough.
#[test]
fn documented_response_examples_decode_and_responses_carry_no_validation() {
    let sync: SyncDevServersResponse = serde_json::from_str(&spec_example("sync_dev_servers", Some(200))).unwrap();
    assert_eq!(sync.current, Some(0), "below the documented minimum of 1, and accepted");
    let hyper: Result<ListHyperinstancesResponse, _> =
        serde_json::from_str(&spec_example("list_hyperinstances", Some(200)));
    assert!(hyper.is_ok());
    let notebooks: Result<ListNotebooksResponse, _> = serde_json::from_str(&spec_example("list_notebooks", Some(200)));
    assert!(notebooks.is_ok());
}

#[test]
fn a_pattern_violation_names_the_field_and_the_pattern() {
    let request = SyncDevServersRequest::new("my project/1");
    let err = request.validate().unwrap_err();
    assert_eq!(err.violations[0].path, "project_id");
    assert_eq!(err.violations[0].rule, Rule::Pattern("^[a-zA-Z0-9-]{1,64}$"));
    assert!(!err.to_string().contains("my project"), "the value is never echoed: {err}");
}

#[test]
fn lengths_count_characters_not_bytes() {
    // A service of types alone: its types are validated, for applications that send them.
    let error = |code: String| {
        let mut error = huaweicloud_client::unidentified::UnidentifiedError::default();
        error.code = Some(code);
        error
    };
    assert_eq!(error("é".repeat(3)).validate(), Ok(()), "3 characters, 6 bytes");
    assert_eq!(messages(error("é".repeat(4)).validate().unwrap_err()), ["code: length 4 is outside 3..=3"]);
    assert_eq!(messages(error(String::new()).validate().unwrap_err()), ["code: length 0 is outside 3..=3"]);
}

#[test]
fn a_range_violation_reports_the_value_and_bounds() {
    let mut request = ListHyperinstancesRequest::new(PROJECT);
    request.limit = Some(0);
    assert_eq!(messages(request.validate().unwrap_err()), ["limit: value 0 is outside 1..=1024"]);
    let mut request = SyncDevServersRequest::new(PROJECT);
    request.limit = Some(1025);
    assert_eq!(messages(request.validate().unwrap_err()), ["limit: value 1025 is outside 0..=1024"]);
}

#[test]
fn a_closed_enum_rejects_an_unknown_value_in_a_request() {
    let mut request = ListNotebooksRequest::new(PROJECT);
    request.status = Some(NotebookStatus::from("SLEEPING"));
    request.sort_dir = Some(SortDir::Desc);
    let err = request.validate().unwrap_err();
    assert_eq!(err.violations.len(), 1);
    assert_eq!(err.violations[0].path, "status");
    assert!(matches!(err.violations[0].rule, Rule::OneOf(values) if values.contains(&"RUNNING")));
}

#[test]
fn nested_violations_carry_the_full_path() {
    use huaweicloud_client::kps;
    let mut auth = kps::Auth::default();
    auth.type_ = Some(kps::AuthType::from("otp"));
    let mut server = kps::DisassociateEcsServerInfo::new("s1");
    server.auth = Some(auth);
    let request = kps::DisassociateKeypairRequest::new(PROJECT, kps::DisassociateKeypairBody::new(server));
    assert_eq!(
        messages(request.validate().unwrap_err()),
        ["body.server.auth.type: is not one of the documented values password, keypair"]
    );
}

#[test]
fn the_error_message_lists_every_violation() {
    let mut request = SyncDevServersRequest::new("");
    request.owner = Some("UPPER".into());
    request.offset = Some(-1);
    request.sort_dir = Some(SortDir::from("UP"));
    assert_eq!(
        request.validate().unwrap_err().to_string(),
        "4 documented rule(s) broken: project_id: does not match the pattern ^[a-zA-Z0-9-]{1,64}$; \
         owner: does not match the pattern ^[a-z0-9-]{1,64}$; sort_dir: is not one of the documented values ASC, DESC; \
         offset: value -1 is outside 0..=2147483647"
    );
}
