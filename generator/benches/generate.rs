//! Generation speed and scale: the whole `spec/` and synthetic specs of 10, 100 and 1,000
//! operations in one file, and of 1,000 split over ten services as a large `spec/` would be;
//! timed stage by stage (median of several runs), with the growth from 100 to 1,000 operations
//! as the ratio that must stay close to 10 (linear). Run with
//! `cargo bench -p huaweicloud-codegen --bench generate`.

mod support;

/// The CLI's allocator, so the figures are the CLI's; `--no-default-features` measures the
/// system allocator, as a build script using the library gets it.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use huaweicloud_codegen::{emit, load, lower, write};

struct Stages {
    load: Duration,
    lower: Duration,
    emit: Duration,
    /// Where emit's CPU time went (summed over its threads): building tokens, and formatting.
    emit_cpu: emit::Timings,
    write: Duration,
    /// The YAML library alone parsing the same files into nothing (`IgnoredAny`), side by side
    /// as `load` does: what loading cannot go below while this library parses the spec.
    yaml_alone: Duration,
    lines: usize,
}

impl Stages {
    fn total(&self) -> Duration {
        self.load + self.lower + self.emit + self.write
    }

    /// What generation cannot go below with this YAML library and prettyplease: the library
    /// parsing the spec, plus formatting (syn's parse and prettyplease's print, on which the
    /// output depends) spread over every core. The rest is the generator's own work.
    fn floor(&self) -> Duration {
        self.yaml_alone + self.emit_cpu.format / cores()
    }
}

fn cores() -> u32 {
    std::thread::available_parallelism().map_or(1, |n| n.get() as u32)
}

/// The YAML library parsing every spec file in `dir` into nothing, as many at a time as there
/// are cores (the whole file set's time divided by the cores, or the largest file's, if more).
fn yaml_alone(dir: &Path) -> Duration {
    let mut times: Vec<Duration> = std::fs::read_dir(dir)
        .expect("the spec directory lists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "yaml" || extension == "yml"))
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("a spec file");
            let start = Instant::now();
            let _: serde::de::IgnoredAny = serde_saphyr::from_str(&text).expect("the spec is YAML");
            start.elapsed()
        })
        .collect();
    times.sort();
    let largest = times.last().copied().unwrap_or_default();
    (times.iter().sum::<Duration>() / cores()).max(largest)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Generates the client from the spec directory `dir` `runs` times, as the CLI does: every
/// file in it loaded, lowered, emitted and written.
fn measure(name: &str, dir: &Path, runs: usize) -> Stages {
    let out = std::env::temp_dir().join(format!("hwc-bench-{}-{name}", std::process::id()));
    let mut samples: Vec<[Duration; 7]> = Vec::new();
    let mut lines = 0;
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&out);
        let start = Instant::now();
        let files = load::load_dir(dir).expect("the bench spec loads");
        let loaded = start.elapsed();
        let start = Instant::now();
        let api = lower::lower(&files).expect("the bench spec lowers");
        let lowered = start.elapsed();
        let start = Instant::now();
        let (files, cpu) = emit::emit_timed(&api).expect("the bench spec emits");
        let emitted = start.elapsed();
        let start = Instant::now();
        write::write(&out, &files).expect("the output is writable");
        let written = start.elapsed();
        lines = files
            .iter()
            .filter(|(p, _)| p.starts_with("src") && !p.starts_with("src/runtime"))
            .map(|(_, t)| t.lines().count())
            .sum();
        samples.push([loaded, lowered, emitted, written, cpu.build, cpu.format, yaml_alone(dir)]);
    }
    let _ = std::fs::remove_dir_all(&out);
    let stage = |i: usize| median(samples.iter().map(|s| s[i]).collect());
    let emit_cpu = emit::Timings { build: stage(4), format: stage(5) };
    Stages { load: stage(0), lower: stage(1), emit: stage(2), emit_cpu, write: stage(3), yaml_alone: stage(6), lines }
}

/// A spec directory of synthetic services, `services` of `operations` each.
fn synthetic_dir(services: usize, operations: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hwc-bench-spec-{}-{services}x{operations}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary spec directory");
    for index in 0..services {
        let service = format!("synthetic_{index}");
        let text = support::synthetic_spec(&service, operations);
        std::fs::write(dir.join(format!("{service}.yaml")), text).expect("the spec file is writable");
    }
    dir
}

/// The rows of one-file synthetic specs, whose growth from 100 to 1,000 operations is reported.
const ONE_FILE: &str = "synthetic, 1 file";

fn ms(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1000.0)
}

fn main() {
    println!(
        "| spec | operations | load ms | lower ms | emit ms | (format share of emit CPU) | write ms | total ms | floor ms (YAML library alone + formatting ÷ cores) | total ÷ floor | generated lines per operation |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let operations = lower::lower(&load::load_dir(&spec).expect("spec/ loads")).expect("spec/ lowers");
    let operations = operations.services.iter().map(|service| service.operations.len()).sum();
    // (name, operations, spec directory, runs, whether the directory is the bench's to remove)
    let mut rows = vec![("spec/".to_string(), operations, spec, 9, false)];
    for n in [10usize, 100, 1000] {
        rows.push((ONE_FILE.to_string(), n, synthetic_dir(1, n), if n >= 1000 { 3 } else { 7 }, true));
    }
    rows.push(("synthetic, 10 files of 100".to_string(), 1000, synthetic_dir(10, 100), 3, true));
    let mut totals = Vec::new();
    for (name, operations, dir, runs, temporary) in &rows {
        let stages = measure(&format!("{name}-{operations}").replace(['/', ' ', ','], "_"), dir, *runs);
        if *temporary {
            let _ = std::fs::remove_dir_all(dir);
        }
        let cpu = stages.emit_cpu;
        let share = cpu.format.as_secs_f64() / (cpu.build + cpu.format).as_secs_f64();
        println!(
            "| {name} | {operations} | {} | {} | {} | {:.0}% | {} | {} | {} ({} + {}) | {:.2} | {:.0} |",
            ms(stages.load),
            ms(stages.lower),
            ms(stages.emit),
            share * 100.0,
            ms(stages.write),
            ms(stages.total()),
            ms(stages.floor()),
            ms(stages.yaml_alone),
            ms(stages.emit_cpu.format / cores()),
            stages.total().as_secs_f64() / stages.floor().as_secs_f64(),
            stages.lines as f64 / *operations as f64
        );
        totals.push((name.clone(), *operations, stages.total()));
    }
    let one_file = |n: usize| {
        let (.., total) = totals.iter().find(|(name, ops, _)| name == ONE_FILE && *ops == n).unwrap();
        total.as_secs_f64()
    };
    println!(
        "\ngrowth from 100 to 1,000 operations (one file): {:.1}x the time for 10x the operations (10.0 is linear)",
        one_file(1000) / one_file(100)
    );
}
