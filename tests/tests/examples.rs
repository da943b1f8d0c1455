//! Every example body from the pages decodes into the generated types, serializes back to the
//! same JSON (so no documented field is missing from a type), and decodes again equal.

use std::collections::BTreeMap;
use std::fmt::Debug;

use huaweicloud_client::modelarts::*;
use huaweicloud_client::{apig, kps, sfsturbo};
use huaweicloud_tests::repo_root;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Decodes, re-encodes and decodes again; the JSON must survive unchanged.
fn roundtrip<T: DeserializeOwned + Serialize + PartialEq + Debug>(example: &str) {
    let original: Value = serde_json::from_str(example).expect("the example is JSON");
    let typed: T = serde_json::from_str(example).expect("the example decodes into its type");
    let encoded = serde_json::to_value(&typed).expect("the type encodes");
    assert_eq!(encoded, original, "a documented field was lost or changed on the way through the type");
    let again: T = serde_json::from_value(encoded).expect("the encoding decodes");
    assert_eq!(again, typed);
}

/// The generated type for each body type the spec names. A body type with an example but no
/// entry here fails the test, so a new operation cannot go unchecked.
fn decoders() -> BTreeMap<&'static str, fn(&str)> {
    BTreeMap::from([
        ("SyncDevServersResponse", roundtrip::<SyncDevServersResponse> as fn(&str)),
        ("ListHyperinstancesResponse", roundtrip::<ListHyperinstancesResponse>),
        ("DevServerJobResponse", roundtrip::<DevServerJobResponse>),
        ("ListNotebooksResponse", roundtrip::<ListNotebooksResponse>),
        ("CreateDevServerJobBody", roundtrip::<CreateDevServerJobBody>),
        ("ModelArtsError", roundtrip::<ModelArtsError>),
        ("DisassociateKeypairBody", roundtrip::<kps::DisassociateKeypairBody>),
        ("ShowJobDetailResponse", roundtrip::<sfsturbo::ShowJobDetailResponse>),
        ("SfsTurboError", roundtrip::<sfsturbo::SfsTurboError>),
        ("ShowAsyncTaskResultResponse", roundtrip::<apig::ShowAsyncTaskResultResponse>),
        ("ImportApiDefinitionsAsyncResponse", roundtrip::<apig::ImportApiDefinitionsAsyncResponse>),
        ("ApigError", roundtrip::<apig::ApigError>),
    ])
}

#[test]
fn every_example_from_the_pages_roundtrips_through_its_type() {
    let api = huaweicloud_codegen::lower_dir(&repo_root().join("spec")).expect("spec/ lowers");
    let decoders = decoders();
    let mut checked = Vec::new();
    for service in &api.services {
        for op in &service.operations {
            let request = op.body.iter().flat_map(|b| op.example_requests.iter().map(move |e| (&b.ty, e)));
            let responses = op
                .responses
                .iter()
                .flat_map(|r| r.body.iter().flat_map(move |ty| r.examples.iter().map(move |e| (ty, e))));
            for (ty, example) in request.chain(responses) {
                let Some(ident) = service.struct_def_of(ty).map(|s| &s.ident) else {
                    panic!("{}: example for a non-struct body", op.id)
                };
                let decode = decoders.get(ident.as_str()).unwrap_or_else(|| panic!("add {ident} to decoders()"));
                decode(example);
                checked.push(format!("{}: {ident}", op.id));
            }
        }
    }
    assert_eq!(
        checked,
        [
            "show_async_task_result: ShowAsyncTaskResultResponse",
            "show_async_task_result: ShowAsyncTaskResultResponse",
            "show_async_task_result: ShowAsyncTaskResultResponse",
            "show_async_task_result: ShowAsyncTaskResultResponse",
            "show_async_task_result: ShowAsyncTaskResultResponse",
            "show_async_task_result: ApigError",
            "show_async_task_result: ApigError",
            "show_async_task_result: ApigError",
            "show_async_task_result: ApigError",
            "show_async_task_result: ApigError",
            "import_api_definitions_async: ImportApiDefinitionsAsyncResponse",
            "import_api_definitions_async: ApigError",
            "import_api_definitions_async: ApigError",
            "import_api_definitions_async: ApigError",
            "import_api_definitions_async: ApigError",
            "disassociate_keypair: DisassociateKeypairBody",
            "disassociate_keypair: DisassociateKeypairBody",
            "sync_dev_servers: SyncDevServersResponse",
            "list_hyperinstances: ListHyperinstancesResponse",
            "create_dev_server_job: CreateDevServerJobBody",
            "create_dev_server_job: DevServerJobResponse",
            "list_notebooks: ListNotebooksResponse",
            "show_job_detail: ShowJobDetailResponse",
            "show_job_detail: SfsTurboError",
            "show_job_detail: SfsTurboError",
            "show_job_detail: SfsTurboError",
        ]
    );
}

fn notebooks_example() -> Value {
    let api = huaweicloud_codegen::lower_dir(&repo_root().join("spec")).expect("spec/ lowers");
    let modelarts = api.services.iter().find(|s| s.module == "modelarts").unwrap();
    let op = modelarts.operations.iter().find(|op| op.id == "list_notebooks").unwrap();
    serde_json::from_str(&op.responses[0].examples[0]).unwrap()
}

#[test]
fn unknown_fields_and_enum_values_in_responses_decode() {
    let mut example = notebooks_example();
    example["added_by_a_newer_service"] = json!({ "nested": [1, 2, 3] });
    example["data"][0]["hibernation"] = json!(true);
    example["data"][0]["status"] = json!("HIBERNATING");
    example["data"][0]["volume"]["category"] = json!("NFS");

    let page: ListNotebooksResponse = serde_json::from_value(example).expect("unknown fields and values are tolerated");
    let first = &page.data.as_ref().unwrap()[0];
    assert_eq!(first.status, Some(NotebookStatus::from("HIBERNATING")));
    assert_eq!(first.volume.as_ref().unwrap().category, Some(VolumeCategory::from("NFS")));
    assert_eq!(page.data.as_ref().unwrap()[1].status, Some(NotebookStatus::Creating));

    let encoded = serde_json::to_value(&page).unwrap();
    assert_eq!(encoded["data"][0]["status"], "HIBERNATING", "an unknown value is sent back as received");
    assert_eq!(encoded["data"][0]["volume"]["category"], "NFS");
}

#[test]
fn a_notebook_token_never_shows_in_debug_output() {
    let page: ListNotebooksResponse = serde_json::from_value(notebooks_example()).unwrap();
    let token = page.data.as_ref().unwrap()[0].token.as_ref().unwrap();
    assert_eq!(token.expose(), "58ba50c6-e8ff-245c-4840-49e51aa70737");
    let debug = format!("{page:?}");
    assert!(!debug.contains("58ba50c6") && !debug.contains("3eff13f2"), "{debug}");
    assert!(debug.contains("token: Some(** redacted **)"), "{debug}");
}

#[test]
fn enums_convert_to_and_from_their_wire_values() {
    assert_eq!(NotebookStatus::CreateFailed.as_str(), "CREATE_FAILED");
    assert_eq!("CREATE_FAILED".parse::<NotebookStatus>(), Ok(NotebookStatus::CreateFailed));
    assert_eq!(NotebookStatus::from("LATER").to_string(), "LATER");
    assert_eq!(SortKey::from("createTime"), SortKey::CreateTime);
    assert_eq!(ImageServiceType::UnknownValue.as_str(), "UNKNOWN", "a documented UNKNOWN is not the catch-all");
    assert_eq!(ImageServiceType::from("UNKNOWN"), ImageServiceType::UnknownValue);
    assert_eq!(NotebookStatus::VALUES.len(), 14);
}
