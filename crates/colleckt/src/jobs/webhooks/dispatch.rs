//! The delivery state machine, after svix's `worker.rs`: a claimed delivery is
//! a pending dispatch; one attempt completes it as succeeded, or as failed with
//! a retry time from the schedule, or as failed for good when the schedule is
//! used up. The attempt, the delivery's new state and the endpoint's health are
//! recorded in one transaction, shared by the attempts that finished together.
//! The loop fans out events, claims due
//! deliveries with a lease and keeps up to `concurrency` attempts in flight.

use super::client::{Attempt, Message, Sender};
use super::{fanout, RetrySchedule};
use crate::app::AppState;
use colleckt_store::{AttemptRecord, ClaimedDelivery, NextStep, StoreError};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot, Notify, Semaphore};

/// Deliveries claimed per transaction.
const CLAIM_BATCH: i64 = 100;
/// Attempts recorded per transaction at most.
const RECORD_BATCH: usize = 100;

/// A finished attempt on its way to the recorder, and who waits for it.
type Recording = (AttemptRecord, oneshot::Sender<()>);

/// Where a delivery goes after `attempts` attempts, the last one as given.
pub fn next_step(schedule: &RetrySchedule, attempts: i64, succeeded: bool, now: i64) -> NextStep {
    if succeeded {
        return NextStep::Succeeded;
    }
    match schedule.delay_after(attempts) {
        Some(delay) => {
            NextStep::RetryAt(now + i64::try_from(delay.as_micros()).unwrap_or(i64::MAX / 2))
        }
        None => NextStep::Failed,
    }
}

/// One process's webhook dispatcher.
#[derive(Clone)]
pub struct Dispatcher {
    state: AppState,
    sender: Sender,
    worker: Arc<str>,
    lease_micros: i64,
}

impl Dispatcher {
    pub fn new(state: &AppState) -> Result<Dispatcher, String> {
        let settings = &state.webhooks;
        let lease = settings.timeout + Duration::from_secs(20);
        Ok(Dispatcher {
            sender: Sender::new(settings).map_err(|e| format!("webhook HTTP client: {e}"))?,
            state: state.clone(),
            worker: colleckt_store::ids::new_id("whd").into(),
            lease_micros: i64::try_from(lease.as_micros()).unwrap_or(i64::MAX / 2),
        })
    }

    async fn claim(&self, limit: usize) -> Result<Vec<ClaimedDelivery>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(CLAIM_BATCH).min(CLAIM_BATCH);
        self.state
            .store
            .claim_deliveries(&self.worker, limit, self.lease_micros)
            .await
    }

    /// Makes one attempt of a claimed delivery; what to record of it.
    #[tracing::instrument(skip_all, fields(delivery = %d.id, endpoint = %d.endpoint_id))]
    pub async fn attempt(&self, d: ClaimedDelivery) -> AttemptRecord {
        let settings = &self.state.webhooks;
        let attempts = d.attempts + 1;
        let (attempt, permanent) = match (&d.body, &d.secret) {
            (None, _) => (
                refused("the verification was deleted; its data is no longer sent"),
                true,
            ),
            (Some(_), None) => (refused("the endpoint's secret cannot be opened"), false),
            (Some(body), Some(secret)) => {
                let msg = Message {
                    url: &d.url,
                    secret,
                    event_id: &d.event_id,
                    body,
                };
                (self.sender.send(&msg).await, false)
            }
        };
        let now = colleckt_store::ids::now_micros();
        let next = if permanent {
            NextStep::Failed
        } else {
            next_step(&settings.schedule, attempts, attempt.succeeded(), now)
        };
        let ok = attempt.succeeded();
        metrics::counter!("colleckt_webhook_attempts_total", "result" => if ok { "success" } else { "failure" })
            .increment(1);
        if !ok {
            tracing::info!(
                attempt = attempts,
                status = ?attempt.status_code,
                error = attempt.error.as_deref().unwrap_or(""),
                "webhook attempt failed"
            );
        }
        AttemptRecord {
            delivery_id: d.id.clone(),
            endpoint_id: d.endpoint_id.clone(),
            worker: self.worker.to_string(),
            status_code: attempt.status_code,
            duration_ms: i64::try_from(attempt.duration.as_millis()).unwrap_or(i64::MAX),
            response: attempt.response,
            error: attempt.error,
            next,
            disable_after_micros: i64::try_from(settings.disable_after.as_micros())
                .unwrap_or(i64::MAX / 2),
        }
    }

    /// Writes attempt records in one transaction.
    async fn record(&self, recs: &[AttemptRecord]) -> Result<(), StoreError> {
        let recorded = self.state.store.record_attempts(recs).await?;
        for (rec, r) in recs.iter().zip(recorded) {
            if r.endpoint_disabled {
                tracing::warn!(endpoint = %rec.endpoint_id, "webhook endpoint disabled after failing continuously");
            }
        }
        Ok(())
    }

    /// Takes finished attempts from `rx` and records whatever has gathered
    /// in one transaction, then tells each attempt it is recorded.
    async fn recorder(self, mut rx: mpsc::Receiver<Recording>) {
        let mut batch = Vec::with_capacity(RECORD_BATCH);
        while rx.recv_many(&mut batch, RECORD_BATCH).await > 0 {
            let (recs, done): (Vec<_>, Vec<_>) = batch.drain(..).unzip();
            if let Err(e) = self.record(&recs).await {
                // Unrecorded attempts stay leased, and are tried again when the lease ends.
                tracing::warn!(error = %e, attempts = recs.len(), "could not record webhook attempts");
            }
            for d in done {
                let _ = d.send(());
            }
        }
    }

    /// Fans out one batch of events, then attempts the deliveries due now,
    /// all concurrently; returns (events fanned out, attempts made).
    pub async fn run_once(&self) -> Result<(usize, usize), StoreError> {
        let (events, _) = fanout::fan_out_once(&self.state).await?;
        let claimed = self.claim(CLAIM_BATCH as usize).await?;
        let n = claimed.len();
        let recs = futures::future::join_all(claimed.into_iter().map(|d| self.attempt(d))).await;
        self.record(&recs).await?;
        Ok((events, n))
    }

    /// Runs until the process stops.
    pub async fn run(self) {
        let settings = self.state.webhooks.clone();
        let slots = Arc::new(Semaphore::new(settings.concurrency.max(1)));
        let freed = Arc::new(Notify::new());
        let (to_record, rx) = mpsc::channel::<Recording>(settings.concurrency.max(1));
        tokio::spawn(self.clone().recorder(rx));
        loop {
            let fanned = match fanout::fan_out_once(&self.state).await {
                Ok((_, created)) => created,
                Err(e) => {
                    tracing::warn!(error = %e, "webhook fan-out failed");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    0
                }
            };
            let free = slots.available_permits();
            if free == 0 {
                freed.notified().await;
                continue;
            }
            let claimed = match self.claim(free).await {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!(error = %e, "webhook dispatcher could not claim deliveries");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            let busy = !claimed.is_empty() || fanned > 0;
            for d in claimed {
                let Ok(permit) = slots.clone().acquire_owned().await else {
                    return;
                };
                let this = self.clone();
                let freed = freed.clone();
                let to_record = to_record.clone();
                tokio::spawn(async move {
                    let rec = this.attempt(d).await;
                    let (done, recorded) = oneshot::channel();
                    if to_record.send((rec, done)).await.is_ok() {
                        let _ = recorded.await;
                    }
                    drop(permit);
                    freed.notify_one();
                });
            }
            if !busy {
                tokio::select! {
                    _ = tokio::time::sleep(settings.poll) => {}
                    _ = freed.notified() => {}
                }
            }
        }
    }
}

fn refused(error: &str) -> Attempt {
    Attempt {
        status_code: None,
        duration: Duration::ZERO,
        response: None,
        error: Some(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_drives_retries_then_failure() {
        let s = RetrySchedule::default();
        assert_eq!(next_step(&s, 1, true, 0), NextStep::Succeeded);
        assert_eq!(next_step(&s, 1, false, 0), NextStep::RetryAt(5_000_000));
        assert_eq!(
            next_step(&s, 2, false, 10),
            NextStep::RetryAt(10 + 300_000_000)
        );
        assert_eq!(
            next_step(&s, 7, false, 0),
            NextStep::RetryAt(36_000_000_000)
        );
        assert_eq!(next_step(&s, 8, false, 0), NextStep::Failed);
        // A manual retry after the schedule is used up gets one attempt.
        assert_eq!(next_step(&s, 9, false, 0), NextStep::Failed);
        assert_eq!(next_step(&s, 9, true, 0), NextStep::Succeeded);
    }
}
