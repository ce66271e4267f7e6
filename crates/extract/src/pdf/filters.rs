//! The stream filters a PDF may chain, decoded here with a cap on every stage
//! so the pre-scan learns what lopdf would inflate without risking it.
//! lopdf decodes FlateDecode, LZWDecode and ASCII85Decode itself (unbounded);
//! ASCIIHexDecode and RunLengthDecode are decoded too, since refusing a bomb
//! behind a filter lopdf skips costs nothing and a later lopdf might not skip it.

use std::io::Read;

/// Why one filter stage stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// The stage's output passed the per-stage cap.
    #[error("a stream decodes to more than {} MB in one filter stage", .0 / (1024 * 1024))]
    StageTooLarge(usize),
}

/// What a filter name asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Flate,
    Lzw {
        early_change: bool,
    },
    Ascii85,
    AsciiHex,
    RunLength,
    /// An image codec (DCT, JPX, CCITT, JBIG2): the end of the chain for
    /// lopdf, whose output we never materialise.
    Image,
    /// A name nobody decodes (including `Crypt`): lopdf stops there too.
    Unknown,
}

impl Filter {
    /// The filter a `/Filter` name (or its inline-image abbreviation) means.
    pub fn from_name(name: &[u8], early_change: bool) -> Filter {
        match name {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw { early_change },
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            b"DCTDecode" | b"DCT" | b"JPXDecode" | b"CCITTFaxDecode" | b"CCF" | b"JBIG2Decode" => {
                Filter::Image
            }
            _ => Filter::Unknown,
        }
    }
}

/// Decodes `input` through one stage, refusing output past `cap` bytes.
/// `None` for the filters that end a chain. Corrupt data ends the stage with
/// what was decoded so far, as lopdf does (it keeps partial output too).
pub fn decode(filter: Filter, input: &[u8], cap: usize) -> Result<Option<Vec<u8>>, FilterError> {
    let out = match filter {
        Filter::Flate => flate(input, cap)?,
        Filter::Lzw { early_change } => lzw(input, early_change, cap)?,
        Filter::Ascii85 => ascii85(input, cap)?,
        Filter::AsciiHex => ascii_hex(input),
        Filter::RunLength => run_length(input, cap)?,
        Filter::Image | Filter::Unknown => return Ok(None),
    };
    Ok(Some(out))
}

/// Appends to `out`, failing once it would pass `cap`.
fn push(out: &mut Vec<u8>, bytes: &[u8], cap: usize) -> Result<(), FilterError> {
    if out.len() + bytes.len() > cap {
        return Err(FilterError::StageTooLarge(cap));
    }
    out.extend_from_slice(bytes);
    Ok(())
}

fn flate(input: &[u8], cap: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut z = flate2::read::ZlibDecoder::new(input);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match z.read(&mut buf) {
            Ok(0) | Err(_) => return Ok(out),
            Ok(n) => push(&mut out, &buf[..n], cap)?,
        }
    }
}

/// PDF's LZW: MSB-first codes from 9 bits, with the "early change" lopdf
/// (and the spec) assume unless `/EarlyChange 0`.
fn lzw(input: &[u8], early_change: bool, cap: usize) -> Result<Vec<u8>, FilterError> {
    use weezl::{decode::Decoder, BitOrder, LzwStatus};
    let mut decoder = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut rest = input;
    loop {
        let r = decoder.decode_bytes(rest, &mut buf);
        rest = &rest[r.consumed_in..];
        push(&mut out, &buf[..r.consumed_out], cap)?;
        match r.status {
            Ok(LzwStatus::Ok) if r.consumed_in > 0 || r.consumed_out > 0 => {}
            _ => return Ok(out),
        }
    }
}

/// ASCII85 with `z` for four zeros (the only way it expands 4×).
fn ascii85(input: &[u8], cap: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut n = 0;
    for &c in input {
        match c {
            b'~' => break,
            b'z' if n == 0 => push(&mut out, &[0; 4], cap)?,
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |a, &d| a * 85 + u64::from(d));
                    push(&mut out, &(v as u32).to_be_bytes(), cap)?;
                    n = 0;
                }
            }
            c if c.is_ascii_whitespace() => {}
            _ => break,
        }
    }
    if n > 1 {
        group[n..].fill(84);
        let v = group.iter().fold(0u64, |a, &d| a * 85 + u64::from(d));
        push(&mut out, &(v as u32).to_be_bytes()[..n - 1], cap)?;
    }
    Ok(out)
}

/// Hex pairs up to `>`; it only ever halves its input, so it needs no cap.
fn ascii_hex(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2);
    let mut high: Option<u8> = None;
    for &c in input {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            b'>' => break,
            _ => continue,
        };
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

/// Runs of up to 128 copies per two input bytes: a 128× expansion.
fn run_length(input: &[u8], cap: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&len) = input.get(i) {
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                let lit = &input[(i + 1).min(input.len())..(i + 1 + n).min(input.len())];
                push(&mut out, lit, cap)?;
                i += 1 + n;
            }
            _ => {
                let Some(&b) = input.get(i + 1) else { break };
                push(&mut out, &vec![b; 257 - usize::from(len)], cap)?;
                i += 2;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_filter_decodes_what_its_encoder_wrote() {
        use std::io::Write;
        let data = b"Hello, bounded world! Hello, bounded world!".to_vec();
        let mut z = flate2::write::ZlibEncoder::new(vec![], flate2::Compression::default());
        z.write_all(&data).unwrap();
        let zipped = z.finish().unwrap();
        assert_eq!(flate(&zipped, 1 << 20).unwrap(), data);
        for early in [true, false] {
            let mut enc = if early {
                weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            } else {
                weezl::encode::Encoder::new(weezl::BitOrder::Msb, 8)
            };
            let lzwed = enc.encode(&data).unwrap();
            assert_eq!(lzw(&lzwed, early, 1 << 20).unwrap(), data);
        }
        assert_eq!(ascii85(b"87cURD]j7BEbo7~>", 100).unwrap(), b"Hello world");
        assert_eq!(ascii85(b"zz~>", 100).unwrap(), vec![0; 8]);
        assert_eq!(ascii_hex(b"48 65 6c6C 6>"), b"Hell`");
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100).unwrap(),
            b"abcxxx"
        );
    }

    #[test]
    fn every_stage_stops_at_its_cap() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(vec![], flate2::Compression::best());
        z.write_all(&vec![0u8; 4 << 20]).unwrap();
        let zipped = z.finish().unwrap();
        assert_eq!(
            flate(&zipped, 1 << 20),
            Err(FilterError::StageTooLarge(1 << 20))
        );
        let lzwed = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            .encode(&vec![7u8; 4 << 20])
            .unwrap();
        assert!(lzwed.len() < 64 * 1024, "{}", lzwed.len());
        assert!(lzw(&lzwed, true, 1 << 20).is_err());
        assert!(ascii85(&vec![b'z'; 1000], 1000).is_err());
        assert!(run_length(&[129, 0].repeat(100), 1000).is_err());
    }
}
