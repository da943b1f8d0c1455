//! The construct fixtures are snapshots of emitted code; this checks that code also compiles
//! and documents warning-free: all fixtures generate one crate, built and documented with the
//! workspace's target directory (rustdoc reads the doc comments the spec's text became).

use std::process::Command;

use huaweicloud_tests::repo_root;

#[test]
fn the_construct_fixtures_generate_a_crate_that_builds_without_warnings() {
    let root = repo_root();
    let dir = std::env::temp_dir().join(format!("hwc-fixtures-crate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    for fixture in huaweicloud_codegen::load::spec_paths(&root.join("tests/fixtures/constructs")).unwrap() {
        std::fs::copy(&fixture, dir.join("spec").join(fixture.file_name().unwrap())).unwrap();
    }
    let files = huaweicloud_codegen::generate(&dir.join("spec")).expect("the fixtures generate");
    huaweicloud_codegen::write::write(&dir.join("crate"), &files).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("crate/Cargo.lock")).unwrap();

    // target/<profile>/deps/<this test> → target
    let target = std::env::current_exe().unwrap().ancestors().nth(3).unwrap().to_path_buf();
    for tool in ["rustc", "rustdoc"] {
        let output = Command::new(env!("CARGO"))
            .args([tool, "--offline", "--lib", "--manifest-path"])
            .arg(dir.join("crate/Cargo.toml"))
            .arg("--target-dir")
            .arg(&target)
            .args(["--", "-D", "warnings"])
            .output()
            .expect("cargo runs");
        assert!(output.status.success(), "cargo {tool}: {}", String::from_utf8_lossy(&output.stderr));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
