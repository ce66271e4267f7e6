//! Fan-out: turns outbox events into deliveries. The payload is built here,
//! once per event, from the verification as it is now (summary shape, as the
//! list and create endpoints render it) and stored sealed with the
//! verification's data key; every attempt then sends exactly those bytes.

use crate::app::AppState;
use crate::http::render;
use colleckt_store::{FanOut, PendingEvent, StoreError, Verification};
use serde_json::json;

/// Events claimed per transaction.
pub const BATCH: i64 = 200;
/// A crashed fan-out's events are taken over after this.
const LEASE_MICROS: i64 = 30 * 1_000_000;

/// The body of an event: `{"id", "type", "created_at", "data"}` (CONTRACT §5).
pub fn payload(
    state: &AppState,
    event: &PendingEvent,
    v: &Verification,
    comments: &[colleckt_store::Comment],
) -> Vec<u8> {
    let body = json!({
        "id": event.id,
        "type": event.event_type,
        "created_at": render::timestamp(event.created_at),
        "data": render::verification(state, v, comments),
    });
    serde_json::to_vec(&body).unwrap_or_default()
}

/// Fans out one batch; returns (events handled, deliveries created).
#[tracing::instrument(skip_all)]
pub async fn fan_out_once(state: &AppState) -> Result<(usize, usize), StoreError> {
    let events = state.store.claim_events(BATCH, LEASE_MICROS).await?;
    if events.is_empty() {
        return Ok((0, 0));
    }
    let wanted = state.store.events_wanted(&events).await?;
    let mut bodies: Vec<Option<(Verification, Vec<u8>)>> = Vec::with_capacity(events.len());
    for (event, wanted) in events.iter().zip(wanted) {
        if !wanted {
            bodies.push(None);
            continue;
        }
        // Deleted meanwhile: its data must not leave any more.
        let Some(v) = state
            .store
            .get_verification(&event.workspace_id, &event.verification_id)
            .await?
        else {
            bodies.push(None);
            continue;
        };
        let comments = state.store.comments(&v, false).await?;
        let body = payload(state, event, &v, &comments);
        bodies.push(Some((v, body)));
    }
    let items: Vec<FanOut<'_>> = events
        .iter()
        .zip(&bodies)
        .map(|(event, body)| FanOut {
            event,
            body: body.as_ref().map(|(v, b)| (v, b.as_slice())),
        })
        .collect();
    let created = state.store.fan_out(&items).await?;
    Ok((events.len(), created))
}
