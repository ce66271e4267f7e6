//! Resolved settings: the defaults that depend on other settings (paths under
//! the data directory, the public URL from the bind address) and the master key,
//! generated once into the data directory in embedded mode.

use crate::cli::SettingsArgs;
use crate::jobs::webhooks::WebhookSettings;
use colleckt_store::crypto::{decode_key, generate_key_b64};
use colleckt_store::MasterKeys;
use std::path::Path;

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
