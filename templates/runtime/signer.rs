//! AK/SK request signing, `SDK-HMAC-SHA256`, exactly as Huawei Cloud's official SDKs do it
//! (`huaweicloudsdkcore.signer.Signer`); `tests/signing/vectors.json`, derived from that signer,
//! pins the output byte for byte.
//!
//! The steps: every header whose name has no `_` is signed, by lower-cased name in sorted order,
//! its value trimmed; the canonical URI is the path decoded, split on `/`, each segment encoded
//! again, with a trailing `/`; the canonical query is the pairs sorted by name then value, each
//! encoded; the payload hash is SHA-256 of the body, or `UNSIGNED-PAYLOAD` for bodies that are
//! not JSON. The signature is HMAC-SHA256 over algorithm, date and the canonical request's hash.

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::percent::push_encoded;

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
pub const DATE_HEADER: &str = "X-Sdk-Date";
pub const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// What the signature covers. `headers` must already hold `Host` and `X-Sdk-Date`.
#[derive(Debug, Clone, Copy)]
pub struct Signable<'a> {
    /// The HTTP method (`GET`).
    pub method: &'a str,
    /// The path as sent, percent-encoded.
    pub path: &'a str,
    /// The query string as sent, from [`canonical_query`].
    pub query: &'a str,
    /// The headers to sign, names in any case.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body as sent.
    pub body: &'a [u8],
}

/// Adds `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` when the body is not JSON, as the official
/// signer does before signing; the header is then signed like any other.
pub fn mark_unsigned_payload(headers: &mut Vec<(&str, &str)>) {
    let content_type = headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    let is_json = content_type
        .is_none_or(|(_, value)| value.starts_with("application/json") || value.starts_with("application/bson"));
    if !is_json {
        headers.push((CONTENT_SHA256_HEADER, UNSIGNED_PAYLOAD));
    }
}

/// The `Authorization` header value, for a one-off signature; a client signs through a
/// [`Signer`] made once.
pub fn authorization(ak: &str, sk: &str, request: &Signable<'_>) -> String {
    Signer::new(ak, sk).authorization(request)
}

/// Signs with one AK/SK. The HMAC key schedule (two SHA-256 blocks derived from the SK) is done
/// once here; each signature starts from a copy of it.
#[derive(Clone)]
pub struct Signer {
    ak: String,
    key: Hmac<Sha256>,
}

impl Signer {
    /// A signer for this access key, keyed by its secret.
    pub fn new(ak: &str, sk: &str) -> Self {
        let key = Hmac::<Sha256>::new_from_slice(sk.as_bytes()).expect("HMAC takes a key of any length");
        Signer { ak: ak.to_string(), key }
    }

    /// The `Authorization` header value.
    pub fn authorization(&self, request: &Signable<'_>) -> String {
        let (canonical, signed_headers) = canonical(request);
        let date = header(request.headers, DATE_HEADER).unwrap_or_default();
        // The string to sign is fed to the MAC piece by piece rather than built first.
        let mut mac = self.key.clone();
        for piece in [ALGORITHM, "\n", date, "\n", &hex(&Sha256::digest(canonical.as_bytes()))] {
            mac.update(piece.as_bytes());
        }
        let signature = hex(&mac.finalize().into_bytes());
        let parts = [ALGORITHM, " Access=", &self.ak, ", SignedHeaders=", &signed_headers, ", Signature=", &signature];
        parts.concat()
    }
}

impl std::fmt::Debug for Signer {
    /// Neither key is shown: the HMAC state is as secret as the SK it was derived from.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").field("ak", &"** redacted **").field("key", &"** redacted **").finish()
    }
}

/// The canonical request and the names of the signed headers.
pub fn canonical_request(request: &Signable<'_>) -> (String, Vec<String>) {
    let (canonical, signed) = canonical(request);
    (canonical, signed.split(';').map(str::to_string).collect())
}

/// The canonical request and the signed header names joined by `;`, each written once into
/// its own buffer: signing runs on every attempt, so it allocates little.
fn canonical(request: &Signable<'_>) -> (String, String) {
    // Signed headers: names without `_`; a later header replaces an earlier one of the same
    // name, as in the SDK's dict; sorted by lower-cased name.
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(request.headers.len());
    for &(name, value) in request.headers.iter().rev().filter(|(name, _)| !name.contains('_')) {
        if !headers.iter().any(|(seen, _)| seen.eq_ignore_ascii_case(name)) {
            headers.push((name, value.trim()));
        }
    }
    headers.sort_by(|(a, _), (b, _)| {
        a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    });
    let mut signed = String::with_capacity(headers.iter().map(|(name, _)| name.len() + 1).sum());
    for (index, (name, _)) in headers.iter().enumerate() {
        if index > 0 {
            signed.push(';');
        }
        push_lowercase(&mut signed, name);
    }

    let mut out = String::with_capacity(256 + request.path.len() + request.query.len() + signed.len() * 2);
    let start = out.len();
    out.push_str(request.method);
    out[start..].make_ascii_uppercase();
    out.push('\n');
    push_canonical_uri(&mut out, request.path);
    out.push('\n');
    out.push_str(request.query);
    out.push('\n');
    for (name, value) in &headers {
        push_lowercase(&mut out, name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&signed);
    out.push('\n');
    if request.body.is_empty() {
        out.push_str(EMPTY_SHA256);
    } else {
        match header(request.headers, CONTENT_SHA256_HEADER) {
            Some(hash) => out.push_str(hash),
            None => out.push_str(&hex(&Sha256::digest(request.body))),
        }
    }
    (out, signed)
}

/// The query string as signed, and as sent: pairs sorted by name then value, each encoded.
pub fn canonical_query<N: AsRef<str>, V: AsRef<str>>(pairs: &[(N, V)]) -> String {
    let mut sorted: Vec<(&str, &str)> = pairs.iter().map(|(name, value)| (name.as_ref(), value.as_ref())).collect();
    sorted.sort_unstable();
    let mut out = String::with_capacity(sorted.iter().map(|(name, value)| name.len() + value.len() + 2).sum());
    for (index, (name, value)) in sorted.into_iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        push_encoded(&mut out, name);
        out.push('=');
        push_encoded(&mut out, value);
    }
    out
}

/// The path decoded, split on `/`, each segment encoded again, with a trailing `/`.
fn push_canonical_uri(out: &mut String, path: &str) {
    let decoded = if path.contains('%') { Cow::Owned(percent_decode(path)) } else { Cow::Borrowed(path) };
    for (index, segment) in decoded.split('/').enumerate() {
        if index > 0 {
            out.push('/');
        }
        push_encoded(out, segment);
    }
    if !out.ends_with('/') {
        out.push('/');
    }
}

pub(crate) fn percent_decode(text: &str) -> String {
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

fn header<'a>(headers: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    headers.iter().rev().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|&(_, value)| value)
}

fn push_lowercase(out: &mut String, text: &str) {
    let start = out.len();
    out.push_str(text);
    out[start..].make_ascii_lowercase();
}

/// A SHA-256 digest in lower-case hex, written into a fixed buffer (no allocation, no
/// per-character pushes: signing writes three of these per request).
fn hex(digest: &[u8]) -> Ascii<64> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0; 64];
    for (pair, byte) in out.chunks_exact_mut(2).zip(digest) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    Ascii(out)
}

/// `X-Sdk-Date` for a moment: `20261123T101112Z`, UTC. Written digit by digit into a fixed
/// buffer rather than with `format!`: it runs on every attempt, and padded formatting of six
/// numbers cost more than the rest of the date.
pub fn sdk_date(time: SystemTime) -> Ascii<16> {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs());
    let (days, of_day) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = super::time::civil_from_days(days as i64);
    let mut out = *b"00000000T000000Z";
    let fields = [
        (0..4, year as u64),
        (4..6, month as u64),
        (6..8, day as u64),
        (9..11, of_day / 3600),
        (11..13, of_day % 3600 / 60),
        (13..15, of_day % 60),
    ];
    for (digits, mut value) in fields {
        for digit in out[digits].iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    Ascii(out)
}

/// ASCII text of a fixed length, written in place: the hex digests and the date of a signature.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Ascii<const N: usize>([u8; N]);

impl<const N: usize> std::ops::Deref for Ascii<N> {
    type Target = str;

    fn deref(&self) -> &str {
        std::str::from_utf8(&self.0).expect("only ASCII is written")
    }
}

impl<const N: usize> std::fmt::Debug for Ascii<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn formats_the_date_like_the_sdk() {
        assert_eq!(&*sdk_date(UNIX_EPOCH), "19700101T000000Z");
        assert_eq!(&*sdk_date(UNIX_EPOCH + Duration::from_secs(1_795_428_672)), "20261123T101112Z");
        assert_eq!(&*sdk_date(UNIX_EPOCH + Duration::from_secs(951_825_600)), "20000229T120000Z");
        assert_eq!(&*sdk_date(UNIX_EPOCH + Duration::from_secs(253_402_300_799)), "99991231T235959Z");
    }

    #[test]
    fn a_signer_made_once_signs_like_a_one_off_signature_and_hides_its_keys() {
        let headers = [("Host", "example.com"), (DATE_HEADER, "20261123T101112Z")];
        let request = Signable { method: "GET", path: "/v1/x", query: "a=1", headers: &headers, body: &[] };
        let signer = Signer::new("AK-ID", "SK-SECRET");
        assert_eq!(signer.authorization(&request), authorization("AK-ID", "SK-SECRET", &request));
        assert_eq!(signer.authorization(&request), signer.clone().authorization(&request), "no state carries over");
        let debug = format!("{signer:?}");
        assert!(!debug.contains("AK-ID") && !debug.contains("SK-SECRET"), "{debug}");
    }

    #[test]
    fn non_json_bodies_are_not_hashed() {
        let mut headers = vec![("Content-Type", "multipart/form-data; boundary=x")];
        mark_unsigned_payload(&mut headers);
        assert_eq!(header(&headers, CONTENT_SHA256_HEADER), Some(UNSIGNED_PAYLOAD));
        let mut json = vec![("Content-Type", "application/json;charset=UTF-8")];
        mark_unsigned_payload(&mut json);
        assert_eq!(json.len(), 1);
    }
}
