//! The master key at start and the `colleckt key` commands: `generate`
//! (print a key, or install it as the new `master.key`, keeping the old one
//! as `master.key.old`), `status` (configured and recorded keys, and which
//! key seals how many values), and `rotate` (re-seal every master-sealed
//! value under the current key while the service runs, then retire the
//! others so the old key can be dropped). See docs/keys.md.

use crate::app::AppState;
use crate::cli::SettingsArgs;
use crate::settings::{self, Settings};
use colleckt_store::crypto::generate_key_b64;
use colleckt_store::{Db, MasterKeys};

/// The key ring to start with. A missing key over a database that already
/// depends on one is an error: making a new key would make every existing
/// value unreadable (and seal new ones the old key cannot open).
pub async fn load(args: &SettingsArgs, settings: &Settings) -> Result<MasterKeys, String> {
    if let Some(keys) = settings::master_keys(args).map_err(|e| e.to_string())? {
        return Ok(keys);
    }
    let db = Db::connect(&settings.database_url, 1)
        .await
        .map_err(|e| format!("database: {e}"))?;
    db.migrate().await.map_err(|e| format!("migrations: {e}"))?;
    let in_use = colleckt_store::database_in_use(&db)
        .await
        .map_err(|e| e.to_string())?;
    drop(db);
    if in_use {
        return Err(format!(
            "no master key: {} does not exist and COLLECKT_MASTER_KEY is not set, but the database \
             already holds data sealed by a master key. Refusing to create a new key over it (is \
             the data volume mounted?). Restore master.key or set COLLECKT_MASTER_KEY; see docs/keys.md",
            settings::key_path(args).display()
        ));
    }
    settings::generate_key_file(args).map_err(|e| e.to_string())
}

/// `colleckt key generate [--install]`.
pub fn generate(args: &SettingsArgs, install: bool) -> Result<(), String> {
    let key = generate_key_b64();
    if !install {
        println!("{key}");
        return Ok(());
    }
    if args.master_key.is_some() {
        return Err(
            "COLLECKT_MASTER_KEY is set: --install manages key files only; set the new \
                    key there and the old one in COLLECKT_OLD_MASTER_KEYS instead"
                .into(),
        );
    }
    let current = settings::key_path(args);
    let old = settings::old_key_path(args);
    if old.exists() {
        return Err(format!(
            "{} exists: a rotation is not finished. Run `colleckt key rotate`, then delete it",
            old.display()
        ));
    }
    if !current.exists() {
        return Err(format!(
            "{} does not exist: nothing to replace",
            current.display()
        ));
    }
    std::fs::rename(&current, &old).map_err(|e| format!("{}: {e}", old.display()))?;
    settings::write_private(&current, &key).map_err(|e| format!("{}: {e}", current.display()))?;
    let ring = MasterKeys::new(
        colleckt_store::crypto::decode_key(&key).map_err(|e| e.to_string())?,
        vec![],
    );
    eprintln!(
        "installed new master key {} in {}; the previous key is now {}.\n\
         Next: restart every colleckt process (new values are sealed with the new key), run \
         `colleckt key rotate`, then delete {}.",
        ring.current_id(),
        current.display(),
        old.display(),
        old.display()
    );
    Ok(())
}

/// `colleckt key status`.
pub async fn status(state: &AppState) -> Result<(), String> {
    let keys = &state.store.keys;
    println!("configured keys:");
    for (id, fp) in keys.fingerprints() {
        let role = if id == keys.current_id() {
            "current"
        } else {
            "old"
        };
        println!("  {id}  {role:<8} fingerprint {}", &fp[..16]);
    }
    println!("recorded in the database:");
    for k in state
        .store
        .recorded_keys()
        .await
        .map_err(|e| e.to_string())?
    {
        let st = if k.active { "active" } else { "retired" };
        println!(
            "  {}  {st:<8} fingerprint {}",
            k.key_id,
            &k.fingerprint[..16.min(k.fingerprint.len())]
        );
    }
    println!("sealed values by key:");
    let census = state
        .store
        .sealed_census()
        .await
        .map_err(|e| e.to_string())?;
    for ((column, id), n) in &census {
        println!("  {column:<32} {id}  {n}");
    }
    let pending: u64 = census
        .iter()
        .filter(|((_, id), _)| id != keys.current_id())
        .map(|(_, n)| n)
        .sum();
    match state.store.check_keys().await {
        Ok(()) => println!("keys: ok; {pending} values not under the current key"),
        Err(e) => println!("keys: mismatch: {e}"),
    }
    Ok(())
}

/// `colleckt key rotate [--batch-size N]`: safe to run while the service
/// serves (every write is compare-and-set) and to run again after a stop.
pub async fn rotate(state: &AppState, batch: i64) -> Result<(), String> {
    let store = &state.store;
    let current = store.keys.current_id().to_string();
    eprintln!("re-sealing every master-sealed value under key {current}");
    let total = store
        .rekey_all(batch, |col, count| {
            tracing::info!(column = %col.name(), scanned = count.scanned, resealed = count.resealed, "rotation progress");
        })
        .await
        .map_err(|e| e.to_string())?;
    eprintln!(
        "scanned {} values, re-sealed {}, failed {}",
        total.scanned, total.resealed, total.failed
    );
    if total.failed > 0 {
        return Err(format!(
            "{} values could not be opened with the configured keys; no key was retired. \
             Configure every old key (COLLECKT_OLD_MASTER_KEYS or master.key.old) and run again",
            total.failed
        ));
    }
    let retired = store.retire_other_keys().await.map_err(|e| e.to_string())?;
    if retired.is_empty() {
        eprintln!("done: every value is under key {current}; no other key was in use");
    } else {
        eprintln!(
            "done: every value is under key {current}; retired {}. The old key can now be \
             removed (delete {} or unset COLLECKT_OLD_MASTER_KEYS).",
            retired.join(", "),
            settings::OLD_KEY_FILE
        );
    }
    Ok(())
}
