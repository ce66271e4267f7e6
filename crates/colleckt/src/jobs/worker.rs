//! The worker loop: claim a due job with a lease, run it, complete or retry
//! with exponential backoff. Any number of workers on any number of nodes.

use crate::app::AppState;
use colleckt_store::ClaimedJob;
use std::time::Duration;

/// The job kinds this build runs.
pub const KINDS: &[&str] = &[super::PIPELINE, super::PURGE];

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX / 4)
}

/// Runs `work` while renewing the job's lease every third of it, so a long
/// job keeps its lease and a crashed worker's job is free after one lease.
async fn with_lease<F: std::future::Future<Output = Result<(), String>>>(
    state: &AppState,
    job: &ClaimedJob,
    worker: &str,
    work: F,
) -> Result<(), String> {
    let lease = state.job_lease;
    let renew = async {
        loop {
            tokio::time::sleep(lease / 3).await;
            match state
                .store
                .extend_job_lease(&job.id, worker, micros(lease))
                .await
            {
                Ok(true) => {}
                Ok(false) => tracing::warn!(job = %job.id, "lost the lease of a running job"),
                Err(e) => tracing::warn!(job = %job.id, error = %e, "could not renew a job lease"),
            }
        }
    };
    tokio::select! {
        result = work => result,
        () = renew => Err("the lease renewal stopped".into()),
    }
}

/// What one step of a worker did; tests drain the queue with it.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    Ran,
    Empty,
}

/// Backoff after `attempts` failures: 1 min × 2^(attempts-1), capped at a day.
pub fn backoff_micros(attempts: i64) -> i64 {
    let exp = (attempts.max(1) - 1).min(20) as u32;
    (60_000_000i64 * 2i64.pow(exp)).min(86_400_000_000)
}

async fn execute(state: &AppState, job: &ClaimedJob) -> Result<(), String> {
    match job.kind.as_str() {
        super::PIPELINE => super::pipeline::run(state, job).await,
        super::PURGE => super::purge::run(state, job).await,
        other => Err(format!("no handler for job kind {other}")),
    }
}

pub async fn try_execute_one(state: &AppState, worker: &str) -> Result<Step, String> {
    let job = state
        .store
        .claim_job(KINDS, worker, micros(state.job_lease))
        .await
        .map_err(|e| e.to_string())?;
    let Some(job) = job else {
        return Ok(Step::Empty);
    };
    match with_lease(state, &job, worker, execute(state, &job)).await {
        Ok(()) => state
            .store
            .complete_job(&job.id)
            .await
            .map_err(|e| e.to_string())?,
        Err(error) if job.attempts >= job.max_attempts => {
            tracing::error!(job = %job.id, kind = %job.kind, %error, "job failed for the last time");
            if job.kind == super::PIPELINE {
                super::pipeline::give_up(state, &job, &error).await?;
            }
            state
                .store
                .complete_job(&job.id)
                .await
                .map_err(|e| e.to_string())?;
        }
        Err(error) => {
            tracing::warn!(job = %job.id, kind = %job.kind, %error, "job failed; will retry");
            state
                .store
                .retry_job(&job.id, backoff_micros(job.attempts), &error)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(Step::Ran)
}

/// Runs until the process stops; idles briefly when the queue is empty.
pub async fn run(state: AppState, name: String) {
    loop {
        match try_execute_one(&state, &name).await {
            Ok(Step::Ran) => {}
            // Other processes' jobs are found by polling; this one's ring at once.
            Ok(Step::Empty) => tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                _ = state.store.job_enqueued() => {}
            },
            Err(e) => {
                tracing::warn!(error = %e, "worker could not reach the queue");
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    }
}

pub fn spawn_workers(state: &AppState, count: usize) {
    let host = colleckt_store::ids::new_id("wrk");
    for i in 0..count {
        tokio::spawn(run(state.clone(), format!("{host}-{i}")));
    }
    if count > 0 {
        tokio::spawn(super::expiry::run(state.clone()));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_doubles_from_a_minute_and_caps() {
        assert_eq!(super::backoff_micros(1), 60_000_000);
        assert_eq!(super::backoff_micros(2), 120_000_000);
        assert_eq!(super::backoff_micros(50), 86_400_000_000);
    }
}
