//! The newcomer's path, from the README alone: a crate made in a temporary directory of the
//! four files README's build.rs section shows (its `Cargo.toml`, `build.rs`, `src/lib.rs` and
//! `src/main.rs`, copied from the README, with `../huaweicloud-rust` pointing at this
//! checkout) and the repository's spec, built with cargo and run against a loopback server;
//! built once as the README writes it (edition 2021) and once as edition 2024.

use std::path::{Path, PathBuf};
use std::process::Command;

use huaweicloud_tests::repo_root;
use huaweicloud_tests::server::{Reply, Server};

/// The fenced code blocks of README's build.rs section, each with its first line (the file it
/// is, as a comment: `# Cargo.toml`, `// build.rs: …`).
fn readme_blocks() -> Vec<String> {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let section = readme.split("## Using the generator from a build script").nth(1).expect("the section exists");
    let section = section.split("\n## ").next().unwrap();
    section.split("```").skip(1).step_by(2).map(|block| block.split_once('\n').unwrap().1.to_string()).collect()
}

/// The block whose first line names `file`.
fn block<'a>(blocks: &'a [String], file: &str) -> &'a str {
    blocks
        .iter()
        .find(|b| b.lines().next().is_some_and(|first| first.contains(file)))
        .unwrap_or_else(|| panic!("README shows no {file}"))
}

fn newcomer_crate(dir: &Path, edition: &str) {
    let root = repo_root();
    let blocks = readme_blocks();
    let checkout = root.to_str().unwrap();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = block(&blocks, "Cargo.toml").replace("../huaweicloud-rust", checkout);
    assert!(manifest.contains("edition = \"2021\""), "the README's crate states its edition");
    let manifest = manifest.replace("edition = \"2021\"", &format!("edition = \"{edition}\""));
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.join("build.rs"), block(&blocks, "build.rs")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), block(&blocks, "src/lib.rs")).unwrap();
    std::fs::write(dir.join("src/main.rs"), block(&blocks, "src/main.rs")).unwrap();
    // The workspace's versions, so the build needs no network.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    for spec in huaweicloud_codegen::load::spec_paths(&root.join("spec")).unwrap() {
        std::fs::copy(&spec, dir.join("spec").join(spec.file_name().unwrap())).unwrap();
    }
}

fn target_dir() -> PathBuf {
    // This test runs from target/<profile>/deps/.
    std::env::current_exe().unwrap().ancestors().nth(3).expect("target/<profile>/deps/<test>").to_path_buf()
}

#[test]
fn the_readme_s_build_script_crate_builds_and_calls_the_service() {
    for edition in ["2021", "2024"] {
        build_and_run(edition);
    }
}

fn build_and_run(edition: &str) {
    let dir = std::env::temp_dir().join(format!("hwc-newcomer-{}-{edition}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    newcomer_crate(&dir, edition);
    let target = target_dir();
    let build = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet", "--target-dir"])
        .arg(&target)
        .current_dir(&dir)
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "the README's crate does not build as edition {edition}:\n{stderr}");
    assert!(!stderr.contains("warning"), "the README's crate builds with warnings as edition {edition}:\n{stderr}");

    let server = Server::start(vec![
        Reply::json(200, r#"{"data":[{"id":"n1"},{"id":"n2"}],"total":2}"#).header("X-Request-Id", "r-9"),
    ]);
    let run = Command::new(target.join("debug/my-app"))
        .env("HUAWEICLOUD_SDK_AK", "AK")
        .env("HUAWEICLOUD_SDK_SK", "SK")
        .env("HUAWEICLOUD_SDK_PROJECT_ID", "p1")
        .env("HUAWEICLOUD_SDK_ENDPOINT", server.url())
        .env_remove("HUAWEICLOUD_SDK_REGION")
        .env_remove("HUAWEICLOUD_SDK_SECURITY_TOKEN")
        .output()
        .expect("the app runs");
    assert!(run.status.success(), "the app failed: {}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(String::from_utf8_lossy(&run.stdout), "2 notebook(s), request id Some(\"r-9\")\n");
    let request = &server.requests()[0];
    assert_eq!(request.target, "/v1/p1/notebooks?limit=10");
    assert!(request.header("Authorization").is_some_and(|auth| auth.starts_with("SDK-HMAC-SHA256 Access=AK")));
    std::fs::remove_dir_all(&dir).unwrap();
}
