//! The examples of the generated crate, run as a user would run them: `list_notebooks` against a
//! loopback server, `mock_notebooks` against the mock it starts. `cargo test --workspace` builds
//! examples (with the features the workspace enables, `mock` included) before it runs tests.

use std::path::PathBuf;
use std::process::Command;

use huaweicloud_tests::server::{Reply, Server};

/// target/<profile>/examples/<name>, beside this test's own binary in .../deps/.
fn example_binary(name: &str) -> PathBuf {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    let binary = deps.parent().unwrap().join("examples").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is missing: run `cargo test --workspace`, which builds the examples",
        binary.display()
    );
    binary
}

fn run(server: &Server) -> std::process::Output {
    Command::new(example_binary("list_notebooks"))
        .args(["--endpoint", &server.url(), "--limit", "1"])
        .env("HUAWEICLOUD_SDK_AK", "EXAMPLEAK")
        .env("HUAWEICLOUD_SDK_SK", "EXAMPLESK")
        .env("HUAWEICLOUD_SDK_PROJECT_ID", "p1")
        .env_remove("HUAWEICLOUD_SDK_SECURITY_TOKEN")
        .output()
        .expect("the example runs")
}

#[test]
fn prints_every_notebook_across_pages() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"data":[{"id":"n1","name":"first","status":"RUNNING","flavor":"cpu.2u"}],"total":2}"#),
        Reply::json(200, r#"{"data":[{"id":"n2","name":"second","status":"NEW_STATE"}],"total":2}"#),
    ]);
    let output = run(&server);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "n1\tfirst\tRUNNING\tcpu.2u\nn2\tsecond\tNEW_STATE\t-\n2 notebook(s)\n"
    );
    let requests = server.requests();
    assert_eq!(requests[1].target, "/v1/p1/notebooks?limit=1&offset=1");
    assert!(requests[0].header("Authorization").unwrap().starts_with("SDK-HMAC-SHA256 Access=EXAMPLEAK,"));
}

#[test]
fn exits_non_zero_with_the_error_message() {
    let server = Server::start(vec![Reply::json(401, r#"{"error_code":"ModelArts.0002","error_msg":"Unauthorized"}"#)]);
    let output = run(&server);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "error: the service answered HTTP 401: ModelArts.0002: Unauthorized\n"
    );
}

#[test]
fn mock_notebooks_lists_the_documented_example_page_by_page() {
    let output = Command::new(example_binary("mock_notebooks")).output().expect("the example runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "f9937afa-ca78-45b6-bc12-7ecf42553c48\tnotebook_5ee4bf0e",
            "f9937afa-4451-42db-a76b-72d624749f66\tnotebooks_test"
        ]
    );
    assert!(lines[2].starts_with("2 request(s) to http://127.0.0.1:"), "one page per notebook: {stdout}");
}
