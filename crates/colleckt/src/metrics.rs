//! Prometheus metrics: one process-wide recorder, HTTP request counts and
//! latencies by route template and status (never by raw path: ids are secrets).
//! Every label has a bounded set of values, whatever a client sends: the
//! route is a template or `unmatched`, the method one of a fixed list.

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| PrometheusBuilder::new().install_recorder().ok())
        .as_ref()
}

pub fn init() {
    let _ = handle();
}

pub fn render() -> String {
    handle().map(|h| h.render()).unwrap_or_default()
}

/// The method label: a standard method, else `other` (a client may send any
/// token as a method, and each label value is a series kept forever).
pub fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

pub fn record_request(route: &str, method: &'static str, status: u16, seconds: f64) {
    let labels = [
        ("route", route.to_string()),
        ("method", method.to_string()),
        ("status", status.to_string()),
    ];
    metrics::counter!("colleckt_http_requests_total", &labels).increment(1);
    metrics::histogram!("colleckt_http_request_duration_seconds", &labels).record(seconds);
}

/// `colleckt_jobs{kind,state}`: the queue as the database holds it (every
/// node reports the same numbers), read at each scrape. Every kind and state
/// is set, so a count that drops to zero shows as zero.
pub async fn record_jobs(store: &colleckt_store::Store) {
    // A gauge set before the recorder exists would go nowhere.
    init();
    let counts = match store.job_counts().await {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "could not count jobs for /metrics");
            return;
        }
    };
    for kind in colleckt_store::JobKind::ALL {
        for state in ["pending", "running", "dead"] {
            let n = counts
                .iter()
                .filter(|c| c.kind == kind.as_str() && c.state == state)
                .map(|c| c.count)
                .sum::<i64>();
            metrics::gauge!("colleckt_jobs", "kind" => kind.as_str(), "state" => state)
                .set(n as f64);
        }
    }
    // Registered at zero so a dashboard can alert on it before the first failure.
    for kind in [JOB_PURGE, JOB_PURGE_OBJECTS, "orphan_sweep"] {
        metrics::counter!("colleckt_purge_failures_total", "kind" => kind).increment(0);
    }
}

const JOB_PURGE: &str = "purge";
const JOB_PURGE_OBJECTS: &str = "purge_objects";
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;

    #[test]
    fn made_up_methods_share_one_label() {
        assert_eq!(method_label(&Method::PATCH), "PATCH");
        for m in ["FOO", "BREW", "get"] {
            assert_eq!(
                method_label(&Method::from_bytes(m.as_bytes()).unwrap()),
                "other"
            );
        }
    }
}
