//! The generated README's mock server example, verbatim (`mock.rs` checks that the README
//! holds this file's code): an application's function tested against the mock.

use huaweicloud_client::mock::{MockResponse, MockServer};
use huaweicloud_client::modelarts::{Client, ListNotebooksRequest, NotebookStatus};
use huaweicloud_client::runtime::Error;

/// The code under test: the names of the running notebooks.
async fn running_notebooks(client: &Client) -> Result<Vec<String>, Error> {
    let page = client.list_notebooks().status(NotebookStatus::Running).send().await?;
    Ok(page.data.iter().flatten().filter_map(|notebook| notebook.name.clone()).collect())
}

#[tokio::test]
async fn lists_the_running_notebooks() {
    let mock = MockServer::start().await.unwrap();
    let client = Client::new(mock.config().build().unwrap()).unwrap();

    // Unless told otherwise, the mock answers with the documented example...
    let names = running_notebooks(&client).await.unwrap();
    assert_eq!(names, ["notebook_5ee4bf0e", "notebooks_test"]);
    // ...after checking the request as the service would; here it is, read back.
    let sent = mock.requests::<ListNotebooksRequest>();
    assert_eq!(sent[0].status, Some(NotebookStatus::Running));

    // A test queues what the service answers next.
    let denied = r#"{"error_code":"ModelArts.0103","error_msg":"no permission"}"#;
    mock.respond::<ListNotebooksRequest>(MockResponse::json(403, denied));
    let err = running_notebooks(&client).await.unwrap_err();
    assert!(matches!(err, Error::Api(api) if api.code.as_deref() == Some("ModelArts.0103")));
}
