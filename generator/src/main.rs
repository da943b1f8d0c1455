//! The command line: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use huaweicloud_codegen::{Diagnostics, diff, generate, lint, write};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
huaweicloud-codegen: generate the Huawei Cloud client crate from YAML specs

Usage:
  huaweicloud-codegen generate [--spec DIR] [--out DIR]   write the client (only what changed, swapped in whole)
  huaweicloud-codegen check    [--spec DIR] [--out DIR]   list the files that differ from what the spec produces
  huaweicloud-codegen lint     [--spec DIR]               every error and warning, with the source line
  huaweicloud-codegen diff OLD [NEW] [--format json] [--fail-on-breaking]
                                                          API changes between two spec trees, classified as
                                                          breaking or additive, with the semver bump they need;
                                                          OLD and NEW are directories or git revisions
                                                          (NEW defaults to --spec, the working tree)

Defaults: --spec spec, --out generated (relative to the current directory).

Exit codes:
  0  success (for `check`: up to date; for `lint`: no errors, warnings allowed)
  1  `check` found stale files, or `diff --fail-on-breaking` found a breaking change
  2  the spec has errors (each printed as file:line:column: field: message), or I/O failed";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// The parsed command line.
struct Options {
    spec: PathBuf,
    out: PathBuf,
    json: bool,
    fail_on_breaking: bool,
    positional: Vec<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        spec: "spec".into(),
        out: "generated".into(),
        json: false,
        fail_on_breaking: false,
        positional: vec![],
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--spec" | "--out" | "--format" => {
                let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
                match arg.as_str() {
                    "--spec" => options.spec = value.into(),
                    "--out" => options.out = value.into(),
                    _ if value == "json" || value == "text" => options.json = value == "json",
                    _ => return Err(format!("--format takes text or json, found {value:?}")),
                }
            }
            "--fail-on-breaking" => options.fail_on_breaking = true,
            other if other.starts_with("--") => return Err(format!("unknown option {other:?}\n\n{USAGE}")),
            other => options.positional.push(other.to_string()),
        }
    }
    Ok(options)
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first().filter(|(c, _)| !matches!(c.as_str(), "--help" | "-h" | "help"))
    else {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    let options = parse(rest)?;
    match command.as_str() {
        "generate" => run_generate(&options),
        "check" => run_check(&options),
        "lint" => Ok(run_lint(&options.spec)),
        "diff" => run_diff(&options),
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}

fn run_generate(options: &Options) -> Result<ExitCode, String> {
    let files = generate(&options.spec).map_err(|err| err.to_string())?;
    let out = &options.out;
    let report = write::write(out, &files).map_err(|err| format!("cannot write {}: {err}", out.display()))?;
    for path in &report.written {
        println!("wrote {}", out.join(path).display());
    }
    for path in &report.removed {
        println!("removed {}", out.join(path).display());
    }
    println!(
        "{} file(s) written, {} removed, {} unchanged",
        report.written.len(),
        report.removed.len(),
        report.unchanged
    );
    Ok(ExitCode::SUCCESS)
}

fn run_check(options: &Options) -> Result<ExitCode, String> {
    let files = generate(&options.spec).map_err(|err| err.to_string())?;
    let out = &options.out;
    let stale = write::check(out, &files).map_err(|err| format!("cannot read {}: {err}", out.display()))?;
    if stale.is_empty() {
        println!("{} is up to date with {}", out.display(), options.spec.display());
        return Ok(ExitCode::SUCCESS);
    }
    for entry in &stale {
        println!("{entry}");
    }
    println!("{} is stale: run `cargo run -p huaweicloud-codegen -- generate`", out.display());
    Ok(ExitCode::from(1))
}

fn run_lint(spec: &Path) -> ExitCode {
    let diagnostics: Diagnostics = lint(spec);
    for diagnostic in &diagnostics.0 {
        let source = std::fs::read_to_string(&diagnostic.file).ok();
        println!("{}", diagnostic.render(source.as_deref()));
    }
    println!("{}", summary(&diagnostics));
    if diagnostics.has_errors() { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

fn summary(diagnostics: &Diagnostics) -> String {
    let errors =
        diagnostics.0.iter().filter(|d| d.severity == huaweicloud_codegen::diagnostic::Severity::Error).count();
    format!("{errors} error(s), {} warning(s)", diagnostics.0.len() - errors)
}

fn run_diff(options: &Options) -> Result<ExitCode, String> {
    let (old, new) = match options.positional.as_slice() {
        [old] => (old.as_str(), None),
        [old, new] => (old.as_str(), Some(new.as_str())),
        _ => return Err(format!("diff takes OLD and, optionally, NEW\n\n{USAGE}")),
    };
    let old = diff::SpecTree::resolve(old, &options.spec)?;
    let new = match new {
        Some(new) => diff::SpecTree::resolve(new, &options.spec)?,
        None => diff::SpecTree::Directory(options.spec.clone()),
    };
    let report = diff::diff(&old.lower()?, &new.lower()?);
    if options.json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.to_text(&old.label(), &new.label()));
    }
    Ok(if options.fail_on_breaking && report.is_breaking() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
