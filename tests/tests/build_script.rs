//! The build.rs mode, driven through cargo as a user's build would be: a copy of
//! `tests/consumer` in a temporary directory, built with the workspace's target directory (so
//! dependencies are reused) and cargo's JSON messages read for what was rebuilt.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use huaweicloud_tests::repo_root;

struct Build {
    /// Whether cargo reused the consumer library as it was.
    lib_fresh: bool,
    /// When the build script last ran (cargo rewrites its `output` file on each run).
    script_ran_at: SystemTime,
}

fn target_dir() -> PathBuf {
    // This test runs from target/<profile>/deps/.
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).expect("target/<profile>/deps/<test>").to_path_buf()
}

/// A consumer crate with its own copy of the spec, so the test can edit it.
fn consumer_copy() -> PathBuf {
    let root = repo_root();
    let dir = std::env::temp_dir().join(format!("hwc-consumer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    let consumer = root.join("tests/consumer");
    let manifest = std::fs::read_to_string(consumer.join("Cargo.toml")).unwrap();
    let manifest = manifest
        .replace("path = \"../../generator\"", &format!("path = {:?}", root.join("generator")))
        .replace("path = \"../../generated\"", &format!("path = {:?}", root.join("generated")))
        .replace("path = \"..\"", &format!("path = {:?}", root.join("tests")));
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    let build = std::fs::read_to_string(consumer.join("build.rs")).unwrap().replace("\"../../spec\"", "\"spec\"");
    std::fs::write(dir.join("build.rs"), build).unwrap();
    std::fs::copy(consumer.join("src/lib.rs"), dir.join("src/lib.rs")).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    for spec in huaweicloud_codegen::load::spec_paths(&root.join("spec")).unwrap() {
        std::fs::copy(&spec, dir.join("spec").join(spec.file_name().unwrap())).unwrap();
    }
    dir
}

fn cargo_build(dir: &Path) -> Result<Build, String> {
    let output = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--message-format=json", "--target-dir"])
        .arg(target_dir())
        .current_dir(dir)
        .output()
        .expect("cargo runs");
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let (mut lib_fresh, mut out_dir) = (None, None);
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let message: serde_json::Value = serde_json::from_str(line).unwrap();
        if !message["package_id"].as_str().unwrap_or_default().contains("huaweicloud-consumer") {
            continue;
        }
        match message["reason"].as_str() {
            Some("compiler-artifact") if message["target"]["kind"][0] == "lib" => {
                lib_fresh = message["fresh"].as_bool()
            }
            Some("build-script-executed") => out_dir = message["out_dir"].as_str().map(PathBuf::from),
            _ => {}
        }
    }
    let output_file = out_dir.expect("the build script's run is reported").parent().unwrap().join("output");
    Ok(Build {
        lib_fresh: lib_fresh.expect("the consumer library is reported"),
        script_ran_at: std::fs::metadata(output_file).unwrap().modified().unwrap(),
    })
}

#[test]
fn the_build_script_reruns_only_when_a_spec_file_changes() {
    let dir = consumer_copy();
    let first = cargo_build(&dir).unwrap();
    assert!(!first.lib_fresh, "a new crate is compiled");

    let second = cargo_build(&dir).unwrap();
    assert!(second.lib_fresh, "nothing changed: the consumer is not recompiled");
    assert_eq!(second.script_ran_at, first.script_ran_at, "nothing changed: the build script did not run");

    let spec = dir.join("spec/modelarts.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(
        &spec,
        text.replace("summary: Create a DevServer job.", "summary: Create a DevServer job (edited)."),
    )
    .unwrap();
    let third = cargo_build(&dir).unwrap();
    assert!(third.script_ran_at > second.script_ran_at, "the edited spec reran the build script");
    assert!(!third.lib_fresh, "and the consumer was rebuilt with the new client");

    // A spec error fails the build with the message the CLI prints for the same spec.
    std::fs::write(&spec, text.replace("regex: '^[a-zA-Z0-9]{1,64}$'", "regex: '^[a-zA-Z0-9{1,64}$'")).unwrap();
    let stderr = cargo_build(&dir).err().expect("a broken spec fails the build");
    let cli = Command::new(env!("CARGO"))
        .args(["run", "-q", "--offline", "--manifest-path"])
        .arg(repo_root().join("Cargo.toml"))
        .args(["-p", "huaweicloud-codegen", "--", "check", "--spec", "spec", "--out", "unused"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(2), "the CLI exits 2 on a spec error");
    let cli_message = String::from_utf8(cli.stderr).unwrap();
    let first_error = cli_message.lines().find(|line| line.starts_with("error: ")).unwrap();
    assert!(first_error.starts_with("error: spec/modelarts.yaml:"), "{cli_message}");
    assert!(first_error.contains("patterns[order_id].regex: expected a regular expression"), "{first_error}");
    assert!(stderr.contains(first_error), "the build shows the CLI's message {first_error:?}:\n{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
