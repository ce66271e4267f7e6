//! What goes over a reader's pipes: length-prefixed frames (a 4-byte
//! big-endian length, then that many bytes). A request is three frames — a
//! JSON header, the front's bytes, the back's bytes (empty when there is no
//! back) — and the answer is one JSON frame.

use colleckt_extract::{ExtractError, ExtractedData};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The largest frame either side accepts: a file at the extractor's own size
/// limit, with room to spare for a JSON answer.
pub const MAX_FRAME: usize = colleckt_extract::MAX_FILE_BYTES as usize + 1024 * 1024;

/// The request's first frame.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    /// The declared document type's canonical name; `None` detects it.
    pub kind: Option<String>,
}

/// The reader's answer to one request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// What was read (`extracted_data`).
    Read(Box<ExtractedData>),
    /// The extractor refused the input (empty, wrong type, too large, …).
    Refused(Refusal),
}

/// A typed refusal: a stable code and the extractor's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub code: String,
    pub message: String,
}

impl From<&ExtractError> for Refusal {
    fn from(e: &ExtractError) -> Refusal {
        let code = match e {
            ExtractError::Empty => "empty",
            ExtractError::UnsupportedType => "unsupported_type",
            ExtractError::TooLarge { .. } | ExtractError::FileTooLarge { .. } => "too_large",
            ExtractError::Decode(_) => "decode",
            ExtractError::Pdf(_) => "pdf",
            ExtractError::PdfRefused(_) => "pdf_refused",
            ExtractError::UnknownType(_) => "unknown_type",
            ExtractError::Io { .. } => "io",
        };
        Refusal {
            code: code.into(),
            message: e.to_string(),
        }
    }
}

fn too_big(len: usize) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("a frame of {len} bytes is over the limit"),
    )
}

// --- the reader's side: blocking -------------------------------------------

/// One frame; `Ok(None)` at a clean end of input (before a frame starts).
pub fn read_frame(r: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(too_big(len));
    }
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf)?;
    Ok(Some(buf))
}

pub fn write_frame(w: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|&l| l as usize <= MAX_FRAME)
        .ok_or_else(|| too_big(bytes.len()))?;
    w.write_all(&len.to_be_bytes())?;
    w.write_all(bytes)
}

// --- the service's side: async -------------------------------------------------

pub async fn send_frame(w: &mut (impl AsyncWrite + Unpin), bytes: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|&l| l as usize <= MAX_FRAME)
        .ok_or_else(|| too_big(bytes.len()))?;
    w.write_all(&len.to_be_bytes()).await?;
    w.write_all(bytes).await
}

pub async fn receive_frame(r: &mut (impl AsyncRead + Unpin)) -> std::io::Result<Vec<u8>> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len).await?;
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(too_big(len));
    }
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf).await?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_end_cleanly() {
        let mut buf = vec![];
        write_frame(&mut buf, b"abc").unwrap();
        write_frame(&mut buf, b"").unwrap();
        let mut r = &buf[..];
        assert_eq!(read_frame(&mut r).unwrap().as_deref(), Some(&b"abc"[..]));
        assert_eq!(read_frame(&mut r).unwrap().as_deref(), Some(&b""[..]));
        assert!(read_frame(&mut r).unwrap().is_none());
        // A frame cut short is an error, not a clean end.
        let mut cut = &buf[..5];
        assert!(read_frame(&mut cut).is_err());
    }

    #[test]
    fn an_oversized_length_is_refused_before_allocating() {
        let len = (MAX_FRAME as u32 + 1).to_be_bytes();
        assert!(read_frame(&mut &len[..]).is_err());
    }

    #[test]
    fn answers_are_tagged() {
        let a = Answer::Refused(Refusal::from(&ExtractError::UnsupportedType));
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["refused"]["code"], "unsupported_type");
        let back: Answer = serde_json::from_value(json).unwrap();
        assert!(matches!(back, Answer::Refused(r) if r.code == "unsupported_type"));
    }
}
