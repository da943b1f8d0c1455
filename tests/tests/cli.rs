//! The command line as a user runs it: generate, check, exit codes, and a spec error that
//! leaves the output directory exactly as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use huaweicloud_tests::repo_root;

fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(["run", "-q", "--offline", "--manifest-path"])
        .arg(repo_root().join("Cargo.toml"))
        .args(["-p", "huaweicloud-codegen", "--"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cargo runs the CLI")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hwc-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    for spec in huaweicloud_codegen::load::spec_paths(&repo_root().join("spec")).unwrap() {
        std::fs::copy(&spec, dir.join("spec").join(spec.file_name().unwrap())).unwrap();
    }
    dir
}

/// Every file under `dir` with its bytes and modification time.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push((path.clone(), std::fs::read(&path).unwrap(), path.metadata().unwrap().modified().unwrap()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn generate_then_check_and_the_exit_codes() {
    let dir = scratch("codes");
    let generate = cli(&dir, &["generate", "--out", "client"]);
    assert!(generate.status.success(), "{}", String::from_utf8_lossy(&generate.stderr));
    assert!(String::from_utf8_lossy(&generate.stdout).contains("file(s) written, 0 removed, 0 unchanged"));
    assert_eq!(cli(&dir, &["check", "--out", "client"]).status.code(), Some(0));

    let again = cli(&dir, &["generate", "--out", "client"]);
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("0 file(s) written, 0 removed,"), "nothing rewritten");

    std::fs::write(dir.join("client/src/lib.rs"), "// hand edit\n").unwrap();
    let check = cli(&dir, &["check", "--out", "client"]);
    assert_eq!(check.status.code(), Some(1), "stale");
    assert!(String::from_utf8_lossy(&check.stdout).contains("differs: src/lib.rs"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_spec_error_leaves_the_output_exactly_as_it_was() {
    let dir = scratch("broken");
    assert!(cli(&dir, &["generate", "--out", "client"]).status.success());
    let before = tree(&dir.join("client"));

    let spec = dir.join("spec/modelarts.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, text.replace("type: SyncDevServersResponse", "type: SyncDevServersResponze")).unwrap();
    let failed = cli(&dir, &["generate", "--out", "client"]);
    assert_eq!(failed.status.code(), Some(2));
    let stderr = String::from_utf8(failed.stderr).unwrap();
    let error = "found unknown type `SyncDevServersResponze`";
    assert!(
        stderr.lines().any(|line| line.starts_with("error: spec/modelarts.yaml:") && line.ends_with(error)),
        "{stderr}"
    );
    assert_eq!(tree(&dir.join("client")), before, "bytes and modification times unchanged");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_version_and_bad_arguments() {
    let dir = scratch("help");
    let help = cli(&dir, &["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for command in ["generate", "check", "lint", "diff", "import"] {
        assert!(text.contains(command), "--help lists {command}:\n{text}");
    }
    let import_help = cli(&dir, &["import", "--help"]);
    assert!(String::from_utf8_lossy(&import_help.stdout).contains("--service"));
    let version = cli(&dir, &["--version"]);
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), concat!("huaweicloud-codegen ", "0.1.0"));
    assert_eq!(cli(&dir, &["generate", "--frobnicate"]).status.code(), Some(2), "an unknown flag is a bad argument");
    assert_eq!(cli(&dir, &["import", "--service", "x"]).status.code(), Some(2), "import needs pages");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_exit_codes_say_whether_every_page_imported() {
    let dir = scratch("import");
    let seed = repo_root().join("tests/fixtures/pages/seeds/003_a060427fcb86ff5e.txt");
    let seed = seed.to_str().unwrap();
    let ok = cli(&dir, &["import", "--service", "drafted", seed]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("imported create_devserver_job"));
    assert_eq!(cli(&dir, &["lint"]).status.code(), Some(0), "the draft lints without errors");

    std::fs::write(dir.join("broken.html"), b"\xff\xfe").unwrap();
    let failed = cli(&dir, &["import", "--service", "other", "broken.html", seed]);
    assert_eq!(failed.status.code(), Some(1), "a page failed, the others imported");
    assert_eq!(cli(&dir, &["import", "--service", "Not-Snake", seed]).status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn drift_exit_codes_say_whether_a_page_drifted() {
    let dir = scratch("drift");
    let seeds = [
        "000_18e11c51bdd59ba6.txt",
        "001_7178ca42a96c6db6.txt",
        "003_a060427fcb86ff5e.txt",
        "004_b716a76a3ef0bbc9.txt",
    ];
    let seeds: Vec<String> =
        seeds.iter().map(|s| repo_root().join("tests/fixtures/pages/seeds").join(s).display().to_string()).collect();
    let seeds: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let clean = cli(&dir, &[&["drift", "--fail-on-drift"], &seeds[..]].concat());
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stderr));
    assert!(String::from_utf8_lossy(&clean.stdout).contains("0 operation(s) drifted, 0 new, 0 gone"));

    let other = repo_root().join("tests/fixtures/pages/drift/base/en-us_topic_0175597846.html");
    let other = other.to_str().unwrap();
    assert_eq!(cli(&dir, &["drift", other]).status.code(), Some(0), "drift alone reports");
    let new = cli(&dir, &["drift", "--fail-on-drift", "--format", "json", other]);
    assert_eq!(new.status.code(), Some(1), "a page of an operation the spec lacks is drift");
    let json: serde_json::Value = serde_json::from_slice(&new.stdout).expect("JSON");
    assert_eq!(json["pages"][0]["outcome"], "new");
    assert_eq!(cli(&dir, &["drift", "missing.html"]).status.code(), Some(2), "a page that cannot be read");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_update_applies_a_changed_page() {
    let dir = scratch("update");
    let base = repo_root().join("tests/fixtures/pages/drift/base/en-us_topic_0175597846.html");
    let narrowed = repo_root().join("tests/fixtures/pages/drift/range_narrowed/en-us_topic_0175597846.html");
    let imported = cli(&dir, &["import", "--service", "ecs", base.to_str().unwrap()]);
    assert_eq!(imported.status.code(), Some(0), "{}", String::from_utf8_lossy(&imported.stderr));
    let updated = cli(&dir, &["import", "--update", "--service", "ecs", narrowed.to_str().unwrap()]);
    assert_eq!(updated.status.code(), Some(0), "{}", String::from_utf8_lossy(&updated.stderr));
    assert!(String::from_utf8_lossy(&updated.stdout).contains("updated query_ecs_groups: 1 row(s) changed"));
    let clean = cli(&dir, &["drift", "--fail-on-drift", narrowed.to_str().unwrap()]);
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stdout));
    assert_eq!(
        cli(&dir, &["import", "--update", "--service", "absent", base.to_str().unwrap()]).status.code(),
        Some(2)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
