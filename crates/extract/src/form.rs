//! The upload form's fields and their limits, sans I/O: the HTTP layer feeds
//! each multipart field's chunks in, whichever multipart reader produced them,
//! so the fuzz target drives exactly the code the server runs.

/// Bytes one uploaded file may hold (the contract's 15 MiB).
pub const MAX_UPLOAD_BYTES: usize = 15 * 1024 * 1024;
/// Characters kept of a text field (`slot`, `side`); the rest is dropped.
pub const MAX_TEXT_CHARS: usize = 64;
/// Bytes of a text field buffered: enough for 64 characters of UTF-8.
const MAX_TEXT_BYTES: usize = MAX_TEXT_CHARS * 4;

/// The parts of an upload form. The Documents API sends `slot`, `front` and
/// `back`; the widget sends `slot`, `side` and `file`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct UploadForm {
    pub slot: Option<String>,
    pub side: Option<String>,
    pub front: Option<Vec<u8>>,
    pub back: Option<Vec<u8>>,
    pub file: Option<Vec<u8>>,
}

/// Why a form is refused while it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// A file field passed [`MAX_UPLOAD_BYTES`].
    #[error("The {0} file is larger than 15 MiB.")]
    FileTooLarge(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Slot,
    Side,
    Front,
    Back,
    File,
    /// Unknown fields are drained and ignored, like unknown JSON keys.
    Ignored,
}

/// Builds an [`UploadForm`] field by field: `start`, `push` each chunk, `end`.
#[derive(Debug, Default)]
pub struct FormBuilder {
    form: UploadForm,
    current: Option<(Field, Vec<u8>)>,
}

impl FormBuilder {
    /// A new field named `name` begins (ending any field still open).
    pub fn start(&mut self, name: &str) {
        self.end();
        let field = match name {
            "slot" => Field::Slot,
            "side" => Field::Side,
            "front" => Field::Front,
            "back" => Field::Back,
            "file" => Field::File,
            _ => Field::Ignored,
        };
        self.current = Some((field, Vec::new()));
    }

    /// The next chunk of the open field's value.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), FormError> {
        let Some((field, buf)) = self.current.as_mut() else {
            return Ok(());
        };
        match field {
            Field::Ignored => {}
            Field::Slot | Field::Side => {
                let room = MAX_TEXT_BYTES.saturating_sub(buf.len());
                buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Field::Front | Field::Back | Field::File => {
                if buf.len() + chunk.len() > MAX_UPLOAD_BYTES {
                    return Err(FormError::FileTooLarge(match field {
                        Field::Front => "front",
                        Field::Back => "back",
                        _ => "file",
                    }));
                }
                buf.extend_from_slice(chunk);
            }
        }
        Ok(())
    }

    /// The open field is complete; a repeated field replaces the earlier one.
    pub fn end(&mut self) {
        let Some((field, buf)) = self.current.take() else {
            return;
        };
        let text = || {
            String::from_utf8_lossy(&buf)
                .chars()
                .take(MAX_TEXT_CHARS)
                .collect::<String>()
        };
        match field {
            Field::Slot => self.form.slot = Some(text()),
            Field::Side => self.form.side = Some(text()),
            Field::Front => self.form.front = Some(buf),
            Field::Back => self.form.back = Some(buf),
            Field::File => self.form.file = Some(buf),
            Field::Ignored => {}
        }
    }

    /// The form read so far.
    pub fn finish(mut self) -> UploadForm {
        self.end();
        self.form
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_kept_within_their_limits() {
        let mut b = FormBuilder::default();
        b.start("slot");
        b.push("é".repeat(100).as_bytes()).unwrap();
        b.push(b"more").unwrap();
        b.start("front");
        b.push(b"abc").unwrap();
        b.push(b"def").unwrap();
        b.start("unknown");
        b.push(&[0; 1000]).unwrap();
        b.start("back");
        b.push(&vec![1; MAX_UPLOAD_BYTES]).unwrap();
        assert_eq!(b.push(&[1]), Err(FormError::FileTooLarge("back")));
        let form = b.finish();
        assert_eq!(form.slot.as_deref(), Some("é".repeat(64).as_str()));
        assert_eq!(form.front.as_deref(), Some(&b"abcdef"[..]));
        assert_eq!(form.back.map(|b| b.len()), Some(MAX_UPLOAD_BYTES));
        assert_eq!((form.side, form.file), (None, None));
    }
}
