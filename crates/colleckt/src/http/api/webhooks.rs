//! Webhook endpoints and their delivery log (CONTRACT §5): create (the secret
//! is shown only in that response), list, get, delete, list deliveries, and
//! retry one delivery by hand. Every endpoint belongs to the token's workspace.

use crate::app::AppState;
use crate::http::api::lookup::plausible_id;
use crate::http::api::pagination;
use crate::http::api::verifications::Data;
use crate::http::auth::Auth;
use crate::http::body::JsonBody;
use crate::http::error::{ApiError, ApiResult};
use crate::http::idempotency;
use crate::http::render::timestamp;
use crate::jobs::webhooks::{sign, ssrf};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use colleckt_domain::Event;
use colleckt_domain::ValidationErrors;
use colleckt_store::{Delivery, Endpoint, NewEndpoint};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// Endpoints a workspace may have (each event is sent to each of them).
pub const MAX_ENDPOINTS: i64 = 50;
const NOT_FOUND: ApiError = ApiError::NotFound("Webhook not found.");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/webhooks", get(list).post(create))
        .route("/api/v1/webhooks/{webhook}", get(show).delete(destroy))
        .route("/api/v1/webhooks/{webhook}/deliveries", get(deliveries))
        .route(
            "/api/v1/webhooks/{webhook}/deliveries/{delivery}/retry",
            post(retry),
        )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookResource {
    pub id: String,
    pub url: String,
    /// The event types sent; `null`: every event.
    pub events: Option<Vec<String>>,
    pub description: Option<String>,
    /// `enabled`, or `disabled` after failing continuously for 5 days.
    pub status: String,
    pub disabled_at: Option<String>,
    /// The first failed attempt since the last success; `null` while healthy.
    pub failing_since: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The create response: the only time the secret is shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedWebhook {
    pub id: String,
    pub url: String,
    pub events: Option<Vec<String>>,
    /// `whsec_…`: the Standard Webhooks signing secret. Shown only in the
    /// first response: an `Idempotency-Key` replay of it omits `secret`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub description: Option<String>,
    pub status: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttemptResource {
    pub attempt: i64,
    pub status_code: Option<i64>,
    pub duration_ms: i64,
    /// The start of the receiver's answer (at most 2 KiB).
    pub response_body: Option<String>,
    pub error: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryResource {
    pub id: String,
    pub webhook_id: String,
    /// The `webhook-id` header of every attempt, and the payload's `id`.
    pub event_id: String,
    pub event_type: String,
    /// `pending`, `succeeded` or `failed`.
    pub status: String,
    pub attempt_count: i64,
    pub next_attempt_at: Option<String>,
    pub last_status_code: Option<i64>,
    pub event_created_at: String,
    pub created_at: String,
    pub updated_at: String,
    pub attempts: Vec<AttemptResource>,
}

#[derive(Serialize, ToSchema)]
pub struct WebhookPage {
    pub data: Vec<WebhookResource>,
    pub links: pagination::Links,
    pub meta: pagination::Meta,
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryPage {
    pub data: Vec<DeliveryResource>,
    pub links: pagination::Links,
    pub meta: pagination::Meta,
}

fn status_of(e: &Endpoint) -> &'static str {
    if e.disabled_at.is_some() {
        "disabled"
    } else {
        "enabled"
    }
}

pub fn webhook(e: &Endpoint) -> WebhookResource {
    WebhookResource {
        id: e.id.clone(),
        url: e.url.clone(),
        events: e.events.clone(),
        description: e.description.clone(),
        status: status_of(e).into(),
        disabled_at: e.disabled_at.map(timestamp),
        failing_since: e.failing_since.map(timestamp),
        created_at: timestamp(e.created_at),
        updated_at: timestamp(e.updated_at),
    }
}

pub fn delivery(d: &Delivery) -> DeliveryResource {
    DeliveryResource {
        id: d.id.clone(),
        webhook_id: d.endpoint_id.clone(),
        event_id: d.event_id.clone(),
        event_type: d.event_type.clone(),
        status: d.status.clone(),
        attempt_count: d.attempts,
        next_attempt_at: d.next_attempt_at.map(timestamp),
        last_status_code: d.last_status_code,
        event_created_at: timestamp(d.event_created_at),
        created_at: timestamp(d.created_at),
        updated_at: timestamp(d.updated_at),
        attempts: d
            .log
            .iter()
            .map(|a| AttemptResource {
                attempt: a.attempt,
                status_code: a.status_code,
                duration_ms: a.duration_ms,
                response_body: a.response_body.clone(),
                error: a.error.clone(),
                created_at: timestamp(a.created_at),
            })
            .collect(),
    }
}

/// The create body: `url` (required), `events` (subset of the five types;
/// absent, null or empty: all), `description` (up to 255 characters).
#[derive(Debug)]
struct CreateInput {
    url: String,
    events: Option<Vec<String>>,
    description: Option<String>,
}

fn validate(body: &Value) -> Result<CreateInput, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    if !body.is_object() {
        return Err(ValidationErrors::single(
            "url",
            "The url field is required.",
        ));
    }
    let url = match body.get("url") {
        None | Some(Value::Null) => {
            errors.add("url", "The url field is required.");
            String::new()
        }
        Some(Value::String(s)) if s.trim().is_empty() => {
            errors.add("url", "The url field is required.");
            String::new()
        }
        Some(Value::String(s)) if s.len() > 2048 => {
            errors.add("url", "The url may not be longer than 2048 characters.");
            String::new()
        }
        Some(Value::String(s)) => s.trim().to_string(),
        Some(_) => {
            errors.add("url", "The url must be a string.");
            String::new()
        }
    };
    let events = match body.get("events") {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) => {
            let mut chosen: Vec<String> = vec![];
            for (i, item) in items.iter().enumerate() {
                match item.as_str() {
                    Some(t) if Event::from_name(t).is_some() => {
                        if !chosen.iter().any(|c| c == t) {
                            chosen.push(t.to_string());
                        }
                    }
                    _ => errors.add(
                        format!("events.{i}"),
                        format!(
                            "The selected events.{i} is invalid; the event types are {}.",
                            Event::ALL.map(Event::name).join(", ")
                        ),
                    ),
                }
            }
            (!chosen.is_empty()).then_some(chosen)
        }
        Some(_) => {
            errors.add("events", "The events must be an array of event types.");
            None
        }
    };
    let description = match body.get("description") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.chars().count() > 255 => {
            errors.add(
                "description",
                "The description may not be longer than 255 characters.",
            );
            None
        }
        Some(Value::String(s)) if s.chars().any(char::is_control) => {
            errors.add(
                "description",
                "The description may not contain control characters.",
            );
            None
        }
        Some(Value::String(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Some(_) => {
            errors.add("description", "The description must be a string.");
            None
        }
    };
    if errors.is_empty() {
        Ok(CreateInput {
            url,
            events,
            description,
        })
    } else {
        Err(errors)
    }
}

/// Create a webhook endpoint; the response carries its signing secret, once
/// (an `Idempotency-Key` replay answers the same endpoint without `secret`).
#[utoipa::path(operation_id = "webhooks_create", post, path = "/api/v1/webhooks", tag = "Webhooks",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body(content = Object, description = "url (https), events (optional subset of: verification.finished, verification.canceled, verification.submitted, verification.double_check, verification.expired), description"),
    responses((status = 201, body = Data<CreatedWebhook>), (status = 400), (status = 401),
        (status = 409), (status = 422, description = "Invalid, non-https or non-public url; unknown event type")),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    body: JsonBody,
) -> ApiResult<Response> {
    let key = idempotency::key(&headers)?;
    let fingerprint = idempotency::fingerprint(&["POST", "webhooks"], &body.raw);
    idempotency::run(&state, &auth, key, &fingerprint, || async {
        let input = validate(&body.value)?;
        let url = ssrf::check_url(&input.url, state.webhooks.allow_private).await?;
        if state.store.count_endpoints(&auth.workspace_id).await? >= MAX_ENDPOINTS {
            return Err(ApiError::BadRequest(format!(
                "A workspace may have at most {MAX_ENDPOINTS} webhook endpoints."
            )));
        }
        let secret = sign::new_secret();
        let new = NewEndpoint {
            workspace_id: auth.workspace_id.clone(),
            url: url.to_string(),
            description: input.description,
            events: input.events,
        };
        let e = state.store.create_endpoint(new, &secret).await?;
        let mut data = CreatedWebhook {
            id: e.id.clone(),
            url: e.url.clone(),
            events: e.events.clone(),
            secret: None,
            description: e.description.clone(),
            status: status_of(&e).into(),
            created_at: timestamp(e.created_at),
        };
        // The record keeps (and a replay answers) everything but the secret.
        let replay = serde_json::to_vec(&Data { data: &data })
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        data.secret = Some(secret);
        let response = (StatusCode::CREATED, Json(Data { data })).into_response();
        Ok(idempotency::Outcome::plain(response).replaying(replay))
    })
    .await
}

/// `page` and `per_page` of a list query, and the other pairs for the caller.
struct PageQuery {
    page: i64,
    per_page: i64,
    rest: Vec<(String, String)>,
}

fn page_of(raw: Option<&str>) -> Result<PageQuery, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let (mut page, mut per_page, mut rest) = (1, pagination::DEFAULT_PER_PAGE, vec![]);
    for (key, value) in url::form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match key.as_ref() {
            "page" => match value.parse::<i64>() {
                Ok(p) if (1..=1_000_000).contains(&p) => page = p,
                _ => errors.add("page", "The page must be a whole number of at least 1."),
            },
            "per_page" => match value.parse::<i64>() {
                Ok(p) if (1..=pagination::MAX_PER_PAGE).contains(&p) => per_page = p,
                _ => errors.add(
                    "per_page",
                    "The per_page must be a whole number from 1 to 100.",
                ),
            },
            _ => rest.push((key.into_owned(), value.into_owned())),
        }
    }
    if errors.is_empty() {
        Ok(PageQuery {
            page,
            per_page,
            rest,
        })
    } else {
        Err(errors)
    }
}

/// List the workspace's webhook endpoints, newest first.
#[utoipa::path(operation_id = "webhooks_list", get, path = "/api/v1/webhooks", tag = "Webhooks",
    params(("page" = Option<i64>, Query), ("per_page" = Option<i64>, Query)),
    responses((status = 200, body = WebhookPage), (status = 401), (status = 422)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<WebhookPage>> {
    let PageQuery { page, per_page, .. } = page_of(raw.as_deref())?;
    let (items, total) = state
        .store
        .list_endpoints(&auth.workspace_id, per_page, (page - 1) * per_page)
        .await?;
    let data: Vec<_> = items.iter().map(webhook).collect();
    let carry = per_page_carry(per_page);
    let (links, meta) = pagination::links_and_meta(
        &format!("{}/api/v1/webhooks", state.public_url),
        &carry,
        page,
        per_page,
        data.len() as i64,
        total,
    );
    Ok(Json(WebhookPage { data, links, meta }))
}

fn per_page_carry(per_page: i64) -> Vec<(String, String)> {
    if per_page == pagination::DEFAULT_PER_PAGE {
        vec![]
    } else {
        vec![("per_page".into(), per_page.to_string())]
    }
}

async fn endpoint(state: &AppState, auth: &Auth, id: &str) -> ApiResult<Endpoint> {
    if !plausible_id(id, "wh_") {
        return Err(NOT_FOUND);
    }
    state
        .store
        .get_endpoint(&auth.workspace_id, id)
        .await?
        .ok_or(NOT_FOUND)
}

/// Get one webhook endpoint (never its secret).
#[utoipa::path(operation_id = "webhooks_show", get, path = "/api/v1/webhooks/{webhook}", tag = "Webhooks",
    params(("webhook" = String, Path)),
    responses((status = 200, body = Data<WebhookResource>), (status = 401), (status = 404)),
    security(("bearer" = [])))]
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<WebhookResource>>> {
    let e = endpoint(&state, &auth, &id).await?;
    Ok(Json(Data { data: webhook(&e) }))
}

/// Delete a webhook endpoint with its secret and delivery log.
#[utoipa::path(operation_id = "webhooks_destroy", delete, path = "/api/v1/webhooks/{webhook}", tag = "Webhooks",
    params(("webhook" = String, Path)),
    responses((status = 204), (status = 401), (status = 404)),
    security(("bearer" = [])))]
pub async fn destroy(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    if !plausible_id(&id, "wh_") || !state.store.delete_endpoint(&auth.workspace_id, &id).await? {
        return Err(NOT_FOUND);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// An endpoint's deliveries, newest first, each with its attempt log.
#[utoipa::path(operation_id = "webhooks_deliveries", get, path = "/api/v1/webhooks/{webhook}/deliveries", tag = "Webhooks",
    params(("webhook" = String, Path), ("status" = Option<String>, Query, description = "pending, succeeded or failed"),
        ("page" = Option<i64>, Query), ("per_page" = Option<i64>, Query)),
    responses((status = 200, body = DeliveryPage), (status = 401), (status = 404), (status = 422)),
    security(("bearer" = [])))]
pub async fn deliveries(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<DeliveryPage>> {
    let e = endpoint(&state, &auth, &id).await?;
    let PageQuery {
        page,
        per_page,
        rest,
    } = page_of(raw.as_deref())?;
    let mut carry = per_page_carry(per_page);
    let mut status = None;
    for (key, value) in rest {
        if key == "status" && !value.is_empty() {
            if !["pending", "succeeded", "failed"].contains(&value.as_str()) {
                return Err(ApiError::validation(
                    "status",
                    "The status must be pending, succeeded or failed.",
                ));
            }
            carry.push(("status".into(), value.clone()));
            status = Some(value);
        }
    }
    let (items, total) = state
        .store
        .list_deliveries(&e.id, status.as_deref(), per_page, (page - 1) * per_page)
        .await?;
    let data: Vec<_> = items.iter().map(delivery).collect();
    let (links, meta) = pagination::links_and_meta(
        &format!("{}/api/v1/webhooks/{}/deliveries", state.public_url, e.id),
        &carry,
        page,
        per_page,
        data.len() as i64,
        total,
    );
    Ok(Json(DeliveryPage { data, links, meta }))
}

/// Attempt a delivery again now (one more attempt if it had used them all);
/// a disabled endpoint is enabled again.
#[utoipa::path(operation_id = "webhooks_retry", post, path = "/api/v1/webhooks/{webhook}/deliveries/{delivery}/retry", tag = "Webhooks",
    params(("webhook" = String, Path), ("delivery" = String, Path)),
    responses((status = 202, body = Data<DeliveryResource>), (status = 400, description = "Being attempted right now"),
        (status = 401), (status = 404)),
    security(("bearer" = [])))]
pub async fn retry(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, delivery_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    use crate::service::webhooks::{self as service, RetryError};
    let missing = ApiError::NotFound("Delivery not found.");
    if !plausible_id(&id, "wh_") {
        return Err(NOT_FOUND);
    }
    if !plausible_id(&delivery_id, "dlv_") {
        return Err(missing);
    }
    let d = service::retry_delivery(&state, &auth.workspace_id, &id, &delivery_id)
        .await
        .map_err(|e| match e {
            RetryError::EndpointNotFound => NOT_FOUND,
            RetryError::DeliveryNotFound => missing,
            RetryError::InFlight => ApiError::BadRequest(e.to_string()),
            RetryError::Store(e) => e.into(),
        })?;
    Ok((StatusCode::ACCEPTED, Json(Data { data: delivery(&d) })).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn create_bodies_are_validated() {
        let ok = validate(&json!({"url": " https://x.example/h ", "events": ["verification.finished", "verification.finished"], "description": "CRM"})).unwrap();
        assert_eq!(ok.url, "https://x.example/h");
        assert_eq!(ok.events, Some(vec!["verification.finished".to_string()]));
        assert_eq!(ok.description.as_deref(), Some("CRM"));
        assert_eq!(
            validate(&json!({"url": "https://x", "events": []}))
                .unwrap()
                .events,
            None
        );
        let e = validate(&json!({"events": ["verification.finished", "nope"], "description": 5}))
            .unwrap_err();
        assert!(e.has("url") && e.has("events.1") && e.has("description") && !e.has("events.0"));
        assert!(validate(&json!({"url": "https://x", "events": "all"}))
            .unwrap_err()
            .has("events"));
        assert!(validate(&json!([])).unwrap_err().has("url"));
    }
}
