//! `multipart/form-data` bodies: plain fields as text parts, files as file parts.

use std::fmt::{self, Display};
use std::io::Read;
use std::path::Path;

/// A file to upload: its name, content type and bytes. `Debug` shows the size, not the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The name the part carries (`definitions.yaml`).
    pub file_name: String,
    /// The part's media type (`application/x-yaml`).
    pub content_type: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

impl FilePart {
    /// A file part from its name, media type and content.
    pub fn from_bytes(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Self {
        FilePart { file_name: file_name.into(), content_type: content_type.into(), bytes: bytes.into() }
    }

    /// Reads a file; the content type follows its extension (`.json`, `.yaml`/`.yml`, else
    /// `application/octet-stream`).
    pub fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let content_type = match path.extension().and_then(|ext| ext.to_str()) {
            Some("json") => "application/json",
            Some("yaml" | "yml") => "application/yaml",
            _ => "application/octet-stream",
        };
        let file_name = path.file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        Ok(FilePart::from_bytes(file_name, content_type, std::fs::read(path)?))
    }

    /// Reads everything from `reader`.
    pub fn from_reader(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        mut reader: impl Read,
    ) -> std::io::Result<Self> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        Ok(FilePart::from_bytes(file_name, content_type, bytes))
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("{} byte(s)", self.bytes.len()))
            .finish()
    }
}

/// The parts of a multipart body, in spec order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    parts: Vec<(&'static str, Part)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    File(FilePart),
}

impl Form {
    /// A text part, when the value is present.
    pub fn text<V: Display>(&mut self, name: &'static str, value: Option<V>) {
        if let Some(value) = value {
            self.parts.push((name, Part::Text(value.to_string())));
        }
    }

    /// A file part, when the file is present.
    pub fn file(&mut self, name: &'static str, file: Option<&FilePart>) {
        if let Some(file) = file {
            self.parts.push((name, Part::File(file.clone())));
        }
    }

    /// The body, each part opened by `--boundary`.
    pub fn encode(&self, boundary: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, part) in &self.parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match part {
                Part::Text(value) => {
                    out.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                    );
                    out.extend_from_slice(value.as_bytes());
                }
                Part::File(file) => {
                    let file_name = file.file_name.replace(['"', '\r', '\n'], "_");
                    out.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {}\r\n\r\n",
                            file.content_type
                        )
                        .as_bytes(),
                    );
                    out.extend_from_slice(&file.bytes);
                }
            }
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_text_and_file_parts_in_order() {
        let mut form = Form::default();
        form.text("is_create_group", Some(true));
        form.text::<&str>("group_id", None);
        form.file("file_name", Some(&FilePart::from_bytes("api.yaml", "application/yaml", "swagger: '2.0'")));
        let body = String::from_utf8(form.encode("B")).unwrap();
        assert_eq!(
            body,
            "--B\r\nContent-Disposition: form-data; name=\"is_create_group\"\r\n\r\ntrue\r\n\
             --B\r\nContent-Disposition: form-data; name=\"file_name\"; filename=\"api.yaml\"\r\nContent-Type: application/yaml\r\n\r\nswagger: '2.0'\r\n\
             --B--\r\n"
        );
        let debug = format!("{:?}", FilePart::from_bytes("k.pem", "text/plain", "SECRET"));
        assert!(debug.contains("6 byte(s)") && !debug.contains("SECRET"), "{debug}");
    }
}
