//! Checking values against the rules the API reference documents.
//!
//! Generated types implement [`Validate`] by listing their fields' rules, one call each; the
//! checks themselves live here, written and tested once. Every violation is collected (not only
//! the first) with the path of the field that broke it, such as `items[2].spec`. Messages name
//! the rule and what was measured (a length, a count, a number) but never echo a string value,
//! which may be a secret.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

/// A value with documented rules.
pub trait Validate {
    /// Checks every documented rule and reports all violations.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut validator = Validator::default();
        self.check(&mut validator);
        validator.finish()
    }

    /// Records this value's violations, with paths relative to the validator's position.
    fn check(&self, v: &mut Validator);
}

/// A documented regular expression, compiled on first use and then shared by the process.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Regex>,
}

impl Pattern {
    /// A pattern from its source; compiled on first use.
    pub const fn new(source: &'static str) -> Self {
        Pattern { source, compiled: OnceLock::new() }
    }

    /// The regex as the docs give it.
    pub fn as_str(&self) -> &'static str {
        self.source
    }

    /// Whether the value matches.
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| {
                Regex::new(self.source).expect("the generator compiled this pattern with the same regex crate")
            })
            .is_match(value)
    }
}

/// Collects violations while generated `check` methods walk a value.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<Segment>,
    violations: Vec<Violation>,
}

#[derive(Debug, Clone)]
enum Segment {
    Field(&'static str),
    Index(usize),
}

impl Validator {
    /// The string must match the documented regular expression.
    pub fn pattern(&mut self, field: &'static str, value: Option<&str>, pattern: &'static Pattern) {
        if value.is_some_and(|value| !pattern.is_match(value)) {
            self.report(field, Rule::Pattern(pattern.as_str()));
        }
    }

    /// The string's length, counted in characters as the docs count it, must be within bounds.
    pub fn length(&mut self, field: &'static str, value: Option<&str>, min: Option<usize>, max: Option<usize>) {
        if let Some(value) = value {
            let actual = value.chars().count();
            if outside(actual, min, max) {
                self.report(field, Rule::Length { min, max, actual });
            }
        }
    }

    /// The number must be within the documented range.
    pub fn range<N: PartialOrd + Copy + fmt::Display>(
        &mut self,
        field: &'static str,
        value: Option<N>,
        min: Option<N>,
        max: Option<N>,
    ) {
        if let Some(actual) = value.filter(|&actual| outside(actual, min, max)) {
            let show = |n: Option<N>| n.map(|n| n.to_string());
            self.report(field, Rule::Range { min: show(min), max: show(max), actual: actual.to_string() });
        }
    }

    /// The array's number of items must be within bounds.
    pub fn items<T>(&mut self, field: &'static str, value: Option<&[T]>, min: Option<usize>, max: Option<usize>) {
        if let Some(value) = value.filter(|value| outside(value.len(), min, max)) {
            self.report(field, Rule::Items { min, max, actual: value.len() });
        }
    }

    /// Checks a nested value's own rules, under this field's path.
    pub fn nested<T: Validate>(&mut self, field: &'static str, value: Option<&T>) {
        if let Some(value) = value {
            self.path.push(Segment::Field(field));
            value.check(self);
            self.path.pop();
        }
    }

    /// Checks each element's rules, under `field[index]`.
    pub fn each<T: Validate>(&mut self, field: &'static str, values: Option<&[T]>) {
        for (index, value) in values.unwrap_or_default().iter().enumerate() {
            self.path.push(Segment::Field(field));
            self.path.push(Segment::Index(index));
            value.check(self);
            self.path.truncate(self.path.len() - 2);
        }
    }

    /// Reports, at the current path, a value of a closed enum that the docs do not list.
    pub fn not_one_of(&mut self, allowed: &'static [&'static str]) {
        self.violations.push(Violation { path: render(&self.path), rule: Rule::OneOf(allowed) });
    }

    fn report(&mut self, field: &'static str, rule: Rule) {
        self.path.push(Segment::Field(field));
        self.violations.push(Violation { path: render(&self.path), rule });
        self.path.pop();
    }

    /// `Ok` when no rule was broken.
    pub fn finish(self) -> Result<(), ValidationError> {
        if self.violations.is_empty() { Ok(()) } else { Err(ValidationError { violations: self.violations }) }
    }
}

fn outside<N: PartialOrd>(actual: N, min: Option<N>, max: Option<N>) -> bool {
    min.is_some_and(|min| actual < min) || max.is_some_and(|max| actual > max)
}

fn render(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Field(name) if out.is_empty() => out.push_str(name),
            Segment::Field(name) => {
                out.push('.');
                out.push_str(name);
            }
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// Every rule a value broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Each broken rule, in the order found.
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} documented rule(s) broken: ", self.violations.len())?;
        for (index, violation) in self.violations.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl ValidationError {
    /// `Required` violations for the parameters whose flag is true.
    pub fn missing(parameters: &[(&str, bool)]) -> ValidationError {
        let violations = parameters
            .iter()
            .filter(|(_, missing)| *missing)
            .map(|(name, _)| Violation { path: name.to_string(), rule: Rule::Required })
            .collect();
        ValidationError { violations }
    }
}

impl std::error::Error for ValidationError {}

/// One broken rule: where, and which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The field's path from the validated value, e.g. `items[2].spec`.
    pub path: String,
    /// The rule broken there.
    pub rule: Rule,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.rule)
    }
}

/// The documented rule a value broke, with what was measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// The string does not match this regex.
    Pattern(&'static str),
    /// The string's length in characters is out of bounds.
    Length {
        /// The least allowed, when bounded.
        min: Option<usize>,
        /// The most allowed, when bounded.
        max: Option<usize>,
        /// What the value has.
        actual: usize,
    },
    /// The number is out of the documented range.
    Range {
        /// The least allowed, when bounded.
        min: Option<String>,
        /// The most allowed, when bounded.
        max: Option<String>,
        /// The value.
        actual: String,
    },
    /// The array's number of items is out of bounds.
    Items {
        /// The least allowed, when bounded.
        min: Option<usize>,
        /// The most allowed, when bounded.
        max: Option<usize>,
        /// What the value has.
        actual: usize,
    },
    /// The value is not one of these (a closed enum's).
    OneOf(&'static [&'static str]),
    /// A required parameter was not set.
    Required,
    /// A path parameter was empty, `.` or `..`: the path would name another resource
    /// (`/v1/../notebooks` is `/notebooks`).
    PathSegment,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Pattern(pattern) => write!(f, "does not match the pattern {pattern}"),
            Rule::Length { min, max, actual } => write!(f, "length {actual} is outside {}", bounds(min, max)),
            Rule::Range { min, max, actual } => write!(f, "value {actual} is outside {}", bounds(min, max)),
            Rule::Items { min, max, actual } => write!(f, "{actual} item(s) is outside {}", bounds(min, max)),
            Rule::OneOf(allowed) => write!(f, "is not one of the documented values {}", allowed.join(", ")),
            Rule::Required => f.write_str("is required but was not set"),
            Rule::PathSegment => f.write_str("is empty, `.` or `..`, which would change the request's path"),
        }
    }
}

/// As Rust writes ranges: `1..=64`, `0..`, `..=1024`.
fn bounds<T: fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}..={max}"),
        (Some(min), None) => format!("{min}.."),
        (None, Some(max)) => format!("..={max}"),
        (None, None) => "..".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static DIGITS: Pattern = Pattern::new("^[0-9]{1,3}$");

    struct Leaf {
        code: String,
    }

    impl Validate for Leaf {
        fn check(&self, v: &mut Validator) {
            v.pattern("code", Some(&self.code), &DIGITS);
            v.length("code", Some(&self.code), Some(1), Some(2));
        }
    }

    struct Root {
        leaves: Vec<Leaf>,
        count: Option<i32>,
    }

    impl Validate for Root {
        fn check(&self, v: &mut Validator) {
            v.items("leaves", Some(&self.leaves), None, Some(2));
            v.each("leaves", Some(&self.leaves));
            v.range("count", self.count, Some(0), Some(10));
        }
    }

    #[test]
    fn reports_every_violation_with_its_path() {
        let root = Root {
            leaves: vec![Leaf { code: "1".into() }, Leaf { code: "x".into() }, Leaf { code: "123".into() }],
            count: Some(11),
        };
        let paths: Vec<String> = root.validate().unwrap_err().violations.iter().map(ToString::to_string).collect();
        assert_eq!(
            paths,
            [
                "leaves: 3 item(s) is outside ..=2",
                "leaves[1].code: does not match the pattern ^[0-9]{1,3}$",
                "leaves[2].code: length 3 is outside 1..=2",
                "count: value 11 is outside 0..=10",
            ]
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let mut v = Validator::default();
        v.length("name", Some("名字"), None, Some(2));
        assert!(v.finish().is_ok());
    }
}
