//! A job that keeps killing its process ends. The real `colleckt serve` is
//! killed with SIGKILL (it and its process group, so reader children die
//! with it) while it reads a submitted verification, three times in a row;
//! each restart takes the job again once its lease has run out. The
//! pipeline's third attempt was its last: the next start does not read it a
//! fourth time but hands the verification to a person — Double Check with
//! a `system` comment — and it reaches exactly one decision and one event.

use crate::pipeline::{anna_smith, anna_smith_lease, corpus};
use crate::webhooks::binary::*;
use crate::webhooks::now_us;
use reqwest::Method;
use serde_json::Value;
use sqlx::Row;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const LEASE: &str = "2";

/// `serve` as the leader of its own process group, killed as a group.
struct Group(Child);

impl Group {
    fn kill(&mut self) {
        let pid = self.0.id() as i32;
        // SAFETY: kill(2) on the process group this test created.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
        let _ = self.0.wait();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

async fn serve_group(dir: &Path, database_url: &str, port: u16) -> Group {
    let log = std::fs::File::create(dir.join(format!("serve-{}.log", now_us()))).unwrap();
    let child = colleckt(dir, database_url)
        .arg("serve")
        .env("COLLECKT_JOB_LEASE_SECONDS", LEASE)
        .env("COLLECKT_BIND", format!("127.0.0.1:{port}"))
        .env("COLLECKT_WORKERS", "1")
        .stdout(Stdio::null())
        .stderr(log)
        .process_group(0)
        .spawn()
        .expect("spawn colleckt serve");
    let group = Group(child);
    wait_healthy(port).await;
    group
}

async fn db(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url)
        .await
        .expect("open the test database")
}

/// `(attempts, leased now)` of the pipeline job, `None` once it is gone.
async fn pipeline_job(pool: &sqlx::AnyPool) -> Option<(i64, bool)> {
    let row = sqlx::query("SELECT attempts, locked_until FROM jobs WHERE kind = 'pipeline'")
        .fetch_optional(pool)
        .await
        .unwrap()?;
    let attempts: i64 = row.get("attempts");
    let until: Option<i64> = row.get("locked_until");
    Some((attempts, until.is_some_and(|u| u > now_us())))
}

async fn count(pool: &sqlx::AnyPool, sql: &str, id: &str) -> i64 {
    sqlx::query(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
        .get("n")
}

#[tokio::test]
async fn three_kills_mid_read_end_in_one_double_check_decision() {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, api) = binary_setup(dir.path()).await;
    let port = api.port();
    let pool = db(&database_url).await;
    let mut server = serve_group(dir.path(), &database_url, port).await;

    let id = api.create(anna_smith()).await;
    api.upload_ok(&id, "photo_id", corpus("passport-000-clean.png"))
        .await;
    api.upload_ok(&id, "proof_of_address", anna_smith_lease())
        .await;
    let path = format!("/api/v1/usps1583/verifications/{id}/submit");
    let (s, v) = api.call(Method::PUT, &path, None).await;
    assert_eq!(s, 200, "{v}");

    for attempt in 1..=3 {
        // Kill as soon as this attempt holds the job and has begun: the
        // documents are marked Processing before they are read.
        let start = Instant::now();
        loop {
            let job = pipeline_job(&pool).await;
            let v = api.verification(&id).await;
            assert_eq!(
                v["status_label"], "Submitted",
                "decided before kill {attempt}: {v}"
            );
            let reading = v["documents"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["status_label"] == "Processing");
            if job == Some((attempt, true)) && reading {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "attempt {attempt} never started: {job:?}"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        server.kill();
        assert_eq!(
            get_after_kill(&pool, &id).await,
            "Submitted",
            "kill {attempt} came after the decision, so nothing was tested"
        );
        server = serve_group(dir.path(), &database_url, port).await;
    }

    let start = Instant::now();
    let decided = loop {
        let v = api.verification(&id).await;
        if v["status_label"] != "Submitted" {
            break v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no decision after the third kill"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(decided["status_label"], "Double Check", "{decided}");
    let decisions: Vec<&Value> = decided["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["from_status"] == "Submitted")
        .collect();
    assert_eq!(decisions.len(), 1, "{decided}");
    assert_eq!(decisions[0]["user"], "system");
    let comment = decisions[0]["comment"].as_str().unwrap_or_default();
    assert!(comment.contains("review by hand"), "{decided}");
    assert!(
        decided["comments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["content"] == comment),
        "{decided}"
    );
    // The job ended (no fourth read) and nothing decides a second time,
    // well past another lease.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(pipeline_job(&pool).await, None);
    let again = api.verification(&id).await;
    assert_eq!(again["history"], decided["history"]);
    let events = "SELECT COUNT(*) AS n FROM events WHERE verification_id = $1 \
                  AND event_type = 'verification.double_check'";
    assert_eq!(count(&pool, events, &id).await, 1);
    let others = "SELECT COUNT(*) AS n FROM events WHERE verification_id = $1 \
                  AND event_type IN ('verification.finished', 'verification.canceled')";
    assert_eq!(count(&pool, others, &id).await, 0);
    drop(server);
}

/// The status as the database holds it, right after a kill.
async fn get_after_kill(pool: &sqlx::AnyPool, id: &str) -> String {
    let row = sqlx::query("SELECT status FROM verifications WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap();
    let status: i64 = row.get("status");
    colleckt_domain::Status::from_value(status)
        .map(|s| s.label().to_string())
        .unwrap_or_default()
}
