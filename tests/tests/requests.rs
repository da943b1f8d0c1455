//! Method, path, query string and body rendered from the request types.

use huaweicloud_client::modelarts::*;
use huaweicloud_client::runtime::{Body, Method, Operation};

#[test]
fn query_parameters_carry_their_wire_names() {
    // Generated structs are `#[non_exhaustive]`: made by `new` (the required fields), then
    // the optional ones set on their public fields.
    let mut request = ListNotebooksRequest::new("p1");
    request.status = Some(NotebookStatus::Running);
    request.limit = Some(50);
    request.name = Some("my nb,1".into());
    request.workspace_id = Some("0".into());
    assert_eq!(ListNotebooksRequest::METHOD, Method::Get);
    assert_eq!(ListNotebooksRequest::PATH_TEMPLATE, "/v1/{project_id}/notebooks");
    assert_eq!(request.target(), "/v1/p1/notebooks?limit=50&name=my%20nb%2C1&status=RUNNING&workspace_id=0");
}

#[test]
fn the_target_has_the_query_as_sent_sorted_by_name_not_in_spec_order() {
    let mut request = SyncDevServersRequest::new("p1");
    request.owner = Some("me".into());
    request.offset = Some(0);
    request.limit = Some(10);
    let spec_order: Vec<&str> = request.query().pairs().iter().map(|(name, _)| *name).collect();
    assert_eq!(spec_order, ["owner", "offset", "limit"]);
    assert_eq!(request.target(), "/v1/p1/dev-servers/sync?limit=10&offset=0&owner=me");
}

#[test]
fn path_parameters_are_percent_encoded() {
    let request = SyncDevServersRequest::new("a/b c");
    assert_eq!(SyncDevServersRequest::METHOD, Method::Put);
    assert_eq!(request.target(), "/v1/a%2Fb%20c/dev-servers/sync");
}

#[test]
fn a_request_without_parameters_set_has_no_query_string() {
    let request = ListHyperinstancesRequest::new("p1");
    assert_eq!(request.target(), "/v1/p1/dev-servers/hyperinstance");
    assert_eq!(request.body().unwrap(), Body::Empty);
}

#[test]
fn the_body_is_the_documented_json() {
    let mut item = DevServerJobItem::default();
    item.type_ = Some("HDK_UPGRADE".into());
    item.spec = Some([("version".to_string(), "24.1.rc3.10".to_string())].into());
    let server_ids = vec!["66d210bc-023c-490a-8664-afd321a163ad".to_string()];
    let mut body = CreateDevServerJobBody::new("hdk_upgrade_task", server_ids, "HDK_UPGRADE", vec![item]);
    body.description = Some("Task description.".into());
    let request = CreateDevServerJobRequest::new("p1", body);
    assert_eq!(CreateDevServerJobRequest::METHOD, Method::Post);
    let Body::Json(bytes) = request.body().unwrap() else { panic!("a JSON body") };
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        r#"{"name":"hdk_upgrade_task","description":"Task description.","server_ids":["66d210bc-023c-490a-8664-afd321a163ad"],"type":"HDK_UPGRADE","items":[{"type":"HDK_UPGRADE","spec":{"version":"24.1.rc3.10"}}]}"#
    );
}

/// A builder's setters: `x(value)` sets, `set_x(Option)` sets or clears; the client's project
/// ID fills `project_id` when the call sets none; a required parameter left unset is named.
#[test]
fn builders_set_and_clear_parameters_and_take_the_client_s_project() {
    let config = huaweicloud_client::runtime::Config::builder()
        .endpoint("https://modelarts.example.com")
        .project_id("client-project")
        .credentials(huaweicloud_client::runtime::Credentials::aksk("AK", "SK"))
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();
    let request = client.list_notebooks().limit(10).set_limit(None).set_name(Some("nb".into())).into_request().unwrap();
    assert_eq!(
        (request.project_id.as_str(), request.limit, request.name.as_deref()),
        ("client-project", None, Some("nb"))
    );
    let request = client.list_notebooks().project_id("own").into_request().unwrap();
    assert_eq!(request.project_id, "own");
    let missing = client.create_dev_server_job().into_request().unwrap_err();
    assert_eq!(
        missing.to_string(),
        "invalid request, not sent: 1 documented rule(s) broken: body: is required but was not set"
    );
}
