//! Resolved settings: the defaults that depend on other settings (paths under
//! the data directory, the public URL from the bind address) and the master key,
//! generated once into the data directory in embedded mode.

pub mod args;

use crate::http::limits::client_ip::Cidr;
use crate::http::limits::rate::{self as limits, parse_rate_limit, RateLimit};
use crate::http::widget::frame::DEFAULT_FRAME_ANCESTORS;
use crate::jobs::webhooks::settings::WebhookSettings;
use args::{ReaderArgs, SettingsArgs};
use colleckt_store::crypto::{decode_key, generate_key_b64};
use colleckt_store::MasterKeys;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: String,
    pub database_url: String,
    pub storage_url: String,
    pub public_url: String,
    pub workers: usize,
    pub retention_days: u32,
    pub job_lease: std::time::Duration,
    pub webhooks: WebhookSettings,
    pub readers: ReaderSettings,
    pub http: HttpSettings,
}

/// The reader processes (docs/readers.md): which program, and the limits each
/// one runs under.
#[derive(Debug, Clone)]
pub struct ReaderSettings {
    /// Started as `<program> reader`; this binary unless set.
    pub program: PathBuf,
    /// Address-space limit of each reader process, in MiB.
    pub memory_mb: u64,
    /// Wall-clock (and CPU) time one document's read may take.
    pub timeout: Duration,
}

impl Default for ReaderSettings {
    fn default() -> ReaderSettings {
        ReaderSettings {
            program: this_binary(),
            memory_mb: 1024,
            timeout: Duration::from_secs(30),
        }
    }
}

impl ReaderSettings {
    pub fn resolve(args: &ReaderArgs) -> ReaderSettings {
        ReaderSettings {
            program: args.reader_program.clone().unwrap_or_else(this_binary),
            memory_mb: args.reader_memory_mb,
            timeout: Duration::from_secs(args.reader_timeout_seconds.into()),
        }
    }
}

/// The running executable; if the OS cannot say, `colleckt` on the `PATH`.
fn this_binary() -> PathBuf {
    std::env::current_exe().unwrap_or_else(|_| PathBuf::from("colleckt"))
}

/// Rate limits, the proxies whose `X-Forwarded-For` is believed, and who may
/// frame the widget (docs/limits.md).
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Per authenticated API token.
    pub api_rate_limit: RateLimit,
    /// Per client address, on the API, signed files and docs.
    pub api_ip_rate_limit: RateLimit,
    /// Widget reads per session.
    pub widget_rate_limit: RateLimit,
    /// Widget uploads and submits per session.
    pub widget_write_rate_limit: RateLimit,
    /// Every widget request per client address.
    pub widget_ip_rate_limit: RateLimit,
    pub trusted_proxies: Vec<Cidr>,
    /// The widget page's CSP `frame-ancestors` sources.
    pub widget_frame_ancestors: String,
}

impl Default for HttpSettings {
    fn default() -> HttpSettings {
        // The defaults are constants whose parsing is unit-tested.
        let rate = |s| parse_rate_limit(s).unwrap_or(RateLimit::Off);
        HttpSettings {
            api_rate_limit: rate(limits::DEFAULT_API_RATE_LIMIT),
            api_ip_rate_limit: rate(limits::DEFAULT_API_IP_RATE_LIMIT),
            widget_rate_limit: rate(limits::DEFAULT_WIDGET_RATE_LIMIT),
            widget_write_rate_limit: rate(limits::DEFAULT_WIDGET_WRITE_RATE_LIMIT),
            widget_ip_rate_limit: rate(limits::DEFAULT_WIDGET_IP_RATE_LIMIT),
            trusted_proxies: vec![],
            widget_frame_ancestors: DEFAULT_FRAME_ANCESTORS.to_string(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("COLLECKT_MASTER_KEY: {0}")]
    MasterKey(String),
    #[error("cannot use the data directory {0}: {1}")]
    DataDir(String, std::io::Error),
}

impl Settings {
    pub fn resolve(args: &SettingsArgs) -> Settings {
        let dir = args.data_dir.display().to_string();
        let public = args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", args.bind));
        Settings {
            bind: args.bind.clone(),
            database_url: args
                .database_url
                .clone()
                .unwrap_or_else(|| format!("sqlite://{dir}/colleckt.db")),
            storage_url: args
                .storage_url
                .clone()
                .unwrap_or_else(|| format!("file://{}", absolute(&args.data_dir.join("objects")))),
            public_url: public.trim_end_matches('/').to_string(),
            workers: args.workers.unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(1)
            }),
            retention_days: args.retention_days,
            job_lease: std::time::Duration::from_secs(args.job_lease_seconds.into()),
            webhooks: WebhookSettings {
                allow_private: args.webhook_allow_private,
                schedule: args.webhook_retry_schedule.clone().unwrap_or_default(),
                ..WebhookSettings::default()
            },
            readers: ReaderSettings::resolve(&args.readers),
            http: HttpSettings {
                api_rate_limit: args.api_rate_limit,
                api_ip_rate_limit: args.api_ip_rate_limit,
                widget_rate_limit: args.widget_rate_limit,
                widget_write_rate_limit: args.widget_write_rate_limit,
                widget_ip_rate_limit: args.widget_ip_rate_limit,
                trusted_proxies: args.trusted_proxies.clone(),
                widget_frame_ancestors: args.widget_frame_ancestors.clone(),
            },
        }
    }
}

fn absolute(p: &Path) -> String {
    std::path::absolute(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}

/// The file of the current master key in the data directory.
pub fn key_path(args: &SettingsArgs) -> std::path::PathBuf {
    args.data_dir.join("master.key")
}

/// The previous master key during a rotation (`colleckt key generate
/// --install` moves `master.key` here); opened, never used to seal.
pub fn old_key_path(args: &SettingsArgs) -> std::path::PathBuf {
    args.data_dir.join(OLD_KEY_FILE)
}

pub const OLD_KEY_FILE: &str = "master.key.old";

fn bad(e: colleckt_store::crypto::CryptoError) -> SettingsError {
    SettingsError::MasterKey(e.to_string())
}

/// The master key ring from the settings or the data directory's key
/// files; `None` when no key is configured at all (the caller decides
/// whether a new one may be made: only over an empty database).
pub fn master_keys(args: &SettingsArgs) -> Result<Option<MasterKeys>, SettingsError> {
    let mut old = args
        .old_master_keys
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(decode_key)
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
    let dir_err = |e| SettingsError::DataDir(args.data_dir.display().to_string(), e);
    match std::fs::read_to_string(old_key_path(args)) {
        Ok(k) => old.push(decode_key(&k).map_err(bad)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(dir_err(e)),
    }
    if let Some(k) = &args.master_key {
        return Ok(Some(MasterKeys::new(decode_key(k).map_err(bad)?, old)));
    }
    match std::fs::read_to_string(key_path(args)) {
        Ok(existing) => Ok(Some(MasterKeys::new(
            decode_key(&existing).map_err(bad)?,
            old,
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(dir_err(e)),
    }
}

/// First start over an empty database: a new key in `<data-dir>/master.key`
/// (mode 0600), with a warning to back it up.
pub fn generate_key_file(args: &SettingsArgs) -> Result<MasterKeys, SettingsError> {
    let path = key_path(args);
    let dir_err = |e| SettingsError::DataDir(args.data_dir.display().to_string(), e);
    std::fs::create_dir_all(&args.data_dir).map_err(dir_err)?;
    let key = generate_key_b64();
    write_private(&path, &key).map_err(dir_err)?;
    tracing::warn!(
        path = %path.display(),
        "generated a new master key; back it up, or set COLLECKT_MASTER_KEY: without it the data cannot be read"
    );
    Ok(MasterKeys::new(decode_key(&key).map_err(bad)?, vec![]))
}

/// Writes a new file readable by its owner only; never overwrites.
pub fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(content.as_bytes())
}
