//! The flattened text form of a reference page (seeds 000, 001 and 003): the page's text with
//! each table cell on a line ending in `|` (a long cell over several lines, its last one
//! ending the cell), a `---|---|` line under the header row, a lone `|` opening a row, and the
//! captions and links gone. Read into the same [`Page`] blocks as the HTML form, so the same
//! drafting reads both.

use super::page::{Block, Page, Table, Text};

/// Section titles of the English and Chinese pages, each a line of its own.
const HEADINGS: &[&str] = &[
    "Function",
    "Constraints",
    "Debugging",
    "Authorization",
    "URI",
    "Request Parameters",
    "Response Parameters",
    "Example Requests",
    "Example Responses",
    "Status Codes",
    "Error Codes",
    "功能介绍",
    "接口约束",
    "调试",
    "授权信息",
    "请求参数",
    "响应参数",
    "请求示例",
    "响应示例",
    "状态码",
    "错误码",
];

pub fn read(file: &str, text: &str) -> Page {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    let title = lines.first().map(|line| line.to_string()).unwrap_or_default();
    let mut reader = Reader { lines: &lines, at: 1, blocks: Vec::new() };
    while reader.at < reader.lines.len() {
        reader.block();
    }
    Page { file: file.to_string(), title, blocks: reader.blocks }
}

struct Reader<'a> {
    lines: &'a [&'a str],
    at: usize,
    blocks: Vec<Block>,
}

/// First column titles: a header row starts with one of them, a row of values does not.
const FIRST_COLUMNS: &[&str] =
    &["Parameter", "Name", "Attribute", "Field", "Status Code", "Error Code", "参数", "名称", "状态码", "错误码"];

/// `---|---|` or `|---|---|`: the line under a table's header row.
fn is_separator(line: &str) -> bool {
    line.contains("---") && line.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '))
}

impl Reader<'_> {
    fn block(&mut self) {
        let line = self.lines[self.at];
        if HEADINGS.contains(&line) {
            self.blocks.push(Block::Heading(line.to_string()));
            self.at += 1;
        } else if let Some(header) = self.header() {
            let table = self.table(header);
            self.blocks.push(Block::Table(table));
        } else if line.starts_with(['{', '[']) {
            self.example();
        } else if line == "|" {
            self.at += 1;
        } else {
            self.blocks.push(Block::Paragraph(Text::plain(line.trim_end_matches('|').trim())));
            self.at += 1;
        }
    }

    /// The header cells of a table starting here, moving past its separator line.
    fn header(&mut self) -> Option<Vec<String>> {
        let (cells, next) = self.header_at(self.at)?;
        self.at = next;
        Some(cells)
    }

    /// A header row at line `from`: column titles, the first a known one, then a separator.
    fn header_at(&self, from: usize) -> Option<(Vec<String>, usize)> {
        let (cells, next) = self.cells_until(from, usize::MAX, true)?;
        FIRST_COLUMNS.contains(&cells[0].as_str()).then_some((cells, next))
    }

    /// Cells from line `from`: up to `limit` of them, or up to a separator line when
    /// `to_separator` (which is then required). Returns the cells and the line after them.
    fn cells_until(&self, from: usize, limit: usize, to_separator: bool) -> Option<(Vec<String>, usize)> {
        let mut cells = Vec::new();
        let mut pending: Vec<&str> = Vec::new();
        let mut at = from;
        while at < self.lines.len() && cells.len() < limit {
            let line = self.lines[at];
            if is_separator(line) {
                return (to_separator && pending.is_empty() && !cells.is_empty()).then_some((cells, at + 1));
            }
            if to_separator && (HEADINGS.contains(&line) || cells.len() > 8) {
                return None;
            }
            if line == "|" {
                if !pending.is_empty() {
                    cells.push(pending.join("\n"));
                    pending.clear();
                }
            } else if let Some(cell) = line.strip_suffix('|') {
                pending.push(cell.trim());
                cells.push(pending.join("\n"));
                pending.clear();
            } else if to_separator || (pending.is_empty() && cells.is_empty()) && HEADINGS.contains(&line) {
                return None;
            } else {
                pending.push(line);
            }
            at += 1;
        }
        (!to_separator && cells.len() == limit).then_some((cells, at))
    }

    /// Rows of as many cells as the header has, until the text stops being cells or another
    /// table's header starts.
    fn table(&mut self, header: Vec<String>) -> Table {
        let width = header.len();
        let mut rows = Vec::new();
        loop {
            // Skip a lone `|` opening the row.
            while self.at < self.lines.len() && self.lines[self.at] == "|" {
                self.at += 1;
            }
            let Some(&line) = self.lines.get(self.at) else { break };
            // A row's first cell (a name) is one line ending in `|`; anything else ends the table.
            if !line.ends_with('|') || HEADINGS.contains(&line) || self.header_at(self.at).is_some() {
                break;
            }
            match self.cells_until(self.at, width, false) {
                Some((cells, next)) => {
                    rows.push(cells.into_iter().map(Text::plain).collect());
                    self.at = next;
                }
                None => break,
            }
        }
        Table { header, rows, ..Table::default() }
    }

    /// A JSON example over one or more lines: from a `{` or `[` line to where it parses.
    fn example(&mut self) {
        let mut text = String::new();
        for (offset, line) in self.lines[self.at..].iter().enumerate() {
            if offset > 0 {
                text.push('\n');
            }
            text.push_str(line);
            if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
                self.blocks.push(Block::Code(text));
                self.at += offset + 1;
                return;
            }
            if offset > 2000 {
                break;
            }
        }
        self.blocks.push(Block::Paragraph(Text::plain(self.lines[self.at])));
        self.at += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_flattened_tables_of_both_languages() {
        let text = "Title\nURI\nPUT /v1/{project_id}/x\nParameter |\nMandatory |\nType |\nDescription |\n---|---|---|---|\n\
                    project_id |\nYes |\nString |\nProject ID |\nParameter |\nType |\nDescription |\n---|---|---|\n\
                    sort_dir |\nString |\nDefinition: Sorting mode Range:\nDefault Value: ASC |\n\
                    status |\nString |\nDefinition: Range:\n|\nResponse Parameters\n状态码:200\n|\n参数 |\n参数类型 |\n描述 |\n|---|---|---|\n\
                    |\nX-Request-Id |\nString |\n链路追踪编号 |\n|\n{\n\"a\" : 1\n}\n";
        let page = read("p.txt", text);
        assert_eq!(page.title, "Title");
        let tables: Vec<&Table> =
            page.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect();
        assert_eq!(tables.len(), 3, "{:#?}", page.blocks);
        assert_eq!(tables[0].rows.len(), 1);
        assert_eq!(tables[1].header, ["Parameter", "Type", "Description"]);
        let cells: Vec<Vec<&str>> =
            tables[1].rows.iter().map(|row| row.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            cells,
            [
                vec!["sort_dir", "String", "Definition: Sorting mode Range:\nDefault Value: ASC"],
                vec!["status", "String", "Definition: Range:"]
            ]
        );
        assert_eq!(tables[2].rows[0][0].text, "X-Request-Id");
        assert!(page.blocks.contains(&Block::Heading("Response Parameters".into())));
        assert!(page.blocks.contains(&Block::Paragraph(Text::plain("状态码:200"))));
        assert_eq!(page.blocks.last(), Some(&Block::Code("{\n\"a\" : 1\n}".into())));
    }
}
