//! `/console/admin/webhooks`: the workspace's webhook endpoints and, per
//! endpoint, its delivery log with a retry button on each failed delivery —
//! the same retry as the API's (`service::webhooks`). Endpoints are created
//! through the API, where the signing secret is handed over.

use super::{actor, admin_only, after, problem, when, Button};
use crate::app::AppState;
use crate::http::api::lookup::plausible_id;
use crate::http::console::chrome::{notice, Chrome};
use crate::http::console::csrf::Form;
use crate::http::console::error::{ConsoleError, ConsoleResult};
use crate::http::console::i18n::Tr;
use crate::http::console::page::render;
use crate::http::console::session::Console;
use crate::service::admin;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use colleckt_store::{Delivery, Endpoint};
use serde::Deserialize;

const LIST: &str = "/console/admin/webhooks";
pub(crate) const NOTICES: &[&str] = &["notice.delivery_retried"];
/// Deliveries per page of an endpoint's log.
const PER_PAGE: i64 = 50;

pub struct EndpointRow {
    pub id: String,
    pub url: String,
    pub description: String,
    /// i18n key: enabled, failing or disabled; and the same as a CSS class.
    pub status: &'static str,
    pub tag: &'static str,
    pub events: String,
    pub created: String,
}

impl EndpointRow {
    fn of(e: &Endpoint) -> EndpointRow {
        let status = if e.disabled_at.is_some() {
            "webhooks.disabled"
        } else if e.failing_since.is_some() {
            "webhooks.failing"
        } else {
            "webhooks.enabled"
        };
        EndpointRow {
            id: e.id.clone(),
            url: e.url.clone(),
            description: e.description.clone().unwrap_or_default(),
            status,
            tag: status.trim_start_matches("webhooks."),
            events: e.events.as_ref().map(|v| v.join(", ")).unwrap_or_default(),
            created: when(e.created_at),
        }
    }
}

pub struct DeliveryRow {
    pub id: String,
    pub event_type: String,
    /// `pending`, `succeeded` or `failed`, and its i18n key.
    pub status: String,
    pub status_key: &'static str,
    pub attempts: i64,
    pub last_code: String,
    pub last_error: String,
    pub next_attempt: String,
    pub created: String,
}

impl DeliveryRow {
    fn of(d: &Delivery) -> DeliveryRow {
        let status_key = match d.status.as_str() {
            "succeeded" => "webhooks.succeeded",
            "failed" => "webhooks.failed",
            _ => "webhooks.pending",
        };
        DeliveryRow {
            id: d.id.clone(),
            event_type: d.event_type.clone(),
            status: d.status.clone(),
            status_key,
            attempts: d.attempts,
            last_code: d
                .last_status_code
                .map(|c| c.to_string())
                .unwrap_or_default(),
            last_error: d
                .log
                .last()
                .and_then(|a| a.error.as_deref())
                .map(short)
                .unwrap_or_default(),
            next_attempt: d.next_attempt_at.map(when).unwrap_or_default(),
            created: when(d.created_at),
        }
    }
}

/// The start of an attempt's error: enough to tell a refused connection from
/// a bad certificate; the API's delivery log has the whole of it.
fn short(error: &str) -> String {
    const MAX: usize = 160;
    if error.chars().count() <= MAX {
        return error.to_string();
    }
    let mut s: String = error.chars().take(MAX).collect();
    s.push('…');
    s
}

#[derive(Template)]
#[template(path = "console/admin_webhooks.html")]
struct ListPage {
    t: Tr,
    chrome: Chrome,
    problem: Option<&'static str>,
    endpoints: Vec<EndpointRow>,
}

/// `GET /console/admin/webhooks`.
pub async fn list(State(state): State<AppState>, c: Console) -> ConsoleResult<Response> {
    admin_only(&c)?;
    let max = crate::http::api::webhooks::MAX_ENDPOINTS;
    let (items, _) = state.store.list_endpoints(c.workspace_id(), max, 0).await?;
    Ok(render(&ListPage {
        t: c.t,
        chrome: Chrome::of(&c, "admin", LIST),
        problem: None,
        endpoints: items.iter().map(EndpointRow::of).collect(),
    }))
}

#[derive(Template)]
#[template(path = "console/admin_webhook.html")]
struct ShowPage {
    t: Tr,
    chrome: Chrome,
    problem: Option<&'static str>,
    endpoint: EndpointRow,
    deliveries: Vec<DeliveryRow>,
    page: i64,
    pages: i64,
}

#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    page: Option<i64>,
    done: Option<String>,
    error: Option<String>,
}

async fn endpoint_of(state: &AppState, c: &Console, id: &str) -> ConsoleResult<Endpoint> {
    if !plausible_id(id, "wh_") {
        return Err(ConsoleError::NotFound);
    }
    state
        .store
        .get_endpoint(c.workspace_id(), id)
        .await?
        .ok_or(ConsoleError::NotFound)
}

/// `GET /console/admin/webhooks/{id}`: the endpoint's delivery log.
pub async fn show(
    State(state): State<AppState>,
    c: Console,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> ConsoleResult<Response> {
    admin_only(&c)?;
    let e = endpoint_of(&state, &c, &id).await?;
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let (items, total) = state
        .store
        .list_deliveries(&e.id, None, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let here = format!("{LIST}/{}", e.id);
    Ok(render(&ShowPage {
        t: c.t,
        chrome: Chrome::of(&c, "admin", here).with_notice(notice(q.done.as_deref(), NOTICES)),
        problem: problem(q.error.as_deref()),
        endpoint: EndpointRow::of(&e),
        deliveries: items.iter().map(DeliveryRow::of).collect(),
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
    }))
}

/// `POST /console/admin/webhooks/{id}/deliveries/{delivery}/retry`.
pub async fn retry(
    State(state): State<AppState>,
    Path((id, delivery)): Path<(String, String)>,
    Form { console: c, .. }: Form<Button>,
) -> Response {
    if !plausible_id(&id, "wh_") || !plausible_id(&delivery, "dlv_") {
        return axum::response::IntoResponse::into_response(ConsoleError::NotFound);
    }
    let r = admin::retry_delivery(&state, actor(&c), &id, &delivery)
        .await
        .map(|_| ());
    after(r, &format!("{LIST}/{id}"), "delivery_retried")
}

impl ShowPage {
    fn prev(&self) -> Option<String> {
        (self.page > 1).then(|| format!("{LIST}/{}?page={}", self.endpoint.id, self.page - 1))
    }

    fn next(&self) -> Option<String> {
        (self.page < self.pages)
            .then(|| format!("{LIST}/{}?page={}", self.endpoint.id, self.page + 1))
    }
}
