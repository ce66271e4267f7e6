//! Reading one stored document in a reader process, for the pipeline and the
//! widget's preview alike.

use crate::app::AppState;
use crate::readers::{self, ReadError};
use crate::service::{objects, ServiceResult};
use colleckt_extract::{DocKind, ExtractedData};
use colleckt_store::{Document, Verification};

/// Reads `doc` as `kind`. The reading slot is taken first and the images
/// decrypted only once it is held, so requests waiting for a slot hold no
/// plaintext images and the decrypted files count against the slot too.
/// The outer error is the service's (storage, keys); the inner one is what
/// the reader said about the document.
pub async fn read(
    state: &AppState,
    v: &Verification,
    doc: &Document,
    kind: Option<DocKind>,
) -> ServiceResult<Result<ExtractedData, ReadError>> {
    let turn = state.readers.turn().await;
    let front = objects::open(state, v, &doc.front.key).await?;
    let back = match &doc.back {
        Some(b) => Some(objects::open(state, v, &b.key).await?),
        None => None,
    };
    let document = readers::Document {
        front: &front,
        back: back.as_deref(),
        kind,
    };
    Ok(state.readers.read(&turn, document).await)
}
