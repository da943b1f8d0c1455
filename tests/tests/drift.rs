//! `drift`: pairs of page versions (a real ECS page and copies edited the way documentation
//! changes), each with its report; pages against the spec just imported from them; the
//! ModelArts seed pages against the hand-written spec, whose departures are recorded decisions.

use std::path::{Path, PathBuf};

use huaweicloud_codegen::diff::diff;
use huaweicloud_codegen::drift::{Drift, Outcome, drift};
use huaweicloud_codegen::import;
use huaweicloud_tests::{pages, repo_root, scratch};

/// The spec `import` drafts from the pages of a fixture directory.
fn imported(name: &str, dir: &str) -> PathBuf {
    let spec = scratch(&format!("drift-{name}"));
    let report = import::import("ecs", &spec, &pages(dir)).expect("the pages import");
    assert!(!report.failed(), "{report:?}");
    spec
}

/// The report as the CLI prints it, with the repository's path left out.
fn text(drift: &Drift, spec: &Path) -> String {
    drift
        .to_text("the spec")
        .replace(&format!("{}/", repo_root().join("tests/fixtures/pages").display()), "")
        .replace(&spec.display().to_string(), "the spec")
}

fn changes(drift: &Drift) -> Vec<String> {
    drift
        .pages
        .iter()
        .flat_map(|page| match &page.outcome {
            Outcome::Compared { changes, .. } => {
                changes.iter().map(|c| format!("{:?} {}", c.impact, c.change)).collect()
            }
            _ => Vec::new(),
        })
        .collect()
}

/// Each edit of the page, drafted before and after, gives the change a reader of the two
/// versions would name, classified as `diff` classifies it.
#[test]
fn each_kind_of_page_change_is_reported_and_classified() {
    let base = imported("base", "drift/base");
    // (case, the version the spec was imported from, the bump, a change the report must hold)
    let cases = [
        ("field_added", None, "minor", "Additive added (optional String)"),
        ("field_removed", None, "major", "Breaking removed"),
        ("type_changed", None, "major", "Breaking type optional Array of String → optional String"),
        ("mandatory_no_to_yes", None, "major", "Breaking now required"),
        ("mandatory_yes_to_no", Some("drift/mandatory_no_to_yes"), "major", "Breaking no longer required"),
        ("enum_value_added", None, "minor", "Additive value strict-anti-affinity added"),
        ("enum_value_removed", None, "major", "Breaking value soft-affinity removed"),
        ("range_narrowed", None, "major", "Breaking range ..=1000 → ..=500"),
        ("range_widened", None, "minor", "Additive range ..=1000 → ..=2000"),
        ("default_changed", None, "patch", "Documentation default \"1000\" → \"500\""),
        ("description_reworded", None, "patch", "Documentation description \"Specifies the marker"),
        ("status_code_added", None, "minor", "Additive response 404 documented"),
    ];
    for (case, from, bump, expected) in cases {
        let spec = from.map_or_else(|| base.clone(), |from| imported(case, from));
        // Yes → No: the spec is the edited page's, the page the real one.
        let new = match from {
            Some(_) => pages("drift/base").into_iter().filter(|p| named(p, "en-us_topic_0175597846")).collect(),
            None => pages(&format!("drift/{case}")),
        };
        let report = drift(&spec, &new).expect("the pages draft");
        assert!(report.drifted(), "{case}");
        let bumps: Vec<&str> = report
            .pages
            .iter()
            .filter_map(|p| match &p.outcome {
                Outcome::Compared { bump, changes, .. } if !changes.is_empty() => Some(*bump),
                _ => None,
            })
            .collect();
        assert_eq!(bumps, [bump], "{case}");
        let found = changes(&report);
        assert!(found.iter().any(|c| c.starts_with(expected)), "{case}: {found:#?}");

        // `import --update` applies the page: nothing drifts after it, and `diff` classifies
        // the spec's change as `drift` classified the page's.
        let updated = scratch(&format!("drift-updated-{case}"));
        std::fs::copy(spec.join("ecs.yaml"), updated.join("ecs.yaml")).unwrap();
        let applied = import::update("ecs", &updated, &new).expect("the update applies");
        assert!(applied.written && !applied.failed(), "{case}: {applied:?}");
        let after = drift(&updated, &new).unwrap();
        assert!(!after.drifted(), "{case}: {}", text(&after, &updated));
        let lower = |dir: &Path| huaweicloud_codegen::lower_dir(dir).expect("the spec lowers");
        let classified = diff(&lower(&spec), &lower(&updated));
        let mut from_diff: Vec<String> =
            classified.changes.iter().map(|c| format!("{:?} {}", c.impact, c.change)).collect();
        let mut from_drift = found;
        from_diff.sort();
        from_drift.sort();
        assert_eq!(from_diff, from_drift, "{case}");

        let old_text = std::fs::read_to_string(spec.join("ecs.yaml")).unwrap();
        let new_text = std::fs::read_to_string(updated.join("ecs.yaml")).unwrap();
        let pages_report = applied
            .pages
            .iter()
            .map(|(page, result)| format!("{}: {result}", page.file_name().unwrap().to_string_lossy()));
        let report_text = format!(
            "{}\nimport --update:\n{}\n\nthe spec file, lines removed (-) and added (+):\n{}\ndiff:\n{}",
            text(&report, &spec),
            pages_report.collect::<Vec<_>>().join("\n"),
            line_diff(&old_text, &new_text),
            classified.to_text("before", "after"),
        );
        insta::assert_snapshot!(format!("drift_{case}"), report_text);
    }
}

/// The lines one text removes (`-`) and adds (`+`) against another, with their numbers in the
/// old text: a longest-common-subsequence diff, enough for the few lines an update changes.
fn line_diff(old: &str, new: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut common = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            common[i][j] =
                if old[i] == new[j] { common[i + 1][j + 1] + 1 } else { common[i + 1][j].max(common[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            (i, j) = (i + 1, j + 1);
        } else if j < new.len() && (i == old.len() || common[i][j + 1] >= common[i + 1][j]) {
            out.push_str(&format!("{:>4} +{}\n", i + 1, new[j]));
            j += 1;
        } else {
            out.push_str(&format!("{:>4} -{}\n", i + 1, old[i]));
            i += 1;
        }
    }
    out
}

#[test]
fn markup_list_formatting_caption_case_and_row_order_are_not_drift() {
    let spec = imported("presentation", "drift/base");
    let report = drift(&spec, &pages("drift/presentation_only")).unwrap();
    assert!(!report.drifted(), "{}", text(&report, &spec));
    let Outcome::Compared { decisions, .. } = &report.pages[0].outcome else { panic!("{report:?}") };
    assert!(decisions.is_empty(), "{decisions:?}");
}

/// A spec just imported from pages has nothing to report against them: no change, and no
/// decision, as `import` records none.
#[test]
fn pages_drift_nothing_against_the_spec_imported_from_them() {
    for dir in ["ecs", "drift/base", "constructs"] {
        let spec = imported(&dir.replace('/', "-"), dir);
        let report = drift(&spec, &pages(dir)).unwrap();
        assert!(!report.drifted(), "{dir}: {}", text(&report, &spec));
        for page in &report.pages {
            if let Outcome::Compared { decisions, .. } = &page.outcome {
                assert!(decisions.is_empty(), "{dir}: {decisions:?}");
            }
        }
        assert!(report.pages.iter().any(|p| matches!(p.outcome, Outcome::Compared { .. })), "{dir}");
    }
}

/// The hand-written spec departs from the seed pages on purpose, each departure recorded with
/// its note; nothing else differs.
#[test]
fn the_modelarts_seed_pages_drift_nothing_against_the_hand_written_spec() {
    let spec = repo_root().join("spec");
    let seeds: Vec<PathBuf> =
        pages("seeds").into_iter().filter(|p| ["000_", "001_", "003_", "004_"].iter().any(|s| named(p, s))).collect();
    assert_eq!(seeds.len(), 4);
    let report = drift(&spec, &seeds).unwrap();
    assert!(!report.drifted(), "{}", text(&report, &spec));
    let decisions: Vec<_> = report
        .pages
        .iter()
        .flat_map(|p| match &p.outcome {
            Outcome::Compared { decisions, .. } => decisions.clone(),
            _ => Vec::new(),
        })
        .collect();
    assert!(decisions.len() > 40 && decisions.iter().all(|d| d.holds()), "{decisions:#?}");
    insta::assert_snapshot!(text(&report, &spec));
}

/// A page changed under a recorded decision is flagged for review; the decision's note says
/// why it was made.
#[test]
fn a_page_changed_under_a_decision_needs_review() {
    let spec = scratch("drift-decision");
    let original = std::fs::read_to_string(repo_root().join("spec/modelarts.yaml")).unwrap();
    // The decision says the page types create_at as String; pretend it said Integer then.
    let edited = original.replacen(
        "description: 'Creation time.', page: { type: String }",
        "description: 'Creation time.', page: { type: Integer }",
        1,
    );
    assert_ne!(edited, original);
    std::fs::write(spec.join("modelarts.yaml"), edited).unwrap();
    let seed: Vec<PathBuf> = pages("seeds").into_iter().filter(|p| named(p, "003_")).collect();
    let report = drift(&spec, &seed).unwrap();
    assert!(report.drifted());
    let out = text(&report, &spec);
    assert!(out.contains("The page changed under a curated decision; review (1):"), "{out}");
    assert!(out.contains("! modelarts/create_dev_server_job/response/create_at: type \"Integer\" when decided, \"String\" now; the spec says \"Long\": The values are epoch milliseconds"), "{out}");
}

#[test]
fn new_operations_gone_operations_and_unreadable_pages() {
    let spec = imported("gone", "drift/base");
    // A page of another operation, and the base page replaced by one that documents none.
    let elsewhere = scratch("drift-gone-pages");
    std::fs::write(elsewhere.join("en-us_topic_0175597846.html"), "<h1>Querying ECS Groups</h1><p>Moved.</p>").unwrap();
    let other = repo_root().join("tests/fixtures/pages/ecs/en-us_topic_0031169058.html");
    let report = drift(&spec, &[elsewhere.join("en-us_topic_0175597846.html"), other]).unwrap();
    assert!(report.drifted());
    assert_eq!(report.gone, ["ecs/query_ecs_groups"]);
    assert!(
        matches!(&report.pages[1].outcome, Outcome::New { operation, .. } if operation == "query_networks_specified_ecs")
    );

    std::fs::write(elsewhere.join("broken.html"), b"\xff\xfe").unwrap();
    let error = drift(&spec, &[elsewhere.join("broken.html")]).unwrap_err();
    assert!(error.contains("broken.html") && error.contains("expected UTF-8 text"), "{error}");
}

/// Whether a page's file name starts with `prefix`.
fn named(page: &Path, prefix: &str) -> bool {
    page.file_name().is_some_and(|name| name.to_string_lossy().starts_with(prefix))
}

/// `import --update` with pages that did not change writes nothing; on the hand-written spec
/// it keeps every decision (the file stays byte for byte), and lists a decision the page has
/// changed under; a page of an operation the spec lacks is added, and an operation whose page
/// documents none now is removed.
#[test]
fn an_update_keeps_what_did_not_change_and_every_decision() {
    for dir in ["ecs", "drift/base"] {
        let spec = imported(&format!("update-{}", dir.replace('/', "-")), dir);
        let before = std::fs::read(spec.join("ecs.yaml")).unwrap();
        let report = import::update("ecs", &spec, &pages(dir)).unwrap();
        assert!(!report.written, "{dir}: {report:?}");
        assert_eq!(std::fs::read(spec.join("ecs.yaml")).unwrap(), before, "{dir}");
    }

    let spec = scratch("update-modelarts");
    let original = std::fs::read_to_string(repo_root().join("spec/modelarts.yaml")).unwrap();
    std::fs::write(spec.join("modelarts.yaml"), &original).unwrap();
    let seeds: Vec<PathBuf> =
        pages("seeds").into_iter().filter(|p| ["000_", "001_", "003_", "004_"].iter().any(|s| named(p, s))).collect();
    let report = import::update("modelarts", &spec, &seeds).unwrap();
    assert!(!report.written, "{report:?}");
    let edited = original.replacen(
        "description: 'Creation time.', page: { type: String }",
        "description: 'Creation time.', page: { type: Integer }",
        1,
    );
    std::fs::write(spec.join("modelarts.yaml"), &edited).unwrap();
    let report = import::update("modelarts", &spec, &seeds).unwrap();
    assert!(!report.written, "a decision is kept");
    let lines: Vec<String> = report.pages.iter().map(|(_, result)| result.to_string()).collect();
    assert!(
        lines.iter().any(|l| l
            .contains("kept as recorded, though the page changed them (review): types.DevServerJobResponse.create_at")),
        "{lines:#?}"
    );

    let spec = imported("update-gone", "drift/base");
    let elsewhere = scratch("update-gone-pages");
    std::fs::write(elsewhere.join("en-us_topic_0175597846.html"), "<h1>Querying ECS Groups</h1><p>Moved.</p>").unwrap();
    let other = repo_root().join("tests/fixtures/pages/ecs/en-us_topic_0031169058.html");
    let report = import::update("ecs", &spec, &[elsewhere.join("en-us_topic_0175597846.html"), other.clone()]).unwrap();
    let lines: Vec<String> = report.pages.iter().map(|(_, result)| result.to_string()).collect();
    assert_eq!(lines[0], "removed query_ecs_groups: the page documents no operation now");
    assert!(lines[1].starts_with("imported query_networks_specified_ecs"), "{lines:?}");
    let after = drift(&spec, &[other]).unwrap();
    assert!(!after.drifted(), "{}", text(&after, &spec));
    assert!(!std::fs::read_to_string(spec.join("ecs.yaml")).unwrap().contains("id: query_ecs_groups"));
}
