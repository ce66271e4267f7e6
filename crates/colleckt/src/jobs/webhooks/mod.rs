//! Webhooks (CONTRACT §5): the dispatcher (the event types are
//! `colleckt_domain::Event`) that turns
//! outbox events into signed, retried, logged deliveries. `serve` (with
//! workers) and `worker` run it; tests call `run_once`/`drain` instead.
//!
//! Error policy: nothing here fails a request or a status change. Store
//! errors are logged and retried on the next turn; a delivery's own failures
//! (timeouts, non-2xx, refused addresses) go to its attempt log.

pub mod client;
pub mod dispatch;
pub mod fanout;
pub mod settings;
pub mod sign;
pub mod ssrf;

use crate::app::AppState;
pub use dispatch::Dispatcher;
pub use settings::{parse_schedule, RetrySchedule, WebhookSettings};

/// Starts this process's dispatcher.
pub fn spawn(state: &AppState) -> Result<(), String> {
    let dispatcher = Dispatcher::new(state)?;
    tokio::spawn(dispatcher.run());
    Ok(())
}

/// One turn: fan out new events and attempt every delivery due now; returns
/// the number of attempts.
pub async fn run_once(state: &AppState) -> Result<usize, String> {
    let dispatcher = Dispatcher::new(state)?;
    let (_, attempts) = dispatcher.run_once().await.map_err(|e| e.to_string())?;
    Ok(attempts)
}

/// Turns until no event is waiting and nothing is due now (later retries stay
/// scheduled); returns the number of attempts.
pub async fn drain(state: &AppState) -> Result<usize, String> {
    let dispatcher = Dispatcher::new(state)?;
    let mut total = 0;
    loop {
        let (events, attempts) = dispatcher.run_once().await.map_err(|e| e.to_string())?;
        total += attempts;
        if events == 0 && attempts == 0 {
            return Ok(total);
        }
    }
}
