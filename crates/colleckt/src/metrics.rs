//! Prometheus metrics: one process-wide recorder, HTTP request counts and
//! latencies by route template and status (never by raw path: ids are secrets).

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

pub fn record_request(route: &str, method: &str, status: u16, seconds: f64) {
    let labels = [
        ("route", route.to_string()),
        ("method", method.to_string()),
        ("status", status.to_string()),
    ];
    metrics::counter!("colleckt_http_requests_total", &labels).increment(1);
    metrics::histogram!("colleckt_http_request_duration_seconds", &labels).record(seconds);
}
