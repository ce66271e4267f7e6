//! End-to-end tests of the REST API against the real server over HTTP.

mod console_admin_helpers;
mod helpers;

mod actions;
mod auth;
mod bad_input;
mod cli;
mod concurrency;
mod conformance;
mod console_admin;
mod console_helpers;
mod console_pages;
mod console_review;
mod create;
mod documents;
mod expiry;
mod holder_search;
mod hostile;
mod idempotency_records;
mod jobs_end;
mod keys;
mod list;
mod pii;
mod pipeline;
mod pipeline_crash;
mod pipeline_kills;
mod rate_limits;
mod readers;
mod update_delete;
mod webhooks;
mod widget;
