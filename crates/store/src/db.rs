//! The database connection: SQLite (WAL, busy timeout, foreign keys) or
//! PostgreSQL, behind sqlx's `Any` driver so the repositories share one SQL text
//! (`$1` placeholders work on both). Migrations are per engine.

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Db {
    pub(crate) pool: AnyPool,
    pub(crate) engine: Engine,
    /// Where write transactions run. SQLite has one writer: its writes take
    /// turns on one connection of their own, which avoids busy-retry storms
    /// (other processes still wait through `busy_timeout`) and never waits
    /// for a reader to give a connection back. PostgreSQL: the same pool.
    pub(crate) writer: AnyPool,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

impl Db {
    /// Connects; for SQLite the file and its directory are created if missing.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Engine::Postgres
        } else {
            return Err(sqlx::Error::Configuration(
                format!(
                    "unsupported database URL scheme (use sqlite:// or postgres://): {}",
                    scheme(url)
                )
                .into(),
            ));
        };
        let url = match engine {
            Engine::Sqlite => sqlite_url(url)?,
            Engine::Postgres => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = pool_options(engine, max_connections.max(1))
            .connect_with(options.clone())
            .await?;
        let writer = match engine {
            Engine::Sqlite => {
                tokio::spawn(checkpoint_in_background(pool.clone()));
                pool_options(engine, 1).connect_with(options).await?
            }
            Engine::Postgres => pool.clone(),
        };
        Ok(Db {
            pool,
            engine,
            writer,
        })
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.engine {
            Engine::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Engine::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    /// Begins a write transaction (on SQLite, waiting for the writer's turn).
    pub(crate) async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        Ok(WriteTx {
            tx: self.writer.begin().await?,
        })
    }
}

/// Copies SQLite's write-ahead log back into the database once a second from a
/// reader connection, so that the writer's commits do not stop to do it (with
/// its fsync) every thousand pages; `wal_autocheckpoint` stays as a backstop
/// should this fall behind. Ends when the pool is closed.
async fn checkpoint_in_background(pool: AnyPool) {
    let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if pool.is_closed() {
            return;
        }
        if let Err(e) = pool.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
            tracing::debug!(error = %e, "background checkpoint");
        }
    }
}

const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

fn pool_options(engine: Engine, max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        // A ping before every use is a round trip to SQLite's worker thread per
        // query; an embedded file does not drop connections the way a server can.
        .test_before_acquire(engine == Engine::Postgres)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if engine == Engine::Sqlite {
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                         PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
                         PRAGMA wal_autocheckpoint = 20000;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
}

impl Db {
    /// A write transaction whose commit need not wait for the disk on
    /// PostgreSQL (`synchronous_commit = off` for it alone): for bookkeeping
    /// that a crash may lose without harm, because losing it only means doing
    /// the work again — webhook claims, fan-out and attempt records, where at
    /// least once already allows a repeat. On SQLite, the same as
    /// [`Db::begin_write`].
    pub(crate) async fn begin_write_relaxed(&self) -> Result<WriteTx, sqlx::Error> {
        let mut w = self.begin_write().await?;
        if self.engine == Engine::Postgres {
            w.tx.execute("SET LOCAL synchronous_commit = off").await?;
        }
        Ok(w)
    }

    /// Runs a SQLite script that opens and commits its own transaction
    /// (`BEGIN IMMEDIATE; …; COMMIT;`) on the writer connection, in one round
    /// trip. A statement that fails leaves the transaction open, so it is
    /// rolled back here; the work runs in its own task so that a caller who
    /// goes away cannot stop it between the failure and the rollback.
    pub(crate) async fn write_script(
        &self,
        script: String,
        args: sqlx::any::AnyArguments<'static>,
    ) -> Result<(), sqlx::Error> {
        let writer = self.writer.clone();
        let run = tokio::spawn(async move {
            let mut conn = writer.acquire().await?;
            let result = sqlx::query_with(&script, args)
                .execute(&mut *conn)
                .await
                .map(|_| ());
            if result.is_err() {
                if let Err(e) = conn.execute("ROLLBACK").await {
                    // "no transaction is active": it failed before BEGIN or after COMMIT.
                    tracing::debug!(error = %e, "rollback after a failed script");
                }
            }
            result
        });
        run.await.map_err(|e| {
            tracing::error!(error = %e, "a write task failed");
            sqlx::Error::WorkerCrashed
        })?
    }
}

/// A write transaction; on SQLite it holds the writer connection until dropped.
pub(crate) struct WriteTx {
    pub tx: sqlx::Transaction<'static, sqlx::Any>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

fn scheme(url: &str) -> &str {
    url.split_once(':').map(|(s, _)| s).unwrap_or("(none)")
}

/// Ensures the directory exists and asks SQLite to create the file.
fn sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let file = path.split('?').next().unwrap_or(path);
    if file != ":memory:" && !file.is_empty() {
        if let Some(dir) = std::path::Path::new(file).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
            }
        }
    }
    Ok(if path.contains('?') {
        format!("sqlite://{path}")
    } else {
        format!("sqlite://{path}?mode=rwc")
    })
}

#[cfg(test)]
mod script_tests {
    use super::*;
    use sqlx::Row;

    async fn count(db: &Db) -> i64 {
        sqlx::query("SELECT COUNT(*) AS n FROM t")
            .fetch_one(&db.pool)
            .await
            .unwrap()
            .try_get::<i64, _>("n")
            .unwrap()
    }

    /// A script whose second statement fails leaves nothing behind, and the
    /// writer connection is usable afterwards (its transaction was rolled back).
    #[tokio::test]
    async fn a_failed_script_is_rolled_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/t.db", dir.path().display()), 2)
            .await
            .unwrap();
        db.pool
            .execute("CREATE TABLE t (id TEXT PRIMARY KEY)")
            .await
            .unwrap();
        let args = |v: &[&str]| {
            let mut a = sqlx::any::AnyArguments::default();
            for s in v {
                sqlx::Arguments::add(&mut a, s.to_string()).unwrap();
            }
            a
        };
        let script = "BEGIN IMMEDIATE; INSERT INTO t (id) VALUES ($1); \
                      INSERT INTO t (id) VALUES ($2); COMMIT;";
        db.write_script(script.into(), args(&["a", "b"]))
            .await
            .unwrap();
        assert_eq!(count(&db).await, 2);
        // "c" goes in, then "a" violates the key: neither stays.
        let err = db.write_script(script.into(), args(&["c", "a"])).await;
        assert!(err.is_err());
        assert_eq!(count(&db).await, 2);
        db.write_script(script.into(), args(&["d", "e"]))
            .await
            .unwrap();
        assert_eq!(count(&db).await, 4);
        let mut w = db.begin_write().await.unwrap();
        sqlx::query("INSERT INTO t (id) VALUES ('f')")
            .execute(&mut *w.tx)
            .await
            .unwrap();
        w.commit().await.unwrap();
        assert_eq!(count(&db).await, 5);
    }
}
