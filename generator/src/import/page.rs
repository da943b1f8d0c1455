//! A reference page as the importer reads it, whatever its form (HTML or the flattened text of
//! the seeds): a title and blocks in document order. Markup is gone; what is left is what the
//! page states, so a markup change that states the same facts reads the same.

/// One page: its file name (as given on the command line), its title, its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub file: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section title (`URI`, `Request Parameters`, `响应参数`).
    Heading(String),
    /// Running text, whitespace collapsed, with its links; a list item is a paragraph of its own.
    Paragraph(Text),
    Table(Table),
    /// A `<pre>` block: an example request or response, or a request line.
    Code(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// `Table 3` of the caption, when it has one.
    pub number: Option<u32>,
    /// The caption without its number: `Query Parameters`, `servers field description`.
    pub caption: String,
    /// Anchors a link can point at: the table's id and the names just before it.
    pub anchors: Vec<String>,
    /// Column titles (`Parameter`, `Mandatory`, `Type`, `Description`; `参数`…).
    pub header: Vec<String>,
    pub rows: Vec<Vec<Text>>,
}

/// Text with the links in it: a paragraph, or a table cell (whose block elements are on lines
/// of their own, list items as `- item`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub text: String,
    /// Each link's target (`#anchor` or `page.html`) and text.
    pub links: Vec<(String, String)>,
}

impl Text {
    pub fn plain(text: impl Into<String>) -> Text {
        Text { text: text.into(), links: Vec::new() }
    }
}

impl Table {
    /// The column whose title is one of `names` (any case).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|title| names.iter().any(|name| title.trim().eq_ignore_ascii_case(name)))
    }
}

/// Collapses runs of spaces and tabs into one space and trims each line; blank lines go.
pub fn normalize(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.split([' ', '\t', '\u{a0}']).filter(|word| !word.is_empty()).collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}
