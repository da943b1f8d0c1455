//! The AK/SK signer against vectors derived from the official Python SDK's signer
//! (`tests/signing/make_vectors.py`), byte for byte.

use huaweicloud_client::runtime::{Signable, authorization, canonical_query, canonical_request, mark_unsigned_payload};
use huaweicloud_tests::repo_root;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    ak: String,
    sk: String,
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    method: String,
    host: String,
    path: String,
    query: Vec<(String, String)>,
    headers: std::collections::BTreeMap<String, String>,
    body: Option<String>,
    canonical_request: String,
    signed_headers: Vec<String>,
    authorization: String,
    content_sha256: Option<String>,
    uri: String,
}

#[test]
fn signatures_match_the_official_sdk_byte_for_byte() {
    let text = std::fs::read_to_string(repo_root().join("tests/signing/vectors.json")).expect("vectors are committed");
    let vectors: Vectors = serde_json::from_str(&text).unwrap();
    assert_eq!(vectors.vectors.len(), 10);
    for vector in &vectors.vectors {
        let mut headers: Vec<(&str, &str)> =
            vector.headers.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
        headers.push(("Host", &vector.host));
        mark_unsigned_payload(&mut headers);
        let content_sha256 =
            headers.iter().find(|(name, _)| *name == "X-Sdk-Content-Sha256").map(|(_, v)| v.to_string());
        assert_eq!(content_sha256, vector.content_sha256, "{}: X-Sdk-Content-Sha256", vector.name);

        let body = vector.body.clone().unwrap_or_default();
        let query = canonical_query(&vector.query);
        let request = Signable {
            method: &vector.method,
            path: &vector.path,
            query: &query,
            headers: &headers,
            body: body.as_bytes(),
        };
        let (canonical, signed) = canonical_request(&request);
        assert_eq!(canonical, vector.canonical_request, "{}: canonical request", vector.name);
        assert_eq!(signed, vector.signed_headers, "{}: signed headers", vector.name);
        assert_eq!(authorization(&vectors.ak, &vectors.sk, &request), vector.authorization, "{}", vector.name);

        let uri = if query.is_empty() { vector.path.clone() } else { format!("{}?{query}", vector.path) };
        assert_eq!(uri, vector.uri, "{}: the URI sent", vector.name);
    }
}
