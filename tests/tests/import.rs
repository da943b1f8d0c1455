//! The page importer: the four ModelArts seed pages drafted into a spec that lints (`drift`
//! compares it with the hand-written `spec/modelarts.yaml`); one small page per construct, its
//! draft snapshotted; bad input reported by page and place.

use huaweicloud_codegen::import::{self, PageResult};
use huaweicloud_tests::{pages, repo_root, scratch};

/// The report as the CLI prints it, one line per page, by file name.
fn lines(report: &import::Report) -> String {
    let lines: Vec<String> = report
        .pages
        .iter()
        .map(|(path, result)| format!("{}: {result}", path.file_name().unwrap().to_string_lossy()))
        .collect();
    lines.join("\n")
}

#[test]
fn the_modelarts_seed_pages_import_into_a_spec_that_lints() {
    let dir = scratch("modelarts");
    let report = import::import("modelarts", &dir, &pages("seeds")).expect("the seed pages import");
    assert!(!report.failed(), "{:?}", report.pages);
    let lint = huaweicloud_codegen::lint(&dir);
    assert!(!lint.has_errors(), "the draft lints without errors:\n{lint}");
    huaweicloud_codegen::lower_dir(&dir).expect("the draft lowers");
    // What the draft states against the hand-written spec is `drift`'s to compare, with the
    // engine `diff` uses: `the_modelarts_seed_pages_drift_nothing_against_the_hand_written_spec`
    // (tests/drift.rs) finds no drift, only the spec's recorded decisions.
    std::fs::remove_dir_all(&dir).unwrap();
}

/// One small page per construct, drafted into its own spec: the YAML is the review surface.
#[test]
fn each_page_construct_drafts_the_pinned_spec() {
    insta::glob!("../fixtures/pages/constructs", "*.*", |page| {
        let dir = scratch(page.file_stem().unwrap().to_str().unwrap());
        let report = import::import("drafted", &dir, &[page.to_path_buf()]).expect("the page imports");
        let lines: Vec<String> = report.pages.iter().map(|(_, result)| result.to_string()).collect();
        let yaml = std::fs::read_to_string(dir.join("drafted.yaml")).unwrap_or_default();
        let lint = huaweicloud_codegen::lint(&dir);
        assert!(!lint.has_errors(), "{}: the draft lints without errors:\n{lint}", page.display());
        insta::assert_snapshot!(format!("{}\n---\n{yaml}", lines.join("\n")));
        std::fs::remove_dir_all(&dir).unwrap();
    });
}

/// Six real pages of the ECS reference: a batch action whose response is documented on a
/// shared page ("Responses (Task)", imported with it), two Nova actions on one method and path,
/// a listing with query parameters, and a map keyed by network name.
#[test]
fn ecs_pages_import_with_shared_responses_and_distinct_actions() {
    let dir = scratch("ecs");
    let report = import::import("ecs", &dir, &pages("ecs")).unwrap();
    insta::assert_snapshot!(lines(&report));
    assert!(!huaweicloud_codegen::lint(&dir).has_errors());
    let api = huaweicloud_codegen::lower_dir(&dir).unwrap();
    let ops = &api.services[0].operations;
    let actions: Vec<(&str, String)> = ops
        .iter()
        .filter(|op| op.path_template.ends_with("/action") && op.path_template.contains("{server_id}"))
        .map(|op| (op.id.as_str(), format!("{} {}", op.method, op.path_template)))
        .collect();
    assert_eq!(
        actions,
        [
            ("start_ecs", "POST /v2.1/{project_id}/servers/{server_id}/action".to_string()),
            ("restart_ecs", "POST /v2.1/{project_id}/servers/{server_id}/action".to_string()),
        ],
        "one method and path, two operations with their own request types"
    );
    let batch = ops.iter().find(|op| op.id == "start_ecss_batch").unwrap();
    assert_eq!(batch.source, "en-us_topic_0020212207.html; response body from en-us_topic_0022067714.html");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_pages_are_reported_by_page_and_place_and_the_rest_still_import() {
    let dir = scratch("bad");
    let page = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let huge = {
        let path = dir.join("huge.html");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(import::MAX_PAGE_BYTES + 1).unwrap();
        path
    };
    let pages = [
        page("binary.html", b"<h1>x</h1>\xff\xfe"),
        page("empty.txt", b""),
        page("overview.html", b"<h1>Overview</h1><p>No URI here.</p>"),
        page(
            "no_columns.html",
            b"<h1>Broken</h1><h4>URI</h4><p>GET /v1/{project_id}/things</p><h4>Response</h4>\
              <table><tr><th>Parameter</th><th>Type</th><th>Description</th></tr>\
              <tr><td>thing</td><td>Object</td><td>See <a href=\"#t2\">Table 2</a>.</td></tr></table>\
              <table id=\"t2\"><tr><th>Key</th><th>Value</th></tr><tr><td>a</td><td>b</td></tr></table>",
        ),
        huge,
        repo_root().join("tests/fixtures/pages/seeds/003_a060427fcb86ff5e.txt"),
    ];
    let report = import::import("mixed", &dir.join("spec"), &pages).unwrap_err();
    // The spec directory does not exist: nothing can be written, and nothing is.
    assert!(report.to_string().contains("cannot write the spec file"), "{report}");
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    let report = import::import("mixed", &dir.join("spec"), &pages).unwrap();
    insta::assert_snapshot!(lines(&report));
    assert!(report.failed() && report.written);
    assert!(huaweicloud_codegen::lower_dir(&dir.join("spec")).is_ok(), "what was written lowers");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn importing_again_adds_only_what_the_file_lacks_and_keeps_every_line() {
    let dir = scratch("again");
    let seeds = pages("seeds");
    import::import("modelarts", &dir, &seeds[..2]).unwrap();
    let file = dir.join("modelarts.yaml");
    let mut first = std::fs::read_to_string(&file).unwrap();
    first.push_str("# a reviewer's comment at the end\n");
    let first = first.replace("summary: Synchronizing", "summary: Synchronising");
    std::fs::write(&file, &first).unwrap();

    let report = import::import("modelarts", &dir, &seeds).unwrap();
    let results: Vec<&PageResult> = report.pages.iter().map(|(_, result)| result).collect();
    assert!(
        matches!(results[0], PageResult::AlreadyThere { .. }) && matches!(results[1], PageResult::AlreadyThere { .. })
    );
    assert!(matches!(results[2], PageResult::Imported { .. }) && matches!(results[3], PageResult::Imported { .. }));
    let second = std::fs::read_to_string(&file).unwrap();
    let kept: Vec<&str> = first.lines().collect();
    let mut remaining = second.lines();
    for line in &kept {
        assert!(remaining.any(|l| l == *line), "line kept in order: {line:?}");
    }
    assert!(huaweicloud_codegen::lower_dir(&dir).is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}
