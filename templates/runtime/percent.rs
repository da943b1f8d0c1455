//! Percent-encoding, as Huawei Cloud's signer does it: for path segments and query names and
//! values alike, so what is sent and what is signed are encoded by the same code.

/// Percent-encodes everything but the RFC 3986 unreserved characters.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_encoded(&mut out, value);
    out
}

/// [`encode`], appending to `out`.
pub(crate) fn push_encoded(out: &mut String, value: &str) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let unreserved = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~');
    let mut rest = value;
    // Runs of unreserved characters are copied whole; most values are nothing else.
    while let Some(start) = rest.bytes().position(|byte| !unreserved(byte)) {
        // The run to encode ends at an ASCII byte or the end, so both ends are char boundaries.
        let end = rest[start..].bytes().position(unreserved).map_or(rest.len(), |length| start + length);
        out.push_str(&rest[..start]);
        for byte in &rest.as_bytes()[start..end] {
            out.extend(['%', DIGITS[usize::from(byte >> 4)] as char, DIGITS[usize::from(byte & 0x0f)] as char]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_the_signer() {
        assert_eq!(encode("a b,c~d/é"), "a%20b%2Cc~d%2F%C3%A9");
        assert_eq!(encode("éé-x€"), "%C3%A9%C3%A9-x%E2%82%AC");
        assert_eq!(encode("plain_Text.1~"), "plain_Text.1~");
        assert_eq!(encode(""), "");
    }
}
