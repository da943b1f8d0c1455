//! What a reviewer reads: `diff` between two spec trees and `lint` with source excerpts,
//! pinned as snapshots.

use huaweicloud_codegen::diff::{Impact, diff};
use huaweicloud_codegen::ir::{
    Api, ClientDefault, Enum, Field, Operation, Param, ParamIn, Response, Struct, TypeDef, ValuesFrom,
};
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

fn operations(api: &mut Api) -> impl Iterator<Item = &mut Operation> {
    api.services.iter_mut().flat_map(|s| s.operations.iter_mut())
}

fn params(api: &mut Api) -> impl Iterator<Item = &mut Param> {
    operations(api).flat_map(|op| op.params.iter_mut())
}

fn responses(api: &mut Api) -> impl Iterator<Item = &mut Response> {
    operations(api).flat_map(|op| op.responses.iter_mut())
}

fn structs(api: &mut Api) -> impl Iterator<Item = &mut Struct> {
    api.services.iter_mut().flat_map(|s| s.types.iter_mut()).filter_map(|def| match def {
        TypeDef::Struct(s) => Some(s),
        TypeDef::Enum(_) => None,
    })
}

fn fields(api: &mut Api) -> impl Iterator<Item = &mut Field> {
    structs(api).flat_map(|s| s.fields.iter_mut())
}

fn enums(api: &mut Api) -> impl Iterator<Item = &mut Enum> {
    api.services.iter_mut().flat_map(|s| s.types.iter_mut()).filter_map(|def| match def {
        TypeDef::Enum(e) => Some(e),
        TypeDef::Struct(_) => None,
    })
}

fn first<T>(mut items: impl Iterator<Item = T>) -> T {
    items.next().expect("spec/ has what the edit changes")
}

/// One edit of `spec/`'s IR per fact kind, each giving exactly one change of the expected
/// impact; a `reverse` edit is diffed from the edited IR to the original (an addition).
#[test]
fn every_fact_of_the_ir_is_classified() {
    type Edit = fn(&mut Api);
    let cases: &[(&str, bool, Impact, Edit)] = &[
        ("paging removed", false, Impact::Breaking, |api| {
            first(operations(api).filter(|op| op.pagination.is_some())).pagination = None
        }),
        ("paging added", true, Impact::Additive, |api| {
            first(operations(api).filter(|op| op.pagination.is_some())).pagination = None
        }),
        ("waiter removed", false, Impact::Breaking, |api| {
            first(operations(api).filter(|op| op.waiter.is_some() && op.id == "show_job_detail")).waiter = None
        }),
        ("waiter added", true, Impact::Additive, |api| {
            first(operations(api).filter(|op| op.waiter.is_some() && op.id == "show_job_detail")).waiter = None
        }),
        ("waiter state meaning", false, Impact::Breaking, |api| {
            let waiter = first(operations(api).filter_map(|op| op.waiter.as_mut()));
            let moved = waiter.failure.pop().unwrap();
            waiter.pending.push(moved)
        }),
        ("waiter timing", false, Impact::Additive, |api| {
            first(operations(api).filter_map(|op| op.waiter.as_mut())).max_wait_seconds *= 2
        }),
        ("job started", false, Impact::Breaking, |api| {
            first(operations(api).filter(|op| op.starts.is_some())).starts = None
        }),
        ("accessor removed", false, Impact::Breaking, |api| {
            first(fields(api).filter(|f| f.format.is_some())).format = None
        }),
        ("accessor added", true, Impact::Additive, |api| {
            first(fields(api).filter(|f| f.format.is_some())).format = None
        }),
        ("endpoint", false, Impact::Breaking, |api| api.services[0].endpoint.push_str(".example")),
        ("API version", false, Impact::Documentation, |api| api.services[0].api_version = "v9".into()),
        ("service title", false, Impact::Documentation, |api| api.services[0].title.push_str(" (renamed)")),
        ("request types", false, Impact::Breaking, |api| first(operations(api)).request_ident.push('2')),
        ("operation source", false, Impact::Documentation, |api| first(operations(api)).source = "another page".into()),
        ("request examples", false, Impact::Documentation, |api| {
            first(operations(api).filter(|op| !op.example_requests.is_empty())).example_requests.clear()
        }),
        ("parameter location", false, Impact::Breaking, |api| {
            first(params(api).filter(|p| p.location == ParamIn::Query)).location = ParamIn::Header
        }),
        ("parameter setter", false, Impact::Breaking, |api| first(params(api)).setter.push_str("_value")),
        ("client default", false, Impact::Breaking, |api| {
            first(params(api).filter(|p| p.client_default == Some(ClientDefault::ProjectId))).client_default = None
        }),
        ("multipart body", false, Impact::Breaking, |api| {
            let body = first(operations(api).filter_map(|op| op.body.as_mut()));
            body.multipart = !body.multipart
        }),
        ("body description", false, Impact::Documentation, |api| {
            first(operations(api).filter_map(|op| op.body.as_mut())).description = Some("Another body.".into())
        }),
        ("error body", false, Impact::Documentation, |api| {
            first(responses(api).filter(|r| !r.is_success() && r.body.is_some())).body = None
        }),
        ("response header", false, Impact::Documentation, |api| {
            first(responses(api).filter(|r| !r.headers.is_empty())).headers.clear()
        }),
        ("response examples", false, Impact::Documentation, |api| {
            first(responses(api).filter(|r| !r.examples.is_empty())).examples.clear()
        }),
        ("response description", false, Impact::Documentation, |api| {
            first(responses(api)).description = Some("Another outcome.".into())
        }),
        ("form struct", false, Impact::Breaking, |api| {
            let s = first(structs(api));
            s.form = !s.form
        }),
        ("field Rust name", false, Impact::Breaking, |api| first(fields(api)).ident.push_str("_renamed")),
        ("sensitive field", false, Impact::Breaking, |api| {
            let field = first(fields(api).filter(|f| f.ty == huaweicloud_codegen::ir::Type::String));
            field.sensitive = !field.sensitive
        }),
        ("default", false, Impact::Documentation, |api| first(fields(api)).default = Some("another".into())),
        ("provenance", false, Impact::Documentation, |api| {
            let field = first(fields(api));
            field.provenance.from_sdk = !field.provenance.from_sdk
        }),
        ("integer enum", false, Impact::Breaking, |api| {
            let e = first(enums(api));
            e.integer = !e.integer
        }),
        ("enum value Rust name", false, Impact::Breaking, |api| first(enums(api)).values[0].ident.push('2')),
        ("enum value description", false, Impact::Documentation, |api| {
            first(enums(api)).values[0].description = Some("Another meaning.".into())
        }),
        ("enum values from", false, Impact::Documentation, |api| {
            first(enums(api).filter(|e| e.values_from == ValuesFrom::Page)).values_from = ValuesFrom::Sdk
        }),
    ];
    let spec = huaweicloud_codegen::lower_dir(&repo_root().join("spec")).unwrap();
    let mut lines = Vec::new();
    for (name, reverse, impact, edit) in cases {
        let mut edited = spec.clone();
        edit(&mut edited);
        let report = if *reverse { diff(&edited, &spec) } else { diff(&spec, &edited) };
        let [change] = report.changes.as_slice() else { panic!("{name}: {:#?}", report.changes) };
        assert_eq!(change.impact, *impact, "{name}: {change:?}");
        lines.push(format!("{name}: {:?} {}: {}", change.impact, change.path, change.change));
    }
    insta::assert_snapshot!(lines.join("\n"));
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
