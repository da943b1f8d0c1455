//! Facts a description states in words: a range, a length, an item count, a default, a
//! regular expression, a list of options. Each becomes a rule or an enum only when the page
//! states it once and plainly; a statement the importer cannot settle (two ranges, a `Range:`
//! with nothing after it, a default of another type) is kept as a review note instead, since a
//! wrong rule would reject requests the service accepts.

use std::sync::LazyLock;

use regex::Regex;

/// What a description states, for a field of one kind.
#[derive(Debug, Default, PartialEq)]
pub struct Facts {
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub default: Option<String>,
    pub pattern: Option<String>,
    /// Documented values, each with its description.
    pub options: Vec<(String, Option<String>)>,
    /// What could not be settled, for a person to decide.
    pub review: Vec<String>,
}

/// A bound as the page writes it: whole, or not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

/// The kind of value a field holds, which decides what its numbers bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Float,
    Boolean,
    Array,
    Other,
}

const NUMBER: &str = r"-?\d[\d,]*(?:\.\d+)?";

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the importer's own patterns compile")
}

/// `Range: 1 to 64`, `The value ranges from 1 to 65,535`, `取值范围：1 - 256`, `1~64`: two
/// numbers and what follows them (`characters`, `IP addresses`), after a range marker.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:value range|range|ranges? from|取值范围|范围)\s*(?:is|:|：)?\s*(?:from\s+)?\[?({NUMBER})\s*(?:to|-|~|～|至|,)\s*({NUMBER})\]?\s*(\S*)"
    ))
});

/// `1 to 64 characters`, `contains 1 to 128 characters`, without a range marker.
static LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(r"(?i)({NUMBER})\s*(?:to|-|~)\s*({NUMBER})\s*(?:unicode\s+)?(?:characters|chars|bytes|个?字符)"))
});

/// `a maximum of 36 characters`, `at most 255 characters`, `最大长度为64`.
static MAX_LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:maximum of|at most|up to|no more than|最大长度为?|长度不超过)\s*({NUMBER})\s*(?:unicode\s+)?(?:characters|chars|bytes|个?字符)?"
    ))
});

/// `Default Value: ASC`, `The default value is 10`, `defaults to 0`, `默认取值：0`: a default
/// marker, then `is`, `to` or a colon, then the value.
static DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"(?i)(?:default value|default|defaults|默认取值|默认值)\s*(?:is|to|:|：)\s*("[^"]*"|'[^']*'|[^\s,;。，；()]+)"#,
    )
});

/// A whole regular expression: `^…$`.
static PATTERN: LazyLock<Regex> = LazyLock::new(|| regex(r"\^\S*\$"));

/// `Options: A, B`, `The value can be A, B, or C.`, `Enumeration values: A, B`.
static OPTIONS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:options|enumeration values|enumerated values|possible values|value options|the value can be|can be one of|枚举值|取值为)\s*[:：]?\s*([^.。;；\n]+)",
    )
});

/// A list item naming a value: `- SOFT: soft restart`, `- **0**: image classification`.
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^-\s*\**([A-Za-z0-9_.\-/:]+?)\**\s*(?:[:：]|\s-\s|：)\s*(.*)$"));

/// Values a page says "none" with.
const NOTHING: &[&str] = &["n/a", "na", "none", "null", "不涉及", "无", "-"];

pub fn read(description: &str, kind: Kind) -> Facts {
    let mut facts = Facts::default();
    ranges(description, kind, &mut facts);
    if kind == Kind::String {
        pattern(description, &mut facts);
        options(description, &mut facts);
    }
    default(description, kind, &mut facts);
    if kind == Kind::Integer {
        let values = options_of(description);
        if !values.is_empty() {
            let listed: Vec<&str> = values.iter().map(|(value, _)| value.as_str()).collect();
            facts.review.push(format!(
                "the page lists the values {}; integer enums are not in the spec yet",
                listed.join(", ")
            ));
        }
    }
    if lost_range(description) && facts.options.is_empty() {
        facts.review.push("the page's `Range:` states nothing (its list of values was lost)".into());
    }
    facts
}

fn number(text: &str) -> Option<Number> {
    let text = text.replace(',', "");
    text.parse::<i64>().map(Number::Int).ok().or_else(|| text.parse::<f64>().ok().map(Number::Float))
}

fn whole(number: Number) -> Option<u64> {
    match number {
        Number::Int(n) => u64::try_from(n).ok(),
        Number::Float(_) => None,
    }
}

/// Ranges, lengths and item counts; a kind of bound stated twice differently is not a rule.
fn ranges(description: &str, kind: Kind, facts: &mut Facts) {
    let mut numeric = Vec::new();
    let mut lengths = Vec::new();
    let mut counts = Vec::new();
    for captures in RANGE.captures_iter(description) {
        let (Some(low), Some(high)) = (number(&captures[1]), number(&captures[2])) else { continue };
        let unit = captures[3].to_lowercase();
        let is_length = unit.starts_with("character") || unit.starts_with("char") || unit.contains("字符");
        match kind {
            Kind::String if is_length || unit.is_empty() || unit.starts_with('.') => lengths.push((low, high)),
            Kind::Integer | Kind::Float if !is_length => numeric.push((low, high)),
            Kind::Array => counts.push((low, high)),
            _ => {}
        }
    }
    if kind == Kind::String {
        for captures in LENGTH.captures_iter(description) {
            if let (Some(low), Some(high)) = (number(&captures[1]), number(&captures[2])) {
                lengths.push((low, high));
            }
        }
        if lengths.is_empty()
            && let Some(captures) = MAX_LENGTH.captures(description)
            && captures
                .get(0)
                .is_some_and(|m| m.as_str().to_lowercase().contains("char") || m.as_str().contains("字符"))
            && let Some(max) = number(&captures[1])
        {
            lengths.push((Number::Int(0), max));
        }
    }
    let settle =
        |found: &mut Vec<(Number, Number)>, what: &str, review: &mut Vec<String>| -> Option<(Number, Number)> {
            found.dedup();
            match found.as_slice() {
                [] => None,
                [one] => Some(*one),
                several => {
                    let stated: Vec<String> =
                        several.iter().map(|(a, b)| format!("{} to {}", show(*a), show(*b))).collect();
                    review.push(format!("the page states several {what}s ({}); none is a rule", stated.join("; ")));
                    None
                }
            }
        };
    if let Some((low, high)) = settle(&mut numeric, "range", &mut facts.review) {
        facts.minimum = Some(low);
        facts.maximum = Some(high);
    }
    if let Some((low, high)) = settle(&mut lengths, "length", &mut facts.review) {
        facts.min_length = whole(low).filter(|&n| n > 0);
        facts.max_length = whole(high);
    }
    if let Some((low, high)) = settle(&mut counts, "item count", &mut facts.review) {
        facts.min_items = whole(low).filter(|&n| n > 0);
        facts.max_items = whole(high);
    }
}

pub fn show(number: Number) -> String {
    match number {
        Number::Int(n) => n.to_string(),
        Number::Float(n) => n.to_string(),
    }
}

fn default(description: &str, kind: Kind, facts: &mut Facts) {
    let stated: Vec<String> = DEFAULT
        .captures_iter(description)
        .map(|captures| captures[1].trim_matches(['"', '\'']).trim_end_matches(['.', '。']).to_string())
        .filter(|value| !NOTHING.contains(&value.to_lowercase().as_str()))
        .collect();
    let Some(value) = stated.first() else { return };
    if stated.iter().any(|other| other != value) {
        facts.review.push(format!("the page states several defaults ({})", stated.join(", ")));
        return;
    }
    let fits = match kind {
        Kind::String => true,
        Kind::Integer => value.parse::<i64>().is_ok(),
        Kind::Float => value.parse::<f64>().is_ok_and(f64::is_finite),
        Kind::Boolean => matches!(value.as_str(), "true" | "false"),
        Kind::Array | Kind::Other => false,
    };
    if fits {
        facts.default = Some(value.clone());
        check_default(facts);
    } else {
        facts.review.push(format!("the page's default {value:?} is not a value of the field's type"));
    }
}

/// A default that breaks the page's own rules is not kept as one (lowering would reject it).
fn check_default(facts: &mut Facts) {
    let Some(value) = facts.default.clone() else { return };
    let length = value.chars().count() as u64;
    let number = value.parse::<f64>().ok();
    let as_f64 = |n: Number| match n {
        Number::Int(n) => n as f64,
        Number::Float(n) => n,
    };
    let broken = facts.min_length.is_some_and(|min| length < min)
        || facts.max_length.is_some_and(|max| length > max)
        || number.is_some_and(|n| facts.minimum.is_some_and(|min| n < as_f64(min)))
        || number.is_some_and(|n| facts.maximum.is_some_and(|max| n > as_f64(max)))
        || facts.pattern.as_deref().and_then(|pattern| Regex::new(pattern).ok()).is_some_and(|re| !re.is_match(&value));
    if broken {
        facts.review.push(format!("the page's default {value:?} breaks its own stated rules"));
        facts.default = None;
    }
}

fn pattern(description: &str, facts: &mut Facts) {
    let found: Vec<&str> = PATTERN.find_iter(description).map(|m| m.as_str()).collect();
    match found.as_slice() {
        [] => {}
        [one] if Regex::new(one).is_ok() => facts.pattern = Some((*one).to_string()),
        [one] => facts.review.push(format!("the page's pattern {one:?} does not compile as a Rust regex")),
        several => facts.review.push(format!("the page states several patterns ({})", several.join(", "))),
    }
}

fn options(description: &str, facts: &mut Facts) {
    let options = options_of(description);
    let distinct: std::collections::BTreeSet<&str> = options.iter().map(|(value, _)| value.as_str()).collect();
    if distinct.len() < options.len() {
        facts.review.push("the page's list names a value twice; no enum is drawn from it".into());
    } else {
        facts.options = options;
    }
}

/// The values a description lists: as list items naming a value each, or after an options
/// marker (`Options: A, B`). A list only counts when every item names a value.
fn options_of(description: &str) -> Vec<(String, Option<String>)> {
    let items: Vec<&str> = description.lines().filter(|line| line.starts_with("- ")).collect();
    if !items.is_empty() {
        let values: Option<Vec<(String, Option<String>)>> = items
            .iter()
            .map(|item| {
                let captures = ITEM.captures(item)?;
                let text = captures[2].trim();
                Some((captures[1].to_string(), (!text.is_empty()).then(|| text.to_string())))
            })
            .collect();
        if let Some(values) = values.filter(|values| values.len() >= 2) {
            return values;
        }
    }
    let Some(captures) = OPTIONS.captures(description) else { return Vec::new() };
    let listed = captures[1].replace(" or ", ", ").replace(" and ", ", ").replace("、", ", ");
    let values: Vec<String> = listed
        .split([',', '，'])
        .map(|value| value.trim().trim_matches(['`', '"', '\'', '(', ')']).trim())
        .filter(|value| !value.is_empty())
        .map(str::to_string)
        .collect();
    let plain = |value: &String| {
        value.len() <= 64
            && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '/'))
    };
    if values.len() >= 2 && values.iter().all(plain) {
        values.into_iter().map(|value| (value, None)).collect()
    } else {
        Vec::new()
    }
}

/// `Range:` followed by nothing but the end of the text, a line break or `Default`.
fn lost_range(description: &str) -> bool {
    static LOST: LazyLock<Regex> =
        LazyLock::new(|| regex(r"(?i)(?:^|\s)(?:range|取值范围)\s*[:：]\s*(?:$|\n|default|约束|默认)"));
    LOST.is_match(description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_lengths_and_counts() {
        let limit = read("Number of records on each page. Range: 0 to 1024 Default Value: 10", Kind::Integer);
        assert_eq!(
            (limit.minimum, limit.maximum, limit.default.as_deref()),
            (Some(Number::Int(0)), Some(Number::Int(1024)), Some("10"))
        );
        let port = read("The value ranges from 1 to 65,535 and cannot be greater than to_port.", Kind::Integer);
        assert_eq!(port.maximum, Some(Number::Int(65535)));
        let name = read("The value can contain 1 to 64 characters.", Kind::String);
        assert_eq!((name.min_length, name.max_length), (Some(1), Some(64)));
        let tag = read("The key can contain a maximum of 36 Unicode characters.", Kind::String);
        assert_eq!((tag.min_length, tag.max_length), (None, Some(36)));
        let chinese = read("取值范围：1 - 256字符 默认取值：不涉及。", Kind::String);
        assert_eq!((chinese.min_length, chinese.max_length, chinese.default), (Some(1), Some(256), None));
        let ips = read("取值范围：0 - 1024个IP地址", Kind::Array);
        assert_eq!((ips.min_items, ips.max_items), (None, Some(1024)));
        let two = read(
            "The value ranges from 1 to 65,535. When ip_protocol is icmp, the value ranges from 0 to 255.",
            Kind::Integer,
        );
        assert_eq!((two.minimum, two.maximum), (None, None));
        assert_eq!(two.review, ["the page states several ranges (1 to 65535; 0 to 255); none is a rule"]);
    }

    #[test]
    fn defaults_patterns_and_options() {
        assert_eq!(read("The default value is SOFT .", Kind::String).default.as_deref(), Some("SOFT"));
        assert_eq!(read(r#"Its default value is "" ."#, Kind::String).default.as_deref(), Some(""));
        let wrong = read("Default Value: ten", Kind::Integer);
        assert_eq!((wrong.default, wrong.review.len()), (None, 1));
        let id = read("Range: ^[0-9a-f]{8}-[0-9a-f]{4}$。", Kind::String);
        assert_eq!(id.pattern.as_deref(), Some("^[0-9a-f]{8}-[0-9a-f]{4}$"));
        let listed = read("Specifies the type.\n- SOFT: soft restart\n- HARD: forcible restart", Kind::String);
        assert_eq!(
            listed.options,
            [("SOFT".into(), Some("soft restart".into())), ("HARD".into(), Some("forcible restart".into()))]
        );
        let inline = read("Specifies the sorting. Options: asc and desc", Kind::String);
        assert_eq!(inline.options, [("asc".into(), None), ("desc".into(), None)]);
        let can_be =
            read("Currently, the value can be SSD , SAS , SATA , co-p1 , or uh-l1 . SSD: ultra-high", Kind::String);
        let values: Vec<&str> = can_be.options.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(values, ["SSD", "SAS", "SATA", "co-p1", "uh-l1"]);
        let prose = read("The value can be left blank.", Kind::String);
        assert!(prose.options.is_empty());
        let lost = read("Definition: Sorting mode Constraints: Optional Range:\nDefault Value: ASC", Kind::String);
        assert_eq!(lost.review, ["the page's `Range:` states nothing (its list of values was lost)"]);
        assert_eq!(lost.default.as_deref(), Some("ASC"));
    }
}
