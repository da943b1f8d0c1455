//! Lists the notebooks of a mock server standing in for ModelArts: what a test of an
//! application does, with no cloud account.
//!
//! ```sh
//! cargo run -p huaweicloud-client --example mock_notebooks --features mock
//! ```
//!
//! The mock answers with the page's documented example, page by page (the limit is 1 here, so
//! each notebook is a page), after verifying each request's AK/SK signature.

use futures_util::StreamExt;
use huaweicloud_client::mock::MockServer;
use huaweicloud_client::modelarts::{Client, ListNotebooksRequest};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mock = MockServer::start().await?;
    let client = Client::new(mock.config().build()?)?;
    let mut notebooks = std::pin::pin!(client.list_notebooks().limit(1).into_stream());
    while let Some(notebook) = notebooks.next().await {
        let notebook = notebook?;
        let field = |value: Option<String>| value.unwrap_or_else(|| "-".into());
        println!("{}\t{}", field(notebook.id), field(notebook.name));
    }
    println!("{} request(s) to {}", mock.requests::<ListNotebooksRequest>().len(), mock.endpoint());
    Ok(())
}
