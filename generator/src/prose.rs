//! What a description says, its presentation aside: the one reading of page text that the
//! importer (`import --update`) and the classifier (`diff`, `drift`) share.

/// A text's words, lowercased: markup, list formatting, punctuation and case do not count.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether two texts (or their absence) say the same words.
pub fn same_words(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(words) == b.map(words)
}
