//! Repositories: one module per aggregate, every SQL statement of the service.
//! SQL uses `$n` placeholders, which both SQLite and PostgreSQL accept.

pub mod accounts;
pub mod activity;
pub mod audit;
pub mod console_sessions;
pub mod documents;
pub mod holder_terms;
pub mod idempotency;
pub mod jobs;
pub mod keyring;
pub mod purge;
pub mod rekey;
pub mod review_queue;
pub mod users;
pub mod verifications;
pub mod webhook_deliveries;
pub mod webhook_fanout;
pub mod webhooks;

/// `$1, $2, …, $n` for an `IN (…)` list.
pub(crate) fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
