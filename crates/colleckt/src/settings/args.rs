//! The settings as command-line flags and environment variables (CONTRACT §1:
//! a flag, else a variable, else a default). They live with the settings, not
//! in `cli`, so that resolving them needs nothing of the command line; the
//! value parsers come from the leaf modules that own each value's format.

use crate::http::limits::client_ip::{parse_cidrs, Cidrs};
use crate::http::limits::rate::{self as limits, parse_rate_limit, RateLimit};
use crate::http::widget::frame::{parse_frame_ancestors, DEFAULT_FRAME_ANCESTORS};
use crate::jobs::webhooks::settings::{parse_schedule, RetrySchedule};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct SettingsArgs {
    /// Address the HTTP server listens on.
    #[arg(
        long,
        env = "COLLECKT_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: String,
    /// Directory for the embedded database, objects and master key.
    #[arg(
        long,
        env = "COLLECKT_DATA_DIR",
        default_value = "./colleckt-data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…` (default: SQLite in the data directory).
    #[arg(long, env = "COLLECKT_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// `file://…` or `s3://bucket/prefix` (default: `objects/` in the data directory).
    #[arg(long, env = "COLLECKT_STORAGE_URL", global = true)]
    pub storage_url: Option<String>,
    /// Base URL used in `url`, `qr_code`, pagination links and signed file URLs.
    #[arg(long, env = "COLLECKT_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Base64 of 32 bytes. Generated into `<data-dir>/master.key` when absent.
    #[arg(
        long,
        env = "COLLECKT_MASTER_KEY",
        hide_env_values = true,
        global = true
    )]
    pub master_key: Option<String>,
    /// Earlier master keys (comma-separated base64), still able to decrypt.
    #[arg(
        long,
        env = "COLLECKT_OLD_MASTER_KEYS",
        hide_env_values = true,
        global = true
    )]
    pub old_master_keys: Option<String>,
    /// Background workers in `serve` (default: number of cores; 0 = API only).
    #[arg(long, env = "COLLECKT_WORKERS", global = true)]
    pub workers: Option<usize>,
    /// Directory of extra flow definitions (JSON).
    #[arg(long, env = "COLLECKT_FLOWS_DIR", global = true)]
    pub flows_dir: Option<PathBuf>,
    /// `text` or `json`.
    #[arg(
        long,
        env = "COLLECKT_LOG_FORMAT",
        default_value = "text",
        global = true
    )]
    pub log_format: String,
    /// Days a deleted verification's rows and images are kept before purging.
    #[arg(
        long,
        env = "COLLECKT_RETENTION_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub retention_days: u32,
    /// Seconds a worker holds a job without renewing it (it renews every third
    /// of that while it runs): how long a job of a crashed worker waits before
    /// another worker takes it.
    #[arg(
        long,
        env = "COLLECKT_JOB_LEASE_SECONDS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u32).range(1..=3600),
        global = true
    )]
    pub job_lease_seconds: u32,
    /// Allow http and private, loopback and link-local webhook URLs (tests,
    /// local development). Off: https only, public addresses only.
    #[arg(
        long,
        env = "COLLECKT_WEBHOOK_ALLOW_PRIVATE",
        action = clap::ArgAction::SetTrue,
        value_parser = clap::builder::BoolishValueParser::new(),
        global = true
    )]
    pub webhook_allow_private: bool,
    /// Webhook retry delays after each failed attempt (default
    /// `5s,5m,30m,2h,5h,10h,10h`; units ms, s, m, h, d).
    #[arg(long, env = "COLLECKT_WEBHOOK_RETRY_SCHEDULE", value_parser = parse_schedule, global = true)]
    pub webhook_retry_schedule: Option<RetrySchedule>,
    /// Requests per authenticated API token: `COUNT/PERIOD` (a burst of COUNT,
    /// refilled evenly over PERIOD: `100/s`, `600/m`, `20/2m`) or `off`.
    /// Limits are kept per process.
    #[arg(long, env = "COLLECKT_API_RATE_LIMIT", default_value = limits::DEFAULT_API_RATE_LIMIT,
        value_parser = parse_rate_limit, global = true)]
    pub api_rate_limit: RateLimit,
    /// Requests per client address to the API, signed files and docs.
    #[arg(long, env = "COLLECKT_API_IP_RATE_LIMIT", default_value = limits::DEFAULT_API_IP_RATE_LIMIT,
        value_parser = parse_rate_limit, global = true)]
    pub api_ip_rate_limit: RateLimit,
    /// Widget reads per session (state, preview).
    #[arg(long, env = "COLLECKT_WIDGET_RATE_LIMIT", default_value = limits::DEFAULT_WIDGET_RATE_LIMIT,
        value_parser = parse_rate_limit, global = true)]
    pub widget_rate_limit: RateLimit,
    /// Widget uploads and submits per session.
    #[arg(long, env = "COLLECKT_WIDGET_WRITE_RATE_LIMIT", default_value = limits::DEFAULT_WIDGET_WRITE_RATE_LIMIT,
        value_parser = parse_rate_limit, global = true)]
    pub widget_write_rate_limit: RateLimit,
    /// Widget requests (page, API, QR code) per client address.
    #[arg(long, env = "COLLECKT_WIDGET_IP_RATE_LIMIT", default_value = limits::DEFAULT_WIDGET_IP_RATE_LIMIT,
        value_parser = parse_rate_limit, global = true)]
    pub widget_ip_rate_limit: RateLimit,
    /// Address blocks of your reverse proxies (comma-separated, e.g.
    /// `10.0.0.0/8,fd00::/8`): from these peers the client address is the
    /// last `X-Forwarded-For` hop that is not a trusted proxy. Empty: the
    /// header is ignored and the peer is the client.
    #[arg(long, env = "COLLECKT_TRUSTED_PROXIES", default_value = "",
        value_parser = parse_cidrs, global = true)]
    pub trusted_proxies: Cidrs,
    /// Who may show the widget in a frame (CSP `frame-ancestors`): `'none'`,
    /// or e.g. `https://portal.example.com` (add `allow="camera"` on the iframe).
    #[arg(long, env = "COLLECKT_WIDGET_FRAME_ANCESTORS", default_value = DEFAULT_FRAME_ANCESTORS,
        value_parser = parse_frame_ancestors, global = true)]
    pub widget_frame_ancestors: String,
    #[command(flatten)]
    pub readers: ReaderArgs,
}

/// The reader processes that read untrusted documents (docs/readers.md).
#[derive(Debug, Clone, Args)]
pub struct ReaderArgs {
    /// The program started as a reader process, with the argument `reader`
    /// (default: this binary).
    #[arg(long, env = "COLLECKT_READER_PROGRAM", global = true)]
    pub reader_program: Option<PathBuf>,
    /// Address space of each reader process, in MiB: a read that needs more
    /// ends that reader (`reader_out_of_memory`).
    #[arg(
        long,
        env = "COLLECKT_READER_MEMORY_MB",
        default_value_t = 1024,
        value_parser = clap::value_parser!(u64).range(64..=1_048_576),
        global = true
    )]
    pub reader_memory_mb: u64,
    /// Wall-clock and CPU seconds one document's read may take before its
    /// reader is killed (`reader_timeout`).
    #[arg(
        long,
        env = "COLLECKT_READER_TIMEOUT_SECONDS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u32).range(1..=3600),
        global = true
    )]
    pub reader_timeout_seconds: u32,
}
