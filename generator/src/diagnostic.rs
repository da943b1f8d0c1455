//! Errors in a spec, each pointing at a file, line, column and field.
//!
//! Every stage reports through this one type so the CLI, a build script and the tests render
//! problems identically: `error: spec/x.yaml:12:9: types[Foo].fields[id].pattern: expected …, found …`.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::load::Loc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// Absent only for problems with the file as a whole (it cannot be read).
    pub loc: Option<Loc>,
    /// The field path inside the spec, e.g. `types[ServerResponse].fields[id].pattern`.
    pub field: Option<String>,
    /// What was expected and what was found.
    pub message: String,
}

impl Diagnostic {
    /// A semantic error found while lowering: names the field, what was expected and found.
    pub fn spec(file: &Path, loc: Loc, field: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            loc: Some(loc),
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// A file that is not well-formed YAML or does not have the spec's shape.
    pub fn yaml(file: &Path, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            loc: Some(loc),
            field: None,
            message: message.into(),
        }
    }

    /// A file or directory that cannot be read or written.
    pub fn io(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            loc: None,
            field: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.file.display())?;
        if let Some(loc) = self.loc {
            write!(f, ":{loc}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// All problems found in one run; a run reports as many as it can instead of stopping at one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// `Ok(value)` when nothing was reported, the diagnostics otherwise, sorted by position.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.0.sort_by(|a, b| (&a.file, a.loc).cmp(&(&b.file, b.loc)));
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let errors = self.0.iter().filter(|d| d.severity == Severity::Error).count();
        write!(f, "{errors} error(s) in the spec")
    }
}

impl std::error::Error for Diagnostics {}
