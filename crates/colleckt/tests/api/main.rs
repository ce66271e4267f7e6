//! End-to-end tests of the REST API against the real server over HTTP.

mod helpers;

mod actions;
mod auth;
mod bad_input;
mod cli;
mod concurrency;
mod conformance;
mod create;
mod documents;
mod expiry;
mod hostile;
mod jobs_end;
mod keys;
mod idempotency_records;
mod list;
mod pii;
mod pipeline;
mod pipeline_crash;
mod pipeline_kills;
mod readers;
mod rate_limits;
mod update_delete;
mod webhooks;
mod widget;
