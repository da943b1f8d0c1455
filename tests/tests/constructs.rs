//! The emitted code for one small fixture spec per construct, pinned by insta snapshots.
//! Review a changed snapshot as you would the generated code it stands for.

use huaweicloud_tests::{emitted_service_code, lower_fixture, repo_root};

#[test]
fn each_construct_emits_the_pinned_code() {
    insta::glob!("../fixtures/constructs", "*.yaml", |path| {
        let api = lower_fixture(path).unwrap_or_else(|err| panic!("{} should lower:\n{err}", path.display()));
        insta::assert_snapshot!(emitted_service_code(&api));
    });
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let spec = repo_root().join("spec");
    let first = huaweicloud_codegen::generate(&spec).expect("spec/ generates");
    let second = huaweicloud_codegen::generate(&spec).expect("spec/ generates");
    assert_eq!(first, second);
}

/// `generated/` is the golden of the whole `spec/`: it must be exactly what the generator
/// produces (CI also runs `huaweicloud-codegen check`, which names the stale files).
#[test]
fn generated_crate_is_up_to_date_with_spec() {
    let root = repo_root();
    let files = huaweicloud_codegen::generate(&root.join("spec")).expect("spec/ generates");
    let stale = huaweicloud_codegen::write::check(&root.join("generated"), &files).expect("generated/ is readable");
    assert!(stale.is_empty(), "generated/ is stale, run `cargo run -p huaweicloud-codegen -- generate`: {stale:?}");
}
