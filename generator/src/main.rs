//! The command line: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use huaweicloud_codegen::{generate, write};

const USAGE: &str = "\
huaweicloud-codegen: generate the Huawei Cloud client crate from YAML specs

Usage:
  huaweicloud-codegen generate [--spec DIR] [--out DIR]   write the client (only changed files)
  huaweicloud-codegen check    [--spec DIR] [--out DIR]   list files that differ from the spec's output

Defaults: --spec spec, --out generated (relative to the current directory).

Exit codes:
  0  success; for `check`, the output is up to date
  1  `check` found stale files
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

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, options) = match args.split_first() {
        Some((command, rest)) if command != "--help" && command != "-h" => (command.as_str(), rest),
        _ => {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
    };
    let mut spec = PathBuf::from("spec");
    let mut out = PathBuf::from("generated");
    let mut options = options.iter();
    while let Some(option) = options.next() {
        let target = match option.as_str() {
            "--spec" => &mut spec,
            "--out" => &mut out,
            other => return Err(format!("unknown option {other:?}\n\n{USAGE}")),
        };
        *target = options.next().map(PathBuf::from).ok_or_else(|| format!("{option} needs a directory"))?;
    }

    let files = generate(&spec).map_err(|err| err.to_string())?;
    match command {
        "generate" => {
            let report = write::write(&out, &files).map_err(|err| format!("cannot write {}: {err}", out.display()))?;
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
        "check" => {
            let stale = write::check(&out, &files).map_err(|err| format!("cannot read {}: {err}", out.display()))?;
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
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}
