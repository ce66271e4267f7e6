//! Document reading is CPU-bound: one read per core at a time in this
//! process, shared by the pipeline's workers and the widget's previews, so a
//! burst queues instead of starving the API, and peak memory (decoded 12 MP
//! frames, Tesseract engines) stays bounded by the core count rather than by
//! workers × documents.

use std::sync::OnceLock;

use tokio::sync::{Semaphore, SemaphorePermit};

fn slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS
        .get_or_init(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())))
}

/// Wait for a reading slot; held for the duration of one document's read.
/// (`None` only if the semaphore were closed, which it never is: reading
/// then goes ahead unthrottled rather than failing.)
pub async fn turn() -> Option<SemaphorePermit<'static>> {
    slots().acquire().await.ok()
}
