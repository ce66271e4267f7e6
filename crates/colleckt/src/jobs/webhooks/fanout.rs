//! Fan-out: turns outbox events into deliveries. The payload is built here,
//! once per event, from the verification as it is now (summary shape, as the
//! list and create endpoints render it) and stored sealed with the
//! verification's data key; every attempt then sends exactly those bytes.

use crate::app::AppState;
use crate::http::render;
use colleckt_store::{FanOut, PendingEvent, StoreError, Verification};
use serde_json::json;
use std::collections::HashMap;

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
        "data": render::verification(&state.view(), v, comments),
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
    // One read for the verifications and one for their comments, not two per event.
    let mut ids: Vec<&str> = events
        .iter()
        .zip(&wanted)
        .filter(|(_, w)| **w)
        .map(|(e, _)| e.verification_id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let live = state.store.live_verifications(&ids).await?;
    let comments = state.store.public_comments_for(&live).await?;
    let by_id: HashMap<&str, (&Verification, &[colleckt_store::Comment])> = live
        .iter()
        .zip(&comments)
        .map(|(v, c)| (v.id.as_str(), (v, c.as_slice())))
        .collect();
    let bodies: Vec<Option<(&Verification, Vec<u8>)>> = events
        .iter()
        .zip(wanted)
        .map(|(event, wanted)| {
            // Deleted meanwhile (absent), or another workspace's id: nothing leaves.
            let (v, comments) = by_id.get(event.verification_id.as_str()).copied()?;
            (wanted && v.workspace_id == event.workspace_id)
                .then(|| (v, payload(state, event, v, comments)))
        })
        .collect();
    let items: Vec<FanOut<'_>> = events
        .iter()
        .zip(&bodies)
        .map(|(event, body)| FanOut {
            event,
            body: body.as_ref().map(|(v, b)| (*v, b.as_slice())),
        })
        .collect();
    let created = state.store.fan_out(&items).await?;
    Ok((events.len(), created))
}
