//! The webhook benchmark, run by `bench/webhooks/run` (ignored otherwise):
//! the real binary and a healthy receiver in this process, on loopback.
//!
//! 1. Throughput: `BENCH_EVENTS` events are committed through the API while
//!    no dispatcher runs (`serve` with `COLLECKT_WORKERS=0`); then one
//!    `colleckt worker` starts and delivers the backlog → deliveries/s.
//! 2. Delay: `serve` with workers; status changes at `BENCH_RATE`/s for
//!    `BENCH_SECONDS`; each delivery's delay is its arrival time minus the
//!    event's `created_at` (the status change) → p50/p99.

use super::binary::*;
use super::*;
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn created_us(hit: &Hit) -> i64 {
    let at = hit.json()["created_at"].as_str().unwrap().to_string();
    chrono::DateTime::parse_from_rfc3339(&at)
        .unwrap()
        .timestamp_micros()
}

fn percentile(sorted: &[i64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

/// Flips verification `id` approved ↔ rejected (`i` decides which); true if
/// the status changed (and so an event was written).
async fn flip(api: &Api, id: &str, i: usize) -> bool {
    let action = if i & 1 == 0 { "approve" } else { "reject" };
    let path = format!("/api/v1/usps1583/verifications/{id}/{action}");
    let (s, _) = api
        .call(reqwest::Method::PUT, &path, Some(actor("bench")))
        .await;
    s == 200
}

/// Approves, or rejects if it is approved already: one status change.
async fn toggle(api: &Api, id: &str) -> bool {
    flip(api, id, 0).await || flip(api, id, 1).await
}

async fn create_verifications(api: &Api, n: usize) -> Vec<String> {
    let creates = (0..n).map(|_| async {
        let (s, v) = api
            .call(
                reqwest::Method::POST,
                "/api/v1/usps1583/verifications",
                Some(homer()),
            )
            .await;
        assert_eq!(s, 201, "{v}");
        v["data"]["id"].as_str().unwrap().to_string()
    });
    futures::stream::iter(creates)
        .buffer_unordered(16)
        .collect()
        .await
}

use futures::StreamExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: bench/webhooks/run"]
async fn bench_webhooks() {
    let events = setting("BENCH_EVENTS", 5000);
    let rate = setting("BENCH_RATE", 200);
    let seconds = setting("BENCH_SECONDS", 10);
    let dir = tempfile::tempdir().unwrap();
    let (database_url, api) = binary_setup(dir.path()).await;
    let engine = if database_url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let port = api.port();
    let rx = Receiver::start().await;

    // --- 1. backlog throughput -------------------------------------------
    let server = serve(dir.path(), &database_url, port, 0).await;
    let (s, v) = api
        .call(
            reqwest::Method::POST,
            "/api/v1/webhooks",
            Some(json!({"url": rx.url})),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let pool = create_verifications(&api, 200).await;
    let made = AtomicUsize::new(0);
    let per = events.div_ceil(pool.len());
    let started = Instant::now();
    let producers = pool.iter().map(|id| {
        let (api, made) = (&api, &made);
        async move {
            for i in 0..per {
                if made.load(Ordering::SeqCst) >= events {
                    break;
                }
                if flip(api, id, i).await {
                    made.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
    });
    futures::stream::iter(producers)
        .buffer_unordered(32)
        .collect::<Vec<()>>()
        .await;
    let made = made.load(Ordering::SeqCst);
    eprintln!(
        "webhooks bench: {made} status changes committed in {:.1} s (no dispatcher running)",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let worker = worker(dir.path(), &database_url);
    rx.wait_for(made, Duration::from_secs(600)).await;
    let took = started.elapsed().as_secs_f64();
    drop(worker);
    let distinct: HashSet<String> = rx.hits().into_iter().map(|h| h.id).collect();
    assert_eq!(distinct.len(), made);
    println!(
        "webhooks bench ({engine}): backlog of {made} events → {made} deliveries in {took:.2} s \
         = {:.0} deliveries/s (one `colleckt worker`, includes start-up and fan-out)",
        made as f64 / took
    );
    drop(server);

    // --- 2. delay from status change to delivery --------------------------
    let before = rx.count();
    let server = serve(dir.path(), &database_url, port, 2).await;
    let total = rate * seconds;
    let mut ticker = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    let ok = std::sync::Arc::new(AtomicUsize::new(0));
    let mut tasks = vec![];
    for i in 0..total {
        ticker.tick().await;
        let id = pool[i % pool.len()].clone();
        let (client, base, token, ok) = (
            api.client.clone(),
            api.base.clone(),
            api.token.clone(),
            ok.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let api = Api {
                base,
                token,
                client,
            };
            if toggle(&api, &id).await {
                ok.fetch_add(1, Ordering::SeqCst);
            }
        }));
    }
    futures::future::join_all(tasks).await;
    let ok = ok.load(Ordering::SeqCst);
    let hits = rx.wait_for(before + ok, Duration::from_secs(120)).await;
    let mut delays: Vec<i64> = hits[before..]
        .iter()
        .map(|h| h.arrived_us - created_us(h))
        .collect();
    delays.sort_unstable();
    println!(
        "webhooks bench ({engine}): {ok} status changes at {rate}/s for {seconds} s → {} delivered; \
         delay from status change to delivery p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        delays.len(),
        percentile(&delays, 0.50),
        percentile(&delays, 0.99),
        percentile(&delays, 1.0),
    );
    drop(server);
}
