//! The command line: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use huaweicloud_codegen::{Diagnostics, diff, generate, import, lint, write};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate the Huawei Cloud client crate from YAML specs, and draft those specs from the API
/// reference pages.
///
/// Exit codes: 0 success; 1 `check` found stale files, `diff --fail-on-breaking` found a
/// breaking change, `drift --fail-on-drift` found drift, or `import` failed on a page; 2 a spec error (each printed as
/// file:line:column: field: message), bad arguments, or I/O failure.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the client (only what changed, swapped in whole); a spec error changes nothing.
    Generate {
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        #[arg(long, default_value = "generated")]
        out: PathBuf,
    },
    /// List the files that differ from what the spec produces (exit 1 when stale).
    Check {
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        #[arg(long, default_value = "generated")]
        out: PathBuf,
    },
    /// Every error and warning of the spec, with its source line (exit 2 on errors).
    Lint {
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
    },
    /// API changes between two spec trees, classified as breaking, additive or
    /// documentation, with the semver bump they need.
    Diff {
        /// A directory or a git revision (`HEAD`, `main`).
        old: String,
        /// A directory or a git revision; the spec directory (the working tree) when absent.
        new: Option<String>,
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 when a change is breaking.
        #[arg(long)]
        fail_on_breaking: bool,
    },
    /// Draft spec entries from API reference pages (HTML, or their text form) into
    /// `SPEC/SERVICE.yaml`: a new file, or the operations and types an existing one lacks.
    Import {
        /// The service: the spec file's name, module and feature (`ecs`).
        #[arg(long)]
        service: String,
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// Apply the pages' current facts to the operations the file has, in place: changed
        /// rows rewritten, new ones added, gone ones removed, recorded decisions kept.
        #[arg(long)]
        update: bool,
        /// The pages; pages another one links to (a shared response page) belong here too.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
    },
    /// What the pages state now against the spec: each page's changes, classified as `diff`
    /// classifies them, the spec's curated decisions apart, new and gone operations.
    Drift {
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 when a page drifted.
        #[arg(long)]
        fail_on_drift: bool,
        /// The pages, with the pages they link to.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Generate { spec, out } => run_generate(&spec, &out),
        Command::Check { spec, out } => run_check(&spec, &out),
        Command::Lint { spec } => Ok(run_lint(&spec)),
        Command::Diff { old, new, spec, format, fail_on_breaking } => {
            run_diff(&old, new.as_deref(), &spec, format, fail_on_breaking)
        }
        Command::Import { service, spec, update: false, pages } => run_import(&service, &spec, &pages),
        Command::Import { service, spec, update: true, pages } => run_update(&service, &spec, &pages),
        Command::Drift { spec, format, fail_on_drift, pages } => run_drift(&spec, &pages, format, fail_on_drift),
    };
    result.unwrap_or_else(|message| {
        eprintln!("{message}");
        ExitCode::from(2)
    })
}

fn run_generate(spec: &Path, out: &Path) -> Result<ExitCode, String> {
    let files = generate(spec).map_err(|err| err.to_string())?;
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

fn run_check(spec: &Path, out: &Path) -> Result<ExitCode, String> {
    let files = generate(spec).map_err(|err| err.to_string())?;
    let stale = write::check(out, &files).map_err(|err| format!("cannot read {}: {err}", out.display()))?;
    if stale.is_empty() {
        println!("{} is up to date with {}", out.display(), spec.display());
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

fn run_diff(
    old: &str,
    new: Option<&str>,
    spec: &Path,
    format: Format,
    fail_on_breaking: bool,
) -> Result<ExitCode, String> {
    let old = diff::SpecTree::resolve(old, spec)?;
    let new = match new {
        Some(new) => diff::SpecTree::resolve(new, spec)?,
        None => diff::SpecTree::Directory(spec.to_path_buf()),
    };
    let report = diff::diff(&old.lower()?, &new.lower()?);
    match format {
        Format::Json => println!("{}", report.to_json()),
        Format::Text => print!("{}", report.to_text(&old.label(), &new.label())),
    }
    Ok(if fail_on_breaking && report.is_breaking() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_drift(spec: &Path, pages: &[PathBuf], format: Format, fail_on_drift: bool) -> Result<ExitCode, String> {
    let drift = huaweicloud_codegen::drift::drift(spec, pages)?;
    match format {
        Format::Json => println!("{}", drift.to_json()),
        Format::Text => print!("{}", drift.to_text(&spec.display().to_string())),
    }
    Ok(if fail_on_drift && drift.drifted() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_update(service: &str, spec: &Path, pages: &[PathBuf]) -> Result<ExitCode, String> {
    let report = import::update(service, spec, pages).map_err(|err| err.to_string())?;
    for (page, result) in &report.pages {
        println!("{}: {result}", page.display());
    }
    let verb = if report.written { "wrote" } else { "left unchanged" };
    println!("{verb} {}", report.spec_file.display());
    Ok(if report.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_import(service: &str, spec: &Path, pages: &[PathBuf]) -> Result<ExitCode, String> {
    let report = import::import(service, spec, pages).map_err(|err| err.to_string())?;
    for (page, result) in &report.pages {
        println!("{}: {result}", page.display());
    }
    let imported = report.pages.iter().filter(|(_, r)| matches!(r, import::PageResult::Imported { .. })).count();
    let verb = if report.written { "wrote" } else { "left unchanged" };
    println!("{imported} operation(s) imported; {verb} {}", report.spec_file.display());
    Ok(if report.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
