//! What the generated client costs its users to compile, against a baseline generator's output
//! built in the same sitting: clean `cargo build` and `cargo check` of the crate alone (its
//! dependencies already built) for the synthetic 100-operation spec and for `spec/` with one
//! service's feature; generated lines per operation; and `cargo doc`'s page count and largest
//! page. Run with
//!
//! ```sh
//! BASELINE_CLI=/path/to/old/huaweicloud-codegen cargo bench -p huaweicloud-codegen --bench crate_build
//! ```
//!
//! where the baseline CLI is an earlier commit's release build (`git worktree add` it); without
//! `BASELINE_CLI` only this generator's crates are measured. `HWC_KEEP=1` keeps the work
//! directory (printed first) with the specs and crates. Rounds alternate the crates, so
//! the machine's drift hits both alike; figures are medians.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

/// One crate to measure: where it is, and the cargo arguments selecting its features.
struct Subject {
    name: String,
    dir: PathBuf,
    features: Vec<&'static str>,
    /// The service whose lines are counted, and its number of operations.
    module: &'static str,
    operations: usize,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let work = std::env::temp_dir().join(format!("hwc-crate-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    println!("work directory: {}", work.display());
    let spec = work.join("spec");
    std::fs::create_dir_all(&spec).expect("a temporary directory");
    std::fs::write(spec.join("synthetic.yaml"), support::synthetic_spec("synthetic", 100)).expect("spec written");
    let seeds = root.join("spec");
    let one_service = vec!["--no-default-features", "--features", "modelarts"];

    let mut subjects = Vec::new();
    let mut add = |generator: &str, generate: &dyn Fn(&Path, &Path)| {
        for (spec_name, spec_dir, features, module, operations) in [
            ("synthetic, 100 operations", &spec, vec![], "synthetic", 100),
            ("spec/ with the modelarts feature alone", &seeds, one_service.clone(), "modelarts", 4),
        ] {
            let dir = work.join(format!("{generator}-{}", spec_name.replace([' ', '/', ','], "_")));
            generate(spec_dir, &dir);
            // The same dependency versions as this workspace (the lock file, trimmed offline to the
            // crate's own), and one target directory for all,
            // so the dependencies are built once and only the client is measured.
            std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file copied");
            let manifest = dir.join("Cargo.toml");
            let text = std::fs::read_to_string(&manifest).expect("manifest");
            std::fs::write(&manifest, format!("{text}\n[workspace]\n")).expect("manifest");
            subjects.push(Subject {
                name: format!("{generator}: {spec_name}"),
                dir,
                features: features.clone(),
                module,
                operations,
            });
        }
    };
    if let Ok(cli) = std::env::var("BASELINE_CLI") {
        add("baseline", &|spec_dir, out| {
            let status = Command::new(&cli)
                .args(["generate", "--spec"])
                .arg(spec_dir)
                .arg("--out")
                .arg(out)
                .output()
                .expect("the baseline CLI runs");
            assert!(status.status.success(), "baseline generate failed: {}", String::from_utf8_lossy(&status.stderr));
        });
    }
    add("this", &|spec_dir, out| {
        let files = huaweicloud_codegen::generate(spec_dir).expect("the spec generates");
        huaweicloud_codegen::write::write(out, &files).expect("the crate is written");
    });

    let target = work.join("target");
    for subject in &subjects {
        cargo(subject, &target, "build");
        cargo(subject, &target, "check");
    }
    let mut builds: Vec<Vec<Duration>> = vec![Vec::new(); subjects.len()];
    let mut checks: Vec<Vec<Duration>> = vec![Vec::new(); subjects.len()];
    for _ in 0..ROUNDS {
        for (index, subject) in subjects.iter().enumerate() {
            builds[index].push(clean_then(subject, &target, "build"));
            checks[index].push(clean_then(subject, &target, "check"));
        }
    }

    println!(
        "| crate | `cargo build` s | `cargo check` s | generated lines per operation | doc pages | largest doc page KiB |"
    );
    println!("|---|---|---|---|---|---|");
    for (index, subject) in subjects.iter().enumerate() {
        let (pages, largest) = doc_pages(subject, &target);
        println!(
            "| {} | {:.2} | {:.2} | {:.0} | {pages} | {:.0} |",
            subject.name,
            median(&mut builds[index]).as_secs_f64(),
            median(&mut checks[index]).as_secs_f64(),
            lines(&subject.dir.join("src").join(subject.module)) as f64 / subject.operations as f64,
            largest as f64 / 1024.0,
        );
    }
    // `HWC_KEEP=1` keeps the specs and crates, to look into what costs build time.
    if std::env::var_os("HWC_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }
}

fn cargo(subject: &Subject, target: &Path, command: &str) -> Duration {
    let start = Instant::now();
    let output = Command::new(env!("CARGO"))
        .arg(command)
        .args(["--quiet", "--offline"])
        .args(&subject.features)
        .env("CARGO_TARGET_DIR", target)
        .current_dir(&subject.dir)
        .output()
        .expect("cargo runs");
    let elapsed = start.elapsed();
    assert!(
        output.status.success(),
        "{command} of {} failed: {}",
        subject.name,
        String::from_utf8_lossy(&output.stderr)
    );
    elapsed
}

/// Removes the client's own artifacts (not its dependencies'), then times `command`.
fn clean_then(subject: &Subject, target: &Path, command: &str) -> Duration {
    let output = Command::new(env!("CARGO"))
        .args(["clean", "--quiet", "--offline", "-p", "huaweicloud-client"])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(&subject.dir)
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "clean failed: {}", String::from_utf8_lossy(&output.stderr));
    cargo(subject, target, command)
}

/// `cargo doc` of the crate alone: how many HTML pages it has, and the largest one's size.
fn doc_pages(subject: &Subject, target: &Path) -> (usize, u64) {
    let doc = target.join("doc").join("huaweicloud_client");
    let _ = std::fs::remove_dir_all(&doc);
    let output = Command::new(env!("CARGO"))
        .args(["doc", "--quiet", "--offline", "--no-deps"])
        .args(&subject.features)
        .env("CARGO_TARGET_DIR", target)
        .current_dir(&subject.dir)
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "doc of {} failed: {}", subject.name, String::from_utf8_lossy(&output.stderr));
    let mut pages = 0;
    let mut largest = 0;
    let mut pending = vec![doc];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("the doc directory").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "html") {
                pages += 1;
                largest = largest.max(entry.metadata().map_or(0, |m| m.len()));
            }
        }
    }
    (pages, largest)
}

/// Lines of a service's generated files (the runtime, shared by every operation, is apart).
fn lines(service: &Path) -> usize {
    std::fs::read_dir(service)
        .expect("the service's sources")
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .map(|text| text.lines().count())
        .sum()
}

fn median(runs: &mut [Duration]) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}
