//! A deterministic synthetic spec: a service of `n` operations shaped like the seed ones, each
//! with a page type and an item type (nested arrays of objects), an enum, a per-operation
//! pattern and the shared UUID pattern. The same arguments give the same bytes on every run.

use std::fmt::Write as _;

pub fn synthetic_spec(service: &str, n: usize) -> String {
    let mut out = format!(
        "service:\n  name: {service}\n  title: Synthetic\n  api_version: v1\n  endpoint: https://{service}.{{region}}.example.com\n\
         patterns:\n  - {{ name: uuid, regex: '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[1-5][0-9a-f]{{3}}-[89ab][0-9a-f]{{3}}-[0-9a-f]{{12}}$' }}\n\
         operations:\n",
    );
    for i in 0..n {
        let _ = write!(
            out,
            "  - id: list_things_{i}\n    summary: List things of kind {i}.\n    method: GET\n    path: /v1/{{project_id}}/things-{i}\n    source: synthetic\n    parameters:\n\
             \x20     - {{ name: project_id, in: path, type: String, required: true, description: Project., pattern: '^[a-zA-Z0-9-]{{1,64}}$' }}\n\
             \x20     - {{ name: limit, in: query, type: Integer, minimum: 1, maximum: 1024, description: Page size. }}\n\
             \x20     - {{ name: offset, in: query, type: Integer, minimum: 0, description: Offset. }}\n\
             \x20     - {{ name: kind, in: query, type: Kind{i}, description: Kind filter. }}\n\
             \x20   pagination: {{ offset: offset, limit: limit, items: items, total: total }}\n\
             \x20   responses:\n      - {{ status: 200, description: OK, body: {{ type: Page{i} }} }}\n      - {{ status: 400, description: Bad request, body: {{ type: Failure }} }}\n"
        );
    }
    out.push_str("types:\n  - name: Failure\n    description: Error body.\n    fields:\n      - { name: error_code, type: String, description: Code. }\n      - { name: error_msg, type: String, description: Message. }\n");
    for i in 0..n {
        let _ = write!(
            out,
            "  - name: Page{i}\n    description: A page of things {i}.\n    fields:\n\
             \x20     - {{ name: items, type: Array of Thing{i} objects, description: Items. }}\n\
             \x20     - {{ name: total, type: Long, minimum: 0, description: Total. }}\n\
             \x20 - name: Thing{i}\n    description: A thing of kind {i}.\n    fields:\n\
             \x20     - {{ name: id, type: String, pattern: '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[1-5][0-9a-f]{{3}}-[89ab][0-9a-f]{{3}}-[0-9a-f]{{12}}$', description: ID. }}\n\
             \x20     - {{ name: name, type: String, min_length: 1, max_length: 64, description: Name. }}\n\
             \x20     - {{ name: code, type: String, pattern: '^thing{i}-[a-z]{{1,16}}$', description: Code. }}\n\
             \x20     - {{ name: kind, type: Kind{i}, description: Kind. }}\n\
             \x20     - {{ name: tags, type: Array of strings, max_items: 16, description: Tags. }}\n\
             \x20     - {{ name: children, type: Array of Thing{i} objects, description: Nested things. }}\n\
             \x20     - {{ name: labels, type: \"Map<String,String>\", description: Labels. }}\n\
             \x20     - {{ name: created_at, type: Long, description: Creation time. }}\n\
             \x20 - name: Kind{i}\n    description: Kinds.\n    open: false\n    enum: [ {{ value: SMALL }}, {{ value: MEDIUM }}, {{ value: LARGE }}, {{ value: HUGE_{i} }} ]\n"
        );
    }
    out
}
