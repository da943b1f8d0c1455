//! Lists every notebook instance of a project, all pages, signing with AK/SK.
//!
//! ```sh
//! export HUAWEICLOUD_SDK_AK=… HUAWEICLOUD_SDK_SK=… HUAWEICLOUD_SDK_PROJECT_ID=…
//! cargo run -p huaweicloud-client --example list_notebooks -- --endpoint https://modelarts.cn-north-4.myhuaweicloud.com [--limit 50]
//! ```
//!
//! `HUAWEICLOUD_SDK_SECURITY_TOKEN` is used too when set (temporary credentials). Exits with
//! status 1 and the error's message when a call fails.

use std::process::ExitCode;

use futures_util::StreamExt;
use huaweicloud_client::modelarts::Client;
use huaweicloud_client::runtime::{Config, Error};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(count) => {
            println!("{count} notebook(s)");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<usize, String> {
    let (endpoint, limit) = arguments()?;
    let config = Config::from_env().endpoint(endpoint).build().map_err(|err| err.to_string())?;
    let client = Client::new(config).map_err(|err| err.to_string())?;
    let mut call = client.list_notebooks();
    if let Some(limit) = limit {
        call = call.limit(limit);
    }
    let mut notebooks = std::pin::pin!(call.into_stream());
    let mut count = 0;
    while let Some(notebook) = notebooks.next().await {
        let notebook = notebook.map_err(|err: Error| err.to_string())?;
        let field = |value: Option<String>| value.unwrap_or_else(|| "-".into());
        println!(
            "{}\t{}\t{}\t{}",
            field(notebook.id),
            field(notebook.name),
            field(notebook.status.map(|status| status.to_string())),
            field(notebook.flavor)
        );
        count += 1;
    }
    Ok(count)
}

fn arguments() -> Result<(String, Option<i32>), String> {
    const USAGE: &str = "usage: list_notebooks --endpoint URL [--limit N]";
    let mut endpoint = None;
    let mut limit = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(USAGE)?;
        match arg.as_str() {
            "--endpoint" => endpoint = Some(value),
            "--limit" => limit = Some(value.parse().map_err(|_| format!("--limit takes a number, found {value:?}"))?),
            _ => return Err(USAGE.into()),
        }
    }
    Ok((endpoint.ok_or(USAGE)?, limit))
}
