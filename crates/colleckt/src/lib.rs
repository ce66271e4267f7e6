//! The `colleckt` service: settings, the HTTP server, background jobs, and the
//! operator commands. `main.rs` only parses the command line and calls in here.

pub mod app;
pub mod bootstrap;
pub mod cli;
pub mod http;
pub mod jobs;
pub mod keys;
pub mod memory;
pub mod metrics;
pub mod private;
pub mod readers;
pub mod reading;
pub mod server;
pub mod service;
pub mod settings;
pub mod upload;
