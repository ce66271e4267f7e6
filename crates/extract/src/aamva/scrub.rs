//! Noise that scanners add to a payload before any parsing.

/// Drop the C1 control characters (U+0080–U+009F) that some scanners in
/// keyboard-emulation mode insert around records: as UTF-8 pairs
/// (`\xC2\x80`–`\xC2\x9F`) when the payload is valid UTF-8, as single bytes
/// when it is Latin-1. They carry no data and shift every offset after them.
/// Returns the cleaned bytes and whether anything was removed.
pub fn drop_undefined(data: &[u8]) -> (Vec<u8>, bool) {
    let out: Vec<u8> = match std::str::from_utf8(data) {
        Ok(text) => text
            .chars()
            .filter(|c| !('\u{80}'..='\u{9f}').contains(c))
            .collect::<String>()
            .into_bytes(),
        Err(_) => data
            .iter()
            .copied()
            .filter(|b| !(0x80..=0x9f).contains(b))
            .collect(),
    };
    let changed = out.len() != data.len();
    (out, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_go_in_both_encodings() {
        let (utf8, changed) = drop_undefined("@\n\u{90}ANSI \u{85}DAQ1".as_bytes());
        assert!(changed);
        assert_eq!(utf8, b"@\nANSI DAQ1");
        let (latin1, changed) = drop_undefined(b"@\n\x90\x90ANSI \xe9");
        assert!(changed);
        assert_eq!(latin1, b"@\nANSI \xe9");
    }

    #[test]
    fn other_text_is_kept() {
        // "Ü" is \xC3\x9C: its continuation byte is not a C1 control.
        let s = "@\n\u{dc}MANSI NONE\u{bf}AUCUNE";
        let (out, changed) = drop_undefined(s.as_bytes());
        assert!(!changed);
        assert_eq!(out, s.as_bytes());
    }
}
