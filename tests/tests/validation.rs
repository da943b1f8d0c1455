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
    let request = CreateDevServerJobRequest { project_id: PROJECT.into(), body };
    assert_eq!(request.validate(), Ok(()));
}

/// Where a page's example contradicts the page's own rules, validate() says so; decoding never
/// does. The list is pinned so a transcription change that alters it is seen in review.
#[test]
fn documented_response_examples_against_their_own_rules() {
    let sync: SyncDevServersResponse = serde_json::from_str(&spec_example("sync_dev_servers", Some(200))).unwrap();
    assert_eq!(messages(sync.validate().unwrap_err()), ["current: value 0 is outside 1..=2097152"]);
    let hyper: ListHyperinstancesResponse =
        serde_json::from_str(&spec_example("list_hyperinstances", Some(200))).unwrap();
    assert_eq!(hyper.validate(), Ok(()));
    let notebooks: ListNotebooksResponse = serde_json::from_str(&spec_example("list_notebooks", Some(200))).unwrap();
    assert_eq!(notebooks.validate(), Ok(()));
}

#[test]
fn a_pattern_violation_names_the_field_and_the_pattern() {
    let request = SyncDevServersRequest { project_id: "my project/1".into(), ..Default::default() };
    let err = request.validate().unwrap_err();
    assert_eq!(err.violations[0].path, "project_id");
    assert_eq!(err.violations[0].rule, Rule::Pattern("^[a-zA-Z0-9-]{1,64}$"));
    assert!(!err.to_string().contains("my project"), "the value is never echoed: {err}");
}

#[test]
fn lengths_count_characters_not_bytes() {
    let image = |name: String| ServerImageResponse { name: Some(name), ..Default::default() };
    assert_eq!(image("é".repeat(256)).validate(), Ok(()), "256 characters, 512 bytes");
    assert_eq!(messages(image("é".repeat(257)).validate().unwrap_err()), ["name: length 257 is outside 1..=256"]);
    assert_eq!(messages(image(String::new()).validate().unwrap_err()), ["name: length 0 is outside 1..=256"]);
}

#[test]
fn a_range_violation_reports_the_value_and_bounds() {
    let request = ListHyperinstancesRequest { project_id: PROJECT.into(), limit: Some(0), ..Default::default() };
    assert_eq!(messages(request.validate().unwrap_err()), ["limit: value 0 is outside 1..=1024"]);
    let request = SyncDevServersRequest { project_id: PROJECT.into(), limit: Some(1025), ..Default::default() };
    assert_eq!(messages(request.validate().unwrap_err()), ["limit: value 1025 is outside 0..=1024"]);
}

#[test]
fn an_item_count_violation_reports_the_count() {
    let endpoints = Endpoints { allowed_access_ips: Some(vec!["10.0.0.1".into(); 1025]), ..Default::default() };
    assert_eq!(messages(endpoints.validate().unwrap_err()), ["allowed_access_ips: 1025 item(s) is outside 0..=1024"]);
    let endpoints = Endpoints { ssh_keys: Some(vec!["key".into(); 1024]), ..Default::default() };
    assert_eq!(endpoints.validate(), Ok(()));
}

#[test]
fn a_closed_enum_rejects_an_unknown_value_in_a_request() {
    let request = ListNotebooksRequest {
        project_id: PROJECT.into(),
        status: Some(NotebookStatus::from("SLEEPING")),
        sort_dir: Some(SortDir::Desc),
        ..Default::default()
    };
    let err = request.validate().unwrap_err();
    assert_eq!(err.violations.len(), 1);
    assert_eq!(err.violations[0].path, "status");
    assert!(matches!(err.violations[0].rule, Rule::OneOf(values) if values.contains(&"RUNNING")));
    // An open enum (values from the SDK) accepts what the docs do not list.
    let image = ServerImageResponse { arch: Some(ServerImageArch::from("RISCV")), ..Default::default() };
    assert_eq!(image.validate(), Ok(()));
}

#[test]
fn nested_violations_carry_the_full_path_and_all_are_reported() {
    let mut page: ListHyperinstancesResponse =
        serde_json::from_str(&spec_example("list_hyperinstances", Some(200))).unwrap();
    let instance = &mut page.data.as_mut().unwrap()[0];
    instance.name = Some("has spaces".into());
    let server = &mut instance.servers.as_mut().unwrap()[0];
    server.cloud_server.as_mut().unwrap().id = Some("not-a-uuid".into());
    server.image.as_mut().unwrap().name = Some(String::new());
    assert_eq!(
        messages(page.validate().unwrap_err()),
        [
            "data[0].name: does not match the pattern ^[-_.a-zA-Z0-9]{1,64}$",
            "data[0].servers[0].cloud_server.id: does not match the pattern ^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
            "data[0].servers[0].image.name: length 0 is outside 1..=256",
        ]
    );
}

#[test]
fn the_error_message_lists_every_violation() {
    let request = SyncDevServersRequest {
        project_id: String::new(),
        owner: Some("UPPER".into()),
        offset: Some(-1),
        sort_dir: Some(SortDir::from("UP")),
        ..Default::default()
    };
    assert_eq!(
        request.validate().unwrap_err().to_string(),
        "4 documented rule(s) broken: project_id: does not match the pattern ^[a-zA-Z0-9-]{1,64}$; \
         owner: does not match the pattern ^[a-z0-9-]{1,64}$; sort_dir: is not one of the documented values ASC, DESC; \
         offset: value -1 is outside 0..=2147483647"
    );
}
