//! What `diff` calls additive is additive in Rust: for one change of each fact kind, the client
//! is generated before and after, `diff` classifies the change, and cargo-semver-checks compares
//! the two crates' public APIs as a minor release; the verdicts must agree. Generated structs
//! are `#[non_exhaustive]` (made with `new`) and every sent type implements `Validate` for this.
//!
//! It needs cargo-semver-checks (`cargo install cargo-semver-checks`), which CI's bare toolchain
//! does not have, builds rustdoc JSON of eleven crates, and lets cargo fetch what the
//! generated crates' lock file names for other platforms: run it by hand with
//! `cargo test -p huaweicloud-tests --test semver -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use huaweicloud_codegen::diff;
use huaweicloud_tests::{repo_root, scratch};

/// One change of the base spec: a name, what is replaced by what, and `diff`'s expected verdict.
struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    breaking: bool,
    /// A breaking change cargo-semver-checks 0.51 has no lint for (a public field's type), so
    /// its verdict is expected to be "not breaking": pinned, so a version that sees it shows.
    tool_blind: bool,
}

const CASES: &[Case] = &[
    Case {
        name: "a response field added",
        from: "      - { name: kind, type: Kind }\n  - name: NewItem",
        to: "      - { name: kind, type: Kind }\n      - { name: size, type: Long }\n  - name: NewItem",
        breaking: false,
        tool_blind: false,
    },
    Case {
        name: "an optional parameter added",
        from: "      - { name: limit, in: query, type: Integer, minimum: 1, maximum: 100 }\n",
        to: "      - { name: limit, in: query, type: Integer, minimum: 1, maximum: 100 }\n      - { name: marker, in: query, type: String }\n",
        breaking: false,
        tool_blind: false,
    },
    Case {
        name: "an optional request body field added",
        from: "      - { name: name, type: String, required: true, pattern: '^[a-z]{1,16}$' }\n",
        to: "      - { name: name, type: String, required: true, pattern: '^[a-z]{1,16}$' }\n      - { name: note, type: String }\n",
        breaking: false,
        tool_blind: false,
    },
    Case {
        name: "an enum value added",
        from: "{ value: LARGE } ]",
        to: "{ value: LARGE }, { value: HUGE } ]",
        breaking: false,
        tool_blind: false,
    },
    Case {
        name: "an operation added",
        from: "types:\n",
        to: "  - id: show_item\n    summary: Show an item.\n    method: GET\n    path: /v1/{project_id}/items/{id}\n    source: a fixture\n    parameters:\n      - { name: project_id, in: path, type: String, required: true }\n      - { name: id, in: path, type: String, required: true }\n    responses:\n      - { status: 200, body: { type: Item } }\ntypes:\n",
        breaking: false,
        tool_blind: false,
    },
    Case {
        name: "a sent pattern dropped",
        from: "required: true, pattern: '^[a-z]{1,16}$' }",
        to: "required: true }",
        breaking: false,
        tool_blind: false,
    },
    Case {
        name: "a response field removed",
        from: "      - { name: name, type: String }\n      - { name: kind, type: Kind }\n  - name: NewItem",
        to: "      - { name: kind, type: Kind }\n  - name: NewItem",
        breaking: true,
        tool_blind: false,
    },
    Case {
        name: "a parameter made required",
        from: "{ name: limit, in: query, type: Integer,",
        to: "{ name: limit, in: query, type: Integer, required: true,",
        breaking: true,
        tool_blind: false,
    },
    Case {
        name: "a response field's type changed",
        // `Item.name` goes from `Option<String>` to `Option<i32>`.
        from: "      - { name: name, type: String }\n      - { name: kind, type: Kind }\n  - name: NewItem",
        to: "      - { name: name, type: Integer }\n      - { name: kind, type: Kind }\n  - name: NewItem",
        breaking: true,
        tool_blind: true,
    },
    Case {
        name: "a required body field added",
        from: "      - { name: kind, type: Kind }\n  - name: Kind",
        to: "      - { name: kind, type: Kind }\n      - { name: owner, type: String, required: true }\n  - name: Kind",
        breaking: true,
        tool_blind: false,
    },
];

/// Writes `spec` as the one service of a spec directory, generates the crate beside it, and
/// returns the lowered API and the crate's directory.
fn generate(dir: &Path, spec: &str) -> (huaweicloud_codegen::ir::Api, PathBuf) {
    let spec_dir = dir.join("spec");
    std::fs::create_dir_all(&spec_dir).unwrap();
    std::fs::write(spec_dir.join("shop.yaml"), spec).unwrap();
    let api = huaweicloud_codegen::lower_dir(&spec_dir).expect("the case's spec lowers");
    let files = huaweicloud_codegen::generate(&spec_dir).expect("the case's spec generates");
    let crate_dir = dir.join("crate");
    huaweicloud_codegen::write::write(&crate_dir, &files).unwrap();
    // This workspace's dependency versions, trimmed offline to the crate's own.
    std::fs::copy(repo_root().join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    (api, crate_dir)
}

#[test]
#[ignore = "needs cargo-semver-checks; run with --ignored"]
fn diff_and_cargo_semver_checks_agree_on_each_kind_of_change() {
    let base = std::fs::read_to_string(repo_root().join("tests/fixtures/semver/shop.yaml")).unwrap();
    let root = scratch("semver");
    let (old_api, old_crate) = generate(&root.join("base"), &base);
    // One target directory for every build, so the dependencies are compiled once.
    let target = root.join("target");
    let mut disagreements = Vec::new();
    for (index, case) in CASES.iter().enumerate() {
        assert!(base.contains(case.from), "case {:?} changes nothing", case.name);
        let (new_api, new_crate) = generate(&root.join(format!("case-{index}")), &base.replacen(case.from, case.to, 1));
        let report = diff::diff(&old_api, &new_api);
        assert_eq!(report.is_breaking(), case.breaking, "diff on {:?}: {:#?}", case.name, report.changes);
        let output = Command::new("cargo")
            .args(["semver-checks", "check-release", "--release-type", "minor", "--baseline-root"])
            .arg(&old_crate)
            .arg("--manifest-path")
            .arg(new_crate.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("cargo-semver-checks is installed");
        let text = String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout);
        // A failed lint says so in its summary; any other failure is the tool not running.
        let semver_breaking = text.contains("semver requires new major version");
        assert!(
            output.status.success() || semver_breaking,
            "cargo-semver-checks did not run on {:?}: {text}",
            case.name
        );
        if semver_breaking != (case.breaking && !case.tool_blind) {
            let blind = if case.tool_blind { " (a change the tool is expected not to see)" } else { "" };
            let verdict = format!("diff says breaking={}, cargo-semver-checks:\n{text}", case.breaking);
            disagreements.push(format!("{}{blind}: {verdict}", case.name));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n\n"));
}
