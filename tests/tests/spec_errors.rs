//! One fixture per kind of spec error; the rendered messages are snapshotted, locations
//! included, so a reviewer sees exactly what a spec author will read.

use huaweicloud_codegen::Diagnostics;
use huaweicloud_codegen::diagnostic::Severity;
use huaweicloud_tests::lower_fixture;

#[test]
fn each_error_kind_is_reported_with_its_location() {
    insta::glob!("../fixtures/errors", "*.yaml", |path| {
        let diagnostics = match lower_fixture(path) {
            Ok(_) => panic!("{} should be rejected", path.display()),
            Err(diagnostics) => diagnostics,
        };
        for diagnostic in &diagnostics.0 {
            let loc = diagnostic.loc.expect("every spec error has a line and column");
            assert!(loc.line > 0 && loc.column > 0, "{diagnostic}");
        }
        // The error kinds only: fixtures leave out descriptions, which lint warns about.
        let errors = diagnostics.0.into_iter().filter(|d| d.severity == Severity::Error).collect();
        insta::assert_snapshot!(Diagnostics(errors).to_string());
    });
}

#[test]
fn spec_errors_from_a_directory_name_every_file() {
    let dir = std::env::temp_dir().join(format!("hwc-spec-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.yaml"), "service: [").unwrap();
    std::fs::write(dir.join("b.yaml"), "service:\n  name: b\n").unwrap();
    let err = huaweicloud_codegen::lower_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    let text = err.to_string();
    assert_eq!(err.0.len(), 2, "{text}");
    assert!(text.contains("a.yaml:1:") && text.contains("b.yaml:"), "{text}");
}
