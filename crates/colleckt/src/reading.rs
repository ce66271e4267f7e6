//! Document reading is CPU-bound: one read per core at a time in this
//! service, shared by the pipeline's workers and the widget's previews, so a
//! burst queues instead of starving the API, and peak memory (decoded 12 MP
//! frames, Tesseract engines) stays bounded by the core count rather than by
//! workers × documents. Each read runs in a reader process (`crate::readers`),
//! one per slot.

use std::sync::OnceLock;

use tokio::sync::{Semaphore, SemaphorePermit};

/// How many reads may run at once: the core count.
pub fn slots() -> usize {
    static COUNT: OnceLock<usize> = OnceLock::new();
    *COUNT.get_or_init(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
}

fn semaphore() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| Semaphore::new(slots()))
}

/// Wait for a reading slot; held for the duration of one document's read.
/// (`None` only if the semaphore were closed, which it never is: reading
/// then goes ahead unthrottled rather than failing.)
pub async fn turn() -> Option<SemaphorePermit<'static>> {
    semaphore().acquire().await.ok()
}
