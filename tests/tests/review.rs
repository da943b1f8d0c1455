//! What a reviewer reads: `diff` between two spec trees and `lint` with source excerpts,
//! pinned as snapshots.

use huaweicloud_codegen::diff::{Impact, diff};
use huaweicloud_tests::repo_root;

fn lower(dir: &str) -> huaweicloud_codegen::ir::Api {
    huaweicloud_codegen::lower_dir(&repo_root().join("tests/fixtures/diff").join(dir)).expect("the fixture lowers")
}

#[test]
fn diff_classifies_each_change() {
    let report = diff(&lower("old"), &lower("new"));
    assert!(report.is_breaking());
    assert_eq!(report.bump(), "major");
    insta::assert_snapshot!("diff_text", report.to_text("old", "new"));
    insta::assert_snapshot!("diff_json", report.to_json());
}

#[test]
fn an_unchanged_spec_has_no_changes_and_additions_alone_are_minor() {
    let same = diff(&lower("old"), &lower("old"));
    assert_eq!((same.changes.len(), same.bump()), (0, "none"));
    let reverse = diff(&lower("new"), &lower("new"));
    assert!(reverse.changes.is_empty());
    let spec = huaweicloud_codegen::lower_dir(&repo_root().join("spec")).unwrap();
    let mut grown = spec.clone();
    grown.services[0].operations.pop();
    let added = diff(&grown, &spec);
    assert!(added.changes.iter().all(|c| c.impact == Impact::Additive), "{added:?}");
    assert_eq!(added.bump(), "minor");
}

/// Every diagnostic of a spec directory, rendered as `lint` prints them.
fn lint(dir: &str) -> String {
    let dir = repo_root().join("tests/fixtures").join(dir);
    let diagnostics = huaweicloud_codegen::lint(&dir);
    let rendered: Vec<String> =
        diagnostics.0.iter().map(|d| d.render(std::fs::read_to_string(&d.file).ok().as_deref())).collect();
    rendered.join("\n").replace(&format!("{}/", repo_root().display()), "")
}

#[test]
fn lint_shows_warnings_with_the_source_line() {
    insta::assert_snapshot!(lint("lint"));
}

#[test]
fn lint_shows_errors_with_a_caret_under_the_value() {
    let path = repo_root().join("tests/fixtures/errors/regex_does_not_compile.yaml");
    let source = std::fs::read_to_string(&path).unwrap();
    let diagnostics = huaweicloud_tests::lower_fixture(&path).unwrap_err();
    let rendered = diagnostics.0[0].render(Some(&source));
    assert!(rendered.contains(
        "9 |       - { name: id, type: String, pattern: '^[0-9a-f{8}$' }\n  |                                            ^^^^^^^^^^^^^^\n"
    ), "{rendered}");
}
