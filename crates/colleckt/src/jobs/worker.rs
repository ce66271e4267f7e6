//! The worker loop: claim a due job with a lease, run it, complete or retry
//! with its kind's backoff. Any number of workers on any number of nodes.
//! Every job ends: an attempt stops renewing its lease at its kind's
//! deadline, and a job out of attempts goes to its kind's give-up step.

use crate::app::AppState;
use colleckt_store::{ClaimedJob, JobKind};
use std::time::{Duration, Instant};

/// The job kinds this build runs.
pub const KINDS: &[JobKind] = &JobKind::ALL;

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX / 4)
}

/// Runs `work` while renewing the job's lease every third of it, so a long
/// job keeps its lease and a crashed worker's job is free after one lease —
/// but never past the kind's deadline: then the attempt is abandoned (an
/// error, so it counts) and the lease lapses on its own.
async fn with_lease<F: std::future::Future<Output = Result<(), String>>>(
    state: &AppState,
    job: &ClaimedJob,
    worker: &str,
    work: F,
) -> Result<(), String> {
    let lease = state.job_lease;
    let deadline = job.kind.deadline();
    let started = Instant::now();
    let renew = async {
        loop {
            tokio::time::sleep(lease / 3).await;
            if started.elapsed() >= deadline {
                return;
            }
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
        () = renew => Err(format!("the {} job ran past its deadline of {deadline:?}", job.kind)),
    }
}

/// What one step of a worker did; tests drain the queue with it.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    Ran,
    Empty,
}

async fn execute(state: &AppState, job: &ClaimedJob) -> Result<(), String> {
    match job.kind {
        JobKind::Pipeline => super::pipeline::run(state, job).await,
        JobKind::Purge => super::purge::run(state, job).await,
        JobKind::PurgeObjects => super::purge::run_objects(state, job).await,
    }
}

/// A job out of attempts ends here. A pipeline job hands the verification to
/// a person; a purge job stays as a dead row an operator must look at.
async fn give_up(state: &AppState, job: &ClaimedJob, error: &str) -> Result<(), String> {
    tracing::error!(job = %job.id, kind = %job.kind, %error, "job failed for the last time");
    match job.kind {
        JobKind::Pipeline => {
            super::pipeline::give_up(state, job, error).await?;
            state
                .store
                .complete_job(&job.id)
                .await
                .map_err(|e| e.to_string())
        }
        JobKind::Purge | JobKind::PurgeObjects => {
            metrics::counter!("colleckt_purge_dead_total", "kind" => job.kind.as_str())
                .increment(1);
            state
                .store
                .bury_job(&job.id, error)
                .await
                .map_err(|e| e.to_string())
        }
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
    if job.spent {
        // The last attempt died with its process (or ran out of time)
        // before it could record a failure.
        give_up(state, &job, "the last attempt did not finish").await?;
        return Ok(Step::Ran);
    }
    match with_lease(state, &job, worker, execute(state, &job)).await {
        Ok(()) => state
            .store
            .complete_job(&job.id)
            .await
            .map_err(|e| e.to_string())?,
        Err(error) => {
            if matches!(job.kind, JobKind::Purge | JobKind::PurgeObjects) {
                metrics::counter!("colleckt_purge_failures_total", "kind" => job.kind.as_str())
                    .increment(1);
            }
            if job.attempts >= job.max_attempts {
                give_up(state, &job, &error).await?;
            } else {
                tracing::warn!(job = %job.id, kind = %job.kind, %error, "job failed; will retry");
                state
                    .store
                    .retry_job(&job.id, micros(job.kind.backoff(job.attempts)), &error)
                    .await
                    .map_err(|e| e.to_string())?;
            }
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
        tokio::spawn(super::sweep::run(state.clone()));
    }
}
