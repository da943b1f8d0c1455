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

/// `0 to 1,024 IP addresses`, `1 to 10 items`: a count of what an array holds.
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(r"(?i)({NUMBER})\s*(?:to|-|~)\s*({NUMBER})\s*个?\s*([A-Za-z][A-Za-z ]*s\b|[^\x00-\x7f]+)"))
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
    // Case-sensitive: `DEFAULT: free instance` is an option named DEFAULT, not a default.
    regex(
        r#"(?:[Dd]efault [Vv]alue|[Dd]efaults?|默认取值|默认值)\s*(?:is|to|:|：)\s*("[^"]*"|'[^']*'|[^\s,;。，；()]+)(\s+\S+\s+for\b)?"#,
    )
});

/// `The maximum value is 4096`, `The minimum value is 1`.
static EXTREME: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?i)(maximum|minimum|max|min)\s+value\s+(?:is|of)\s+({NUMBER})")));

/// A whole regular expression: `^…$`.
static PATTERN: LazyLock<Regex> = LazyLock::new(|| regex(r"\^\S*\$"));

/// `Options: A, B`, `The value can be A, B, or C.`, `Enumeration values: A, B`.
static OPTIONS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:options|enumeration values|enumerated values|possible values|value options|the value can be|can be one of|枚举值|取值为)\s*[:：]?\s*([^.。;；\n]+)",
    )
});

/// A list item naming a value: `- SOFT: soft restart`, `- **0**: image classification`,
/// `- ASC升序。` (a value, then the description in another script), `- GPU` (a value alone).
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^-\s*\**([A-Za-z0-9_.\-/:]+?)\**\s*(?:[:：]|\s-\s)\s*(.*)$|^-\s*([A-Za-z0-9_.\-]+)([^\x00-\x7f].*)?$")
});

/// A marker introducing a list of values, the items following inline: `枚举值如下: - A - B`.
static LIST_MARKER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)(?:options|枚举值如下|取值如下|取值范围如下|the options are)\s*[:：]\s*(-\s.*)$"));

/// A line ending with an options marker, the items on the lines after it.
static LINES_MARKER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)(?:options|enumeration values|value options|枚举值如下|取值如下)\s*[:：]\s*$"));

/// One such item: a value, a colon, and what it means.
static LINE_ITEM: LazyLock<Regex> = LazyLock::new(|| regex(r"^[A-Za-z0-9_.\-]+\s*[:：]\s*\S"));

/// Values a page says "none" with.
const NOTHING: &[&str] = &["n/a", "na", "none", "null", "不涉及", "无", "-"];

pub fn read(description: &str, kind: Kind) -> Facts {
    let mut facts = Facts::default();
    ranges(description, kind, &mut facts);
    if kind == Kind::String {
        pattern(description, &mut facts);
    }
    // Listed values name what a string, or each string of an array, may be.
    if matches!(kind, Kind::String | Kind::Array) {
        options(description, &mut facts);
    }
    default(description, kind, &mut facts);
    if kind == Kind::Integer {
        let values = options_of(description);
        if values.iter().all(|(value, _)| value.parse::<i64>().is_ok()) {
            facts.options = values;
        } else {
            let listed: Vec<&str> = values.iter().map(|(value, _)| value.as_str()).collect();
            facts.review.push(format!("the page lists values that are not numbers ({})", listed.join(", ")));
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
    // Each stated (lower, upper) bound; "a maximum of 36 characters" states no lower one.
    let mut numeric: Vec<(Option<Number>, Option<Number>)> = Vec::new();
    let mut lengths = Vec::new();
    let mut counts = Vec::new();
    for captures in RANGE.captures_iter(description) {
        let (Some(low), Some(high)) = (number(&captures[1]), number(&captures[2])) else { continue };
        let unit = captures[3].to_lowercase();
        let is_length = unit.starts_with("character") || unit.starts_with("char") || unit.contains("字符");
        let bounds = (Some(low), Some(high));
        match kind {
            Kind::String if is_length || unit.is_empty() || unit.starts_with('.') => lengths.push(bounds),
            Kind::Integer | Kind::Float if !is_length => numeric.push(bounds),
            Kind::Array => counts.push(bounds),
            _ => {}
        }
    }
    if kind == Kind::String {
        for captures in LENGTH.captures_iter(description) {
            if let (Some(low), Some(high)) = (number(&captures[1]), number(&captures[2])) {
                lengths.push((Some(low), Some(high)));
            }
        }
        if lengths.is_empty()
            && let Some(captures) = MAX_LENGTH.captures(description)
            && captures
                .get(0)
                .is_some_and(|m| m.as_str().to_lowercase().contains("char") || m.as_str().contains("字符"))
        {
            lengths.push((None, number(&captures[1])));
        }
    }
    if kind == Kind::Array && counts.is_empty() {
        for captures in COUNT.captures_iter(description) {
            if let (Some(low), Some(high)) = (number(&captures[1]), number(&captures[2])) {
                counts.push((Some(low), Some(high)));
            }
        }
    }
    if numeric.is_empty() && matches!(kind, Kind::Integer | Kind::Float) {
        let (mut low, mut high) = (None, None);
        for captures in EXTREME.captures_iter(description) {
            let bound = number(&captures[2]);
            if captures[1].to_lowercase().starts_with("max") { high = high.or(bound) } else { low = low.or(bound) }
        }
        if low.is_some() || high.is_some() {
            numeric.push((low, high));
        }
    }
    let settle = |found: &mut Vec<(Option<Number>, Option<Number>)>, what: &str, review: &mut Vec<String>| {
        found.dedup();
        match found.as_slice() {
            [] => (None, None),
            [one] => *one,
            several => {
                let show = |n: Option<Number>| n.map_or_else(String::new, show);
                let stated: Vec<String> =
                    several.iter().map(|(a, b)| format!("{} to {}", show(*a), show(*b))).collect();
                review.push(format!("the page states several {what}s ({}); none is a rule", stated.join("; ")));
                (None, None)
            }
        }
    };
    (facts.minimum, facts.maximum) = settle(&mut numeric, "range", &mut facts.review);
    let (low, high) = settle(&mut lengths, "length", &mut facts.review);
    (facts.min_length, facts.max_length) = (low.and_then(whole), high.and_then(whole));
    let (low, high) = settle(&mut counts, "item count", &mut facts.review);
    (facts.min_items, facts.max_items) = (low.and_then(whole), high.and_then(whole));
}

pub fn show(number: Number) -> String {
    match number {
        Number::Int(n) => n.to_string(),
        Number::Float(n) => n.to_string(),
    }
}

fn default(description: &str, kind: Kind, facts: &mut Facts) {
    let mut stated = Vec::new();
    for captures in DEFAULT.captures_iter(description) {
        let value = captures[1].trim_matches(['"', '\'']).trim_end_matches(['.', '。']).to_string();
        if NOTHING.contains(&value.to_lowercase().as_str()) {
            continue;
        }
        // "The default value is 5 GB for EVS and 50 GB for EFS": one default per case.
        if captures.get(2).is_some() {
            facts.review.push(format!("the page states a default for some cases only ({})", captures[0].trim()));
            return;
        }
        stated.push(value);
    }
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
    let mut items: Vec<String> =
        description.lines().filter(|line| line.starts_with("- ")).map(str::to_string).collect();
    if items.is_empty() {
        // Items as paragraphs after a line that ends with the marker: `Options:` then
        // `anti-affinity: ECSs …` on a line each.
        let lines = description.lines().skip_while(|line| !LINES_MARKER.is_match(line)).skip(1);
        items = lines.take_while(|line| LINE_ITEM.is_match(line)).map(|line| format!("- {line}")).collect();
    }
    if items.is_empty() {
        // A flattened list: `取值范围:枚举值如下: - ASC升序。 - DESC降序。 默认取值:不涉及。`
        if let Some(captures) = LIST_MARKER.captures(description) {
            let list = DEFAULT.find(&captures[1]).map_or(&captures[1], |default| &captures[1][..default.start()]);
            let list = list.split("默认取值").next().unwrap_or(list);
            items = list.split(" - ").map(|item| format!("- {}", item.trim().trim_start_matches("- "))).collect();
        }
    }
    if !items.is_empty() {
        let values: Option<Vec<(String, Option<String>)>> = items
            .iter()
            .map(|item| {
                let captures = ITEM.captures(item)?;
                let (value, text) = match captures.get(1) {
                    Some(value) => (value.as_str(), captures.get(2).map_or("", |m| m.as_str())),
                    None => (captures.get(3)?.as_str(), captures.get(4).map_or("", |m| m.as_str())),
                };
                let text = text.trim().trim_end_matches(['。', '.']).trim();
                Some((value.to_string(), (!text.is_empty()).then(|| text.to_string())))
            })
            .collect();
        if let Some(values) = values.filter(|values| values.len() >= 2) {
            return values;
        }
    }
    if let Some(flat) = flat_items(description) {
        return flat;
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

/// Values named inline after an options marker, each with its description:
/// `Options: PROCESSING: The task is running. SUCCESS: The task is complete.`
fn flat_items(description: &str) -> Option<Vec<(String, Option<String>)>> {
    static MARKER: LazyLock<Regex> =
        LazyLock::new(|| regex(r"(?i)(?:options|enumeration values|value options)\s*[:：]\s*"));
    static VALUE: LazyLock<Regex> = LazyLock::new(|| regex(r"(?:^|\s)([A-Z0-9][A-Za-z0-9_.\-]*)\s*[:：]\s"));
    let start = MARKER.find(description)?.end();
    let rest = &description[start..];
    let rest = DEFAULT.find(rest).map_or(rest, |default| &rest[..default.start()]);
    let found: Vec<(usize, usize, &str)> = VALUE
        .captures_iter(rest)
        .filter_map(|c| Some((c.get(0)?.start(), c.get(0)?.end(), c.get(1)?.as_str())))
        .collect();
    if found.len() < 2 || found[0].0 != 0 {
        return None;
    }
    let items = found
        .iter()
        .enumerate()
        .map(|(index, (_, end, value))| {
            let until = found.get(index + 1).map_or(rest.len(), |next| next.0);
            let text = rest[*end..until].trim().trim_end_matches(['.', '。']).trim();
            ((*value).to_string(), (!text.is_empty()).then(|| text.to_string()))
        })
        .collect();
    Some(items)
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
        let plain = read("Addresses, 0 to 1,024 IP addresses.", Kind::Array);
        assert_eq!((plain.min_items, plain.max_items), (Some(0), Some(1024)));
        let ips = read("取值范围：0 - 1024个IP地址", Kind::Array);
        assert_eq!((ips.min_items, ips.max_items), (Some(0), Some(1024)));
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
        let lines = read("The policies. Options:\nanti-affinity: apart.\naffinity: together.\nNOTE:", Kind::String);
        assert_eq!(
            lines.options,
            [("anti-affinity".into(), Some("apart".into())), ("affinity".into(), Some("together".into()))]
        );
        let inline = read("Specifies the sorting. Options: asc and desc", Kind::String);
        assert_eq!(inline.options, [("asc".into(), None), ("desc".into(), None)]);
        let can_be =
            read("Currently, the value can be SSD , SAS , SATA , co-p1 , or uh-l1 . SSD: ultra-high", Kind::String);
        let values: Vec<&str> = can_be.options.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(values, ["SSD", "SAS", "SATA", "co-p1", "uh-l1"]);
        let flat =
            read("Task status. Options: PROCESSING: The task is running. SUCCESS: It is complete.", Kind::String);
        assert_eq!(
            flat.options,
            [
                ("PROCESSING".into(), Some("The task is running".into())),
                ("SUCCESS".into(), Some("It is complete".into()))
            ]
        );
        let prose = read("The value can be left blank.", Kind::String);
        assert!(prose.options.is_empty());
        let lost = read("Definition: Sorting mode Constraints: Optional Range:\nDefault Value: ASC", Kind::String);
        assert_eq!(lost.review, ["the page's `Range:` states nothing (its list of values was lost)"]);
        assert_eq!(lost.default.as_deref(), Some("ASC"));
    }
}
