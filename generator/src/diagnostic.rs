//! Errors in a spec, each pointing at a file, line, column and field.
//!
//! Every stage reports through this one type so the CLI, a build script and the tests render
//! problems identically: `error: spec/x.yaml:12:9: types[Foo].fields[id].pattern: expected …, found …`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a spec file, 1-based as editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

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

    /// The generator itself failed on this file (`doing` it panicked): a bug to report, not
    /// the spec's fault, so it has no place in the file to point at.
    pub(crate) fn internal(file: &Path, doing: &str) -> Self {
        Diagnostic::io(file, format!("internal error: {doing} this file panicked; please report it"))
    }
}

impl Diagnostic {
    /// Rendered like rustc: the message, the location, the source line with a caret under the
    /// offending value, and the field. `source` is the file's text, when it could be read.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut out = format!("{}: {}\n", self.severity_name(), self.message);
        let Some(loc) = self.loc else {
            out.push_str(&format!("  --> {}\n", self.file.display()));
            return out;
        };
        let gutter = " ".repeat(loc.line.to_string().len());
        out.push_str(&format!("{gutter}--> {}:{loc}\n", self.file.display()));
        let line = source.and_then(|text| text.lines().nth((loc.line as usize).saturating_sub(1)));
        if let Some(line) = line {
            let start = (loc.column as usize).saturating_sub(1);
            let indent: String = line.chars().take(start).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            let carets = "^".repeat(value_width(line.chars().skip(start)));
            out.push_str(&format!("{gutter} |\n{} | {line}\n{gutter} | {indent}{carets}\n", loc.line));
        }
        if let Some(field) = &self.field {
            out.push_str(&format!("{gutter} = field: {field}\n"));
        }
        out
    }

    fn severity_name(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// How many characters the YAML value starting here spans: a quoted string to its closing
/// quote, anything else up to the next `,`, `}`, `]` or comment, at least one.
fn value_width(mut rest: impl Iterator<Item = char> + Clone) -> usize {
    let Some(first) = rest.clone().next() else { return 1 };
    if first == '\'' || first == '"' {
        let body = rest.clone().skip(1).position(|c| c == first);
        return body.map_or(1, |length| length + 2);
    }
    let text: String = rest.by_ref().take_while(|c| !matches!(c, ',' | '}' | ']' | '#')).collect();
    text.trim_end().chars().count().max(1)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity_name(), self.file.display())?;
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
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() { Ok(value) } else { Err(self.sorted()) }
    }

    /// In file and position order, so output is stable whatever order checks ran in.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| (&a.file, a.loc).cmp(&(&b.file, b.loc)));
        self
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
        let warnings = self.0.len() - errors;
        write!(f, "{errors} error(s)")?;
        if warnings > 0 {
            write!(f, ", {warnings} warning(s)")?;
        }
        f.write_str(" in the spec")
    }
}

impl std::error::Error for Diagnostics {}
