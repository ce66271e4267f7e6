//! The floor server for bench/api: the same routes as colleckt's usps1583 API,
//! doing the least possible. POST parses the JSON body and inserts one row;
//! GET by id selects it; the list selects the 15 newest. No auth, no validation,
//! no encryption, no history: what is left is axum + sqlx + SQLite (WAL), the
//! cost any create on this stack pays.
//!
//! Usage: colleckt-bench-floor BIND DB_PATH

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Clone)]
struct AppState {
    pool: SqlitePool,
    /// SQLite has one writer: taking turns in-process beats busy-retries.
    write: Arc<tokio::sync::Mutex<()>>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn new_id() -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64;
    format!("ver_{nanos:016x}{:08x}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

async fn create(State(st): State<AppState>, Json(body): Json<Value>) -> impl IntoResponse {
    let id = new_id();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_micros() as i64;
    let _turn = st.write.lock().await;
    let res = sqlx::query("INSERT INTO verifications (id, body, created_at) VALUES (?, ?, ?)")
        .bind(&id)
        .bind(body.to_string())
        .bind(now)
        .execute(&st.pool)
        .await;
    match res {
        Ok(_) => (StatusCode::CREATED, Json(json!({"data": {"id": id, "status": 1}}))).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn show(State(st): State<AppState>, Path(id): Path<String>) -> impl IntoResponse {
    let row = sqlx::query("SELECT id, body, created_at FROM verifications WHERE id = ?")
        .bind(&id)
        .fetch_optional(&st.pool)
        .await;
    match row {
        Ok(Some(r)) => Json(json!({"data": to_json(&r)})).into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, Json(json!({"message": "Not found."}))).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn list(State(st): State<AppState>) -> impl IntoResponse {
    let rows = sqlx::query("SELECT id, body, created_at FROM verifications ORDER BY created_at DESC LIMIT 15")
        .fetch_all(&st.pool)
        .await;
    match rows {
        Ok(rows) => Json(json!({"data": rows.iter().map(to_json).collect::<Vec<_>>()})).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn to_json(r: &sqlx::sqlite::SqliteRow) -> Value {
    let body: String = r.get("body");
    let mut v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("id".into(), Value::String(r.get("id")));
        m.insert("created_at".into(), Value::from(r.get::<i64, _>("created_at")));
    }
    v
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let bind = args.next().unwrap_or_else(|| "127.0.0.1:8090".into());
    let db = args.next().unwrap_or_else(|| "floor.db".into());
    let opts = SqliteConnectOptions::new()
        .filename(&db)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new().max_connections(8).connect_with(opts).await.expect("open SQLite");
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS verifications (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at INTEGER NOT NULL)",
    )
    .execute(&pool)
    .await
    .expect("create table");
    sqlx::query("CREATE INDEX IF NOT EXISTS verifications_created ON verifications (created_at)")
        .execute(&pool)
        .await
        .expect("create index");
    let state = AppState { pool, write: Arc::new(tokio::sync::Mutex::new(())) };
    let app = Router::new()
        .route("/api/v1/usps1583/verifications", post(create).get(list))
        .route("/api/v1/usps1583/verifications/{id}", get(show))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(&bind).await.expect("bind");
    println!("floor listening on http://{bind}");
    axum::serve(listener, app).await.expect("serve");
}
