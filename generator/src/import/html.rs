//! The HTML form of a reference page into a [`Page`], with a real HTML parser (scraper, on
//! html5ever): the `<h1>` title, section headings, running text, tables with their captions,
//! anchors and links, and `<pre>` blocks, in document order. Inline markup (`<span>`,
//! `<strong>`, `<a>`) is read as the text it holds; a list item is a paragraph of its own.

use scraper::{ElementRef, Html, Node};

use super::page::{Block, Page, Table, Text, normalize};

pub fn read(file: &str, text: &str) -> Page {
    let document = Html::parse_document(text);
    let mut reader = Reader { title: None, blocks: Vec::new(), inline: String::new(), links: Vec::new() };
    reader.children(document.root_element());
    reader.flush();
    Page { file: file.to_string(), title: reader.title.unwrap_or_default(), blocks: reader.blocks }
}

struct Reader {
    title: Option<String>,
    blocks: Vec<Block>,
    /// Inline text of the paragraph being read, and its links.
    inline: String,
    links: Vec<(String, String)>,
}

impl Reader {
    fn children(&mut self, element: ElementRef) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.inline.push_str(text),
                Node::Element(_) => {
                    if let Some(element) = ElementRef::wrap(child) {
                        self.element(element);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef) {
        match element.value().name() {
            "h1" => {
                self.flush();
                let title = inline_text(element);
                if self.title.is_none() {
                    self.title = Some(title);
                } else {
                    self.blocks.push(Block::Heading(title));
                }
            }
            "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.blocks.push(Block::Heading(inline_text(element)));
            }
            "table" => {
                self.flush();
                self.blocks.push(Block::Table(table(element)));
            }
            "pre" => {
                self.flush();
                let text: String = element.text().collect();
                self.blocks.push(Block::Code(without_export_pipes(&text).trim().to_string()));
            }
            "script" | "style" | "head" | "title" => {}
            "a" => {
                if let Some(href) = element.value().attr("href") {
                    self.links.push((href.to_string(), inline_text(element)));
                }
                self.children(element);
            }
            "li" => {
                self.flush();
                self.inline.push_str("- ");
                self.children(element);
                self.flush();
            }
            "br" | "p" | "div" | "ul" | "ol" | "section" | "body" | "html" | "dl" | "dt" | "dd" | "blockquote" => {
                self.flush();
                self.children(element);
                self.flush();
            }
            _ => self.children(element),
        }
    }

    fn flush(&mut self) {
        let text = collapse(&self.inline);
        self.inline.clear();
        let links = std::mem::take(&mut self.links);
        // The seeds' export interleaves stray `|` lines with the markup.
        if text.chars().any(|c| c.is_alphanumeric()) {
            self.blocks.push(Block::Paragraph(Text { text, links }));
        }
    }
}

/// Text with every run of whitespace, line breaks included, as one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn inline_text(element: ElementRef) -> String {
    collapse(&element.text().collect::<String>())
}

fn table(element: ElementRef) -> Table {
    let mut table = Table::default();
    if let Some(id) = element.value().attr("id") {
        table.anchors.push(id.to_string());
    }
    // `<a name="…">` just before the table, in the same wrapper, are anchors of it too.
    for sibling in element.prev_siblings() {
        match ElementRef::wrap(sibling) {
            Some(a) if a.value().name() == "a" => table.anchors.extend(a.value().attr("name").map(str::to_string)),
            Some(_) => break,
            None => {}
        }
    }
    for part in element.children().filter_map(ElementRef::wrap) {
        match part.value().name() {
            "caption" => {
                let caption = inline_text(part);
                let (number, rest) = split_table_number(&caption);
                table.number = number;
                table.caption = rest.to_string();
            }
            "thead" | "tbody" | "tfoot" => rows(part, &mut table),
            "tr" => row(part, &mut table),
            _ => {}
        }
    }
    table
}

/// `Table 3 servers field description` → (3, `servers field description`); `表3 响应Body参数` too.
pub fn split_table_number(caption: &str) -> (Option<u32>, &str) {
    let rest = caption.trim();
    let Some(after) = rest.strip_prefix("Table").or_else(|| rest.strip_prefix('表')) else { return (None, rest) };
    let after = after.trim_start();
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    match after[..digits].parse() {
        Ok(number) => (Some(number), after[digits..].trim()),
        Err(_) => (None, rest),
    }
}

fn rows(section: ElementRef, table: &mut Table) {
    for tr in section.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "tr") {
        row(tr, table);
    }
}

fn row(tr: ElementRef, table: &mut Table) {
    let cells: Vec<ElementRef> =
        tr.children().filter_map(ElementRef::wrap).filter(|e| matches!(e.value().name(), "td" | "th")).collect();
    let header = cells.iter().all(|cell| cell.value().name() == "th");
    if header && table.header.is_empty() {
        table.header =
            cells.into_iter().map(|cell| without_export_pipes(&inline_text(cell)).trim().to_string()).collect();
    } else if !cells.is_empty() {
        table.rows.push(cells.into_iter().map(cell).collect());
    }
}

/// A cell's text with its block structure kept: paragraphs and list items on lines of their
/// own (items as `- item`), inline markup read as text; and its links.
fn cell(element: ElementRef) -> Text {
    let mut text = String::new();
    let mut links = Vec::new();
    cell_text(element, &mut text, &mut links);
    Text { text: normalize(&without_export_pipes(&text)), links }
}

/// The text without the `|` the seeds' export scatters between tags: lines that are only `|`,
/// and `|` ending a line.
fn without_export_pipes(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(|line| line.trim_end().trim_end_matches(" |").trim_end_matches(['|', ' ']))
        .filter(|line| line.trim() != "|")
        .collect();
    lines.join("\n")
}

fn cell_text(element: ElementRef, out: &mut String, links: &mut Vec<(String, String)>) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(&collapse_keeping_edges(text)),
            Node::Element(_) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                match child.value().name() {
                    "a" => {
                        if let Some(href) = child.value().attr("href") {
                            links.push((href.to_string(), inline_text(child)));
                        }
                        cell_text(child, out, links);
                    }
                    "li" => {
                        out.push_str("\n- ");
                        cell_text(child, out, links);
                        out.push('\n');
                    }
                    "p" | "div" | "br" | "ul" | "ol" | "table" | "tr" | "pre" => {
                        // A paragraph inside a list item stays on the item's line.
                        if !out.ends_with("- ") {
                            out.push('\n');
                        }
                        cell_text(child, out, links);
                        out.push('\n');
                    }
                    _ => cell_text(child, out, links),
                }
            }
            _ => {}
        }
    }
}

/// Whitespace runs as one space, a space kept at either end (it separates words).
fn collapse_keeping_edges(text: &str) -> String {
    let inner = collapse(text);
    if inner.is_empty() {
        return if text.is_empty() { String::new() } else { " ".to_string() };
    }
    let start = if text.starts_with(char::is_whitespace) { " " } else { "" };
    let end = if text.ends_with(char::is_whitespace) { " " } else { "" };
    format!("{start}{inner}{end}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_titles_sections_tables_and_examples_in_order() {
        let html = r##"<h1>Starting <span>ECS</span>s</h1>
            <div class="section"><h4 class="sectiontitle">URI</h4><p>POST /v1/{project_id}/cloudservers/action</p>
            <div class="p"><a href="#t1">Table 1</a> describes the parameters.
            <div class="tablenoborder"><a name="t1"></a><table id="T1"><caption><b>Table 1 </b>Parameter description</caption>
            <thead><tr><th><p>Parameter</p></th><th><p>Mandatory</p></th><th><p>Description</p></th></tr></thead>
            <tbody><tr><td><p>project_id</p></td><td><p>Yes</p></td><td><p>Specifies the project ID.</p>
            <ul><li>SOFT: soft</li><li>HARD: hard</li></ul> See <a href="#t2">Table 2</a>.</td></tr></tbody></table></div></div></div>
            <pre class="screen">{ "a": 1 }</pre>"##;
        let page = read("p.html", html);
        assert_eq!(page.title, "Starting ECSs");
        assert_eq!(page.blocks[0], Block::Heading("URI".into()));
        assert_eq!(page.blocks[1], Block::Paragraph(Text::plain("POST /v1/{project_id}/cloudservers/action")));
        let links = vec![("#t1".to_string(), "Table 1".to_string())];
        assert_eq!(page.blocks[2], Block::Paragraph(Text { text: "Table 1 describes the parameters.".into(), links }));
        let Block::Table(table) = &page.blocks[3] else { panic!("{:?}", page.blocks[3]) };
        assert_eq!((table.number, table.caption.as_str()), (Some(1), "Parameter description"));
        assert_eq!(table.anchors, ["T1", "t1"]);
        assert_eq!(table.header, ["Parameter", "Mandatory", "Description"]);
        let description = &table.rows[0][2];
        assert_eq!(description.text, "Specifies the project ID.\n- SOFT: soft\n- HARD: hard\nSee Table 2.");
        assert_eq!(description.links, [("#t2".to_string(), "Table 2".to_string())]);
        assert_eq!(page.blocks[4], Block::Code("{ \"a\": 1 }".into()));
    }

    #[test]
    fn table_numbers_come_off_captions() {
        assert_eq!(split_table_number("Table 12 servers field description"), (Some(12), "servers field description"));
        assert_eq!(split_table_number("表3 响应Body参数"), (Some(3), "响应Body参数"));
        assert_eq!(split_table_number("NotebookResp"), (None, "NotebookResp"));
    }
}
