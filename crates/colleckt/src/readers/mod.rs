//! Every read of untrusted bytes — the pipeline, the widget's preview,
//! `colleckt extract` — happens in a reader process (`colleckt reader`), never
//! in the service: a document that overflows a stack, allocates past its
//! limit or loops ends that process only. The service keeps a pool of them,
//! one per reading slot (`crate::reading`): a slot held is a reader busy, so
//! the memory of reads stays bounded by the core count. docs/readers.md.

pub mod child;
mod process;
pub mod protocol;

use crate::settings::ReaderSettings;
use colleckt_extract::{DocKind, ExtractedData};
use process::{Ended, Reader};
use protocol::{Answer, Header, Refusal};
use std::sync::Mutex;
use tokio::sync::SemaphorePermit;

/// Why a document has no `extracted_data`.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The extractor refused the input (empty, wrong type, too large…).
    #[error("{}", .0.message)]
    Refused(Refusal),
    #[error("the reader process crashed")]
    Crashed,
    #[error("the reader process ran out of time")]
    Timeout,
    #[error("the reader process ran out of memory")]
    OutOfMemory,
    /// No reader process could be started: the service's fault, not the
    /// document's.
    #[error("cannot start a reader process ({program}): {source}")]
    Start {
        program: String,
        #[source]
        source: std::io::Error,
    },
}

impl ReadError {
    /// The note a document gets when its reader died on it.
    pub fn note(&self) -> Option<&'static str> {
        match self {
            ReadError::Crashed => Some("reader_crashed"),
            ReadError::Timeout => Some("reader_timeout"),
            ReadError::OutOfMemory => Some("reader_out_of_memory"),
            ReadError::Refused(_) | ReadError::Start { .. } => None,
        }
    }
}

impl From<Ended> for ReadError {
    fn from(e: Ended) -> ReadError {
        match e {
            Ended::Crashed => ReadError::Crashed,
            Ended::Timeout => ReadError::Timeout,
            Ended::OutOfMemory => ReadError::OutOfMemory,
        }
    }
}

/// One document to read.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub front: &'a [u8],
    pub back: Option<&'a [u8]>,
    /// The declared type; `None` detects it.
    pub kind: Option<DocKind>,
}

/// A reading slot, held for one document's whole read (and, so that memory
/// stays bounded, while its files are decrypted).
pub struct Turn {
    _slot: Option<SemaphorePermit<'static>>,
}

pub struct ReaderPool {
    settings: ReaderSettings,
    idle: Mutex<Vec<Reader>>,
}

impl ReaderPool {
    pub fn new(settings: ReaderSettings) -> ReaderPool {
        ReaderPool {
            settings,
            idle: Mutex::new(Vec::new()),
        }
    }

    pub fn settings(&self) -> &ReaderSettings {
        &self.settings
    }

    /// Start one reader per slot now, so the first documents do not wait for
    /// Tesseract to load. (Later ones are started on demand, e.g. after one
    /// died.)
    pub fn start(&self) -> Result<(), ReadError> {
        let mut started = Vec::new();
        for _ in 0..crate::reading::slots() {
            started.push(self.spawn()?);
        }
        self.put_back_all(started);
        Ok(())
    }

    /// Wait for a reading slot.
    pub async fn turn(&self) -> Turn {
        Turn {
            _slot: crate::reading::turn().await,
        }
    }

    /// Read one document in a reader process, within the deadline. The
    /// caller's `turn` is what keeps one reader per slot.
    pub async fn read(&self, _turn: &Turn, doc: Document<'_>) -> Result<ExtractedData, ReadError> {
        let mut reader = match self.take_idle() {
            Some(r) => r,
            None => self.spawn()?,
        };
        let header = Header {
            kind: doc.kind.map(|k| k.name().to_string()),
        };
        let answer = reader
            .read(&header, doc.front, doc.back, self.settings.timeout)
            .await;
        match answer {
            Ok(answer) => {
                self.put_back_all(vec![reader]);
                match answer {
                    Answer::Read(data) => Ok(*data),
                    Answer::Refused(r) => Err(ReadError::Refused(r)),
                }
            }
            Err(ended) => {
                // The process is gone; the next read starts a new one.
                let e = ReadError::from(ended);
                tracing::warn!(
                    note = e.note().unwrap_or_default(),
                    "a reader process ended during a read; it will be replaced"
                );
                Err(e)
            }
        }
    }

    fn spawn(&self) -> Result<Reader, ReadError> {
        Reader::spawn(&self.settings).map_err(|source| ReadError::Start {
            program: self.settings.program.display().to_string(),
            source,
        })
    }

    /// A live idle reader; any that died while idle are dropped, so a crash
    /// nobody caused is never blamed on the next document.
    fn take_idle(&self) -> Option<Reader> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(mut r) = idle.pop() {
            if !r.has_exited() {
                return Some(r);
            }
        }
        None
    }

    fn put_back_all(&self, readers: Vec<Reader>) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        for r in readers {
            // Never more than one per slot: a surplus one is dropped (killed).
            if idle.len() < crate::reading::slots() {
                idle.push(r);
            }
        }
    }
}
