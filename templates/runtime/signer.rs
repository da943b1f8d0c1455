//! AK/SK request signing, `SDK-HMAC-SHA256`, exactly as Huawei Cloud's official SDKs do it
//! (`huaweicloudsdkcore.signer.Signer`); `tests/signing/vectors.json`, derived from that signer,
//! pins the output byte for byte.
//!
//! The steps: every header whose name has no `_` is signed, by lower-cased name in sorted order,
//! its value trimmed; the canonical URI is the path decoded, split on `/`, each segment encoded
//! again, with a trailing `/`; the canonical query is the pairs sorted by name then value, each
//! encoded; the payload hash is SHA-256 of the body, or `UNSIGNED-PAYLOAD` for bodies that are
//! not JSON. The signature is HMAC-SHA256 over algorithm, date and the canonical request's hash.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::encode;

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
pub const DATE_HEADER: &str = "X-Sdk-Date";
pub const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// What the signature covers. `headers` must already hold `Host` and `X-Sdk-Date`.
#[derive(Debug, Clone, Copy)]
pub struct Signable<'a> {
    pub method: &'a str,
    /// The path as sent, percent-encoded.
    pub path: &'a str,
    /// Query pairs, not encoded, in any order.
    pub query: &'a [(String, String)],
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// Adds `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` when the body is not JSON, as the official
/// signer does before signing; the header is then signed like any other.
pub fn mark_unsigned_payload(headers: &mut Vec<(String, String)>) {
    let content_type = headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    let is_json = content_type
        .is_none_or(|(_, value)| value.starts_with("application/json") || value.starts_with("application/bson"));
    if !is_json {
        headers.push((CONTENT_SHA256_HEADER.to_string(), UNSIGNED_PAYLOAD.to_string()));
    }
}

/// The `Authorization` header value.
pub fn authorization(ak: &str, sk: &str, request: &Signable<'_>) -> String {
    let (canonical, signed_headers) = canonical_request(request);
    let date = header(request.headers, DATE_HEADER).unwrap_or_default();
    let string_to_sign = format!("{ALGORITHM}\n{date}\n{}", hex(&Sha256::digest(canonical.as_bytes())));
    let mut mac = Hmac::<Sha256>::new_from_slice(sk.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(string_to_sign.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    format!("{ALGORITHM} Access={ak}, SignedHeaders={}, Signature={signature}", signed_headers.join(";"))
}

/// The canonical request and the names of the signed headers.
pub fn canonical_request(request: &Signable<'_>) -> (String, Vec<String>) {
    let mut headers: Vec<(String, &str)> = Vec::new();
    for (name, value) in request.headers.iter().filter(|(name, _)| !name.contains('_')) {
        let name = name.to_ascii_lowercase();
        // A later header of the same name replaces an earlier one, as in the SDK's dict.
        headers.retain(|(existing, _)| *existing != name);
        headers.push((name, value.trim()));
    }
    headers.sort();
    let canonical_headers: String = headers.iter().map(|(name, value)| format!("{name}:{value}\n")).collect();
    let signed: Vec<String> = headers.into_iter().map(|(name, _)| name).collect();
    let payload_hash = if request.body.is_empty() {
        EMPTY_SHA256.to_string()
    } else {
        header(request.headers, CONTENT_SHA256_HEADER)
            .map_or_else(|| hex(&Sha256::digest(request.body)), str::to_string)
    };
    let canonical = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{}\n{payload_hash}",
        request.method.to_ascii_uppercase(),
        canonical_uri(request.path),
        canonical_query(request.query),
        signed.join(";"),
    );
    (canonical, signed)
}

/// The query string as signed, and as sent: pairs sorted by name then value, each encoded.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    sorted.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))).collect::<Vec<_>>().join("&")
}

fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode(path);
    let mut uri = decoded.split('/').map(encode).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|digits| u8::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().rev().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 0x0f)] as char);
    }
    out
}

/// `X-Sdk-Date` for a moment: `20261123T101112Z`, UTC.
pub fn sdk_date(time: SystemTime) -> String {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs());
    let (days, of_day) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = super::time::civil_from_days(days as i64);
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", of_day / 3600, of_day % 3600 / 60, of_day % 60)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn formats_the_date_like_the_sdk() {
        assert_eq!(sdk_date(UNIX_EPOCH), "19700101T000000Z");
        assert_eq!(sdk_date(UNIX_EPOCH + Duration::from_secs(1_795_428_672)), "20261123T101112Z");
        assert_eq!(sdk_date(UNIX_EPOCH + Duration::from_secs(951_825_600)), "20000229T120000Z");
    }

    #[test]
    fn non_json_bodies_are_not_hashed() {
        let mut headers = vec![("Content-Type".to_string(), "multipart/form-data; boundary=x".to_string())];
        mark_unsigned_payload(&mut headers);
        assert_eq!(header(&headers, CONTENT_SHA256_HEADER), Some(UNSIGNED_PAYLOAD));
        let mut json = vec![("Content-Type".to_string(), "application/json;charset=UTF-8".to_string())];
        mark_unsigned_payload(&mut json);
        assert_eq!(json.len(), 1);
    }
}
