//! The construct fixtures are snapshots of emitted code; this checks that code also compiles
//! and documents warning-free, together with a few random specs of the property tests (from a
//! fixed seed, so the crate is the same on every run) and the spec the importer drafts from
//! the ECS fixture pages: all generate one crate, built and documented with the workspace's
//! target directory (rustdoc reads the doc comments the spec's and the pages' text became).
//! The crate is built with the `mock` feature, and as edition 2024; the checked-in crate and `tests/consumer` are 2021, so
//! the generated code is compiled in both.

use std::process::Command;

use huaweicloud_tests::{lowers_and_emits, repo_root, specgen};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// How many random specs join the fixtures: enough to vary, few enough to keep CI quick.
const RANDOM_SERVICES: [&str; 4] = ["random_a", "random_b", "random_c", "random_d"];

#[test]
fn the_construct_fixtures_random_specs_and_imported_pages_generate_a_crate_that_builds_without_warnings() {
    let root = repo_root();
    let dir = std::env::temp_dir().join(format!("hwc-fixtures-crate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    for fixture in huaweicloud_codegen::load::spec_paths(&root.join("tests/fixtures/constructs")).unwrap() {
        std::fs::copy(&fixture, dir.join("spec").join(fixture.file_name().unwrap())).unwrap();
    }
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]));
    for service in RANDOM_SERVICES {
        let strategy = specgen::service(service);
        // The first spec of the sequence that lowers (most do).
        let text = std::iter::repeat_with(|| strategy.new_tree(&mut runner).expect("a spec is generated").current())
            .find(|text| lowers_and_emits(text).expect("located errors or files that parse"))
            .expect("a random spec lowers");
        std::fs::write(dir.join("spec").join(format!("{service}.yaml")), text).unwrap();
    }
    let pages: Vec<_> =
        std::fs::read_dir(root.join("tests/fixtures/pages/ecs")).unwrap().map(|e| e.unwrap().path()).collect();
    huaweicloud_codegen::import::import("ecs_pages", &dir.join("spec"), &pages).expect("the ECS pages import");
    let files = huaweicloud_codegen::generate(&dir.join("spec")).expect("the fixtures generate");
    huaweicloud_codegen::write::write(&dir.join("crate"), &files).unwrap();
    let manifest = dir.join("crate/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(text.contains("edition = \"2021\""), "the generated manifest states its edition");
    std::fs::write(&manifest, text.replace("edition = \"2021\"", "edition = \"2024\"")).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("crate/Cargo.lock")).unwrap();

    // target/<profile>/deps/<this test> → target
    let target = std::env::current_exe().unwrap().ancestors().nth(3).unwrap().to_path_buf();
    for tool in ["rustc", "rustdoc"] {
        let output = Command::new(env!("CARGO"))
            // With the mock server, whose code reads every request type back.
            .args([tool, "--offline", "--lib", "--features", "mock", "--manifest-path"])
            .arg(dir.join("crate/Cargo.toml"))
            .arg("--target-dir")
            .arg(&target)
            .args(["--", "-D", "warnings"])
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "cargo {tool} failed; the crate is in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
