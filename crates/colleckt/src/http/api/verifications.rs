//! List, create, get, update and delete verifications (the seeds' first five
//! endpoints). Status-changing actions live in `actions`.

use crate::app::AppState;
use crate::http::api::{lookup, pagination};
use crate::http::auth::Auth;
use crate::http::body::JsonBody;
use crate::http::error::ApiResult;
use crate::http::idempotency;
use crate::http::render::{self, VerificationDetail, VerificationResource};
use crate::service::lifecycle::{self, Act};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use colleckt_domain::validation::{validate_create, validate_patch};
use colleckt_domain::{Action, Flow, Status, ValidationErrors};
use colleckt_store::{ListFilter, NewVerification};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Data<T> {
    pub data: T,
}

#[derive(Serialize, ToSchema)]
pub struct Page {
    pub data: Vec<VerificationResource>,
    pub links: pagination::Links,
    pub meta: pagination::Meta,
}

/// Parsed list query: page, per_page, filters, and the pairs links carry.
struct ListQuery {
    page: i64,
    per_page: i64,
    filter: ListFilter,
    carry: Vec<(String, String)>,
}

fn parse_date(value: &str, end_of_day: bool) -> Option<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(t.timestamp_micros());
    }
    let d = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
    let t = if end_of_day {
        d.and_hms_micro_opt(23, 59, 59, 999_999)?
    } else {
        d.and_hms_opt(0, 0, 0)?
    };
    Some(t.and_utc().timestamp_micros())
}

fn parse_list_query(raw: Option<&str>) -> Result<ListQuery, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut q = ListQuery {
        page: 1,
        per_page: pagination::DEFAULT_PER_PAGE,
        filter: ListFilter::default(),
        carry: vec![],
    };
    for (key, value) in url::form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        let value = value.trim().to_string();
        if value.len() > 255 {
            errors.add(
                key.to_string(),
                format!("The {key} may not be longer than 255 characters."),
            );
            continue;
        }
        match key.as_ref() {
            "page" => match value.parse::<i64>() {
                Ok(p) if (1..=1_000_000).contains(&p) => q.page = p,
                _ => errors.add("page", "The page must be a whole number of at least 1."),
            },
            "per_page" => match value.parse::<i64>() {
                Ok(p) if (1..=pagination::MAX_PER_PAGE).contains(&p) => {
                    q.per_page = p;
                    q.carry.push(("per_page".into(), value));
                }
                _ => errors.add(
                    "per_page",
                    "The per_page must be a whole number from 1 to 100.",
                ),
            },
            "status" => match value.parse::<i64>().ok().and_then(Status::from_value) {
                Some(s) => {
                    q.filter.status = Some(s);
                    q.carry.push(("status".into(), value));
                }
                None => errors.add("status", "The status must be a whole number from 1 to 8."),
            },
            "vendor_reference" if !value.is_empty() => {
                q.filter.vendor_reference = Some(value.clone());
                q.carry.push(("vendor_reference".into(), value));
            }
            "q" if !value.is_empty() => {
                q.filter.q = Some(value.clone());
                q.carry.push(("q".into(), value));
            }
            "created_from" | "created_to" if !value.is_empty() => {
                match parse_date(&value, key == "created_to") {
                    Some(t) if key == "created_from" => q.filter.created_from = Some(t),
                    Some(t) => q.filter.created_to = Some(t),
                    None => errors.add(
                        key.to_string(),
                        format!("The {key} must be a date (YYYY-MM-DD) or an RFC 3339 timestamp."),
                    ),
                }
                q.carry.push((key.to_string(), value));
            }
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok(q)
    } else {
        Err(errors)
    }
}

async fn list_page(
    state: &AppState,
    auth: &Auth,
    flow: Option<String>,
    path: String,
    raw: Option<String>,
) -> ApiResult<Json<Page>> {
    let mut q = parse_list_query(raw.as_deref())?;
    q.filter.flow = flow;
    let offset = (q.page - 1) * q.per_page;
    let (items, total) = state
        .store
        .list_verifications(&auth.workspace_id, &q.filter, q.per_page, offset)
        .await?;
    let comments = state.store.public_comments_for(&items).await?;
    let view = state.view();
    let data: Vec<_> = items
        .iter()
        .zip(&comments)
        .map(|(v, c)| render::verification(&view, v, c))
        .collect();
    let (links, meta) = pagination::links_and_meta(
        &format!("{}{path}", state.public_url),
        &q.carry,
        q.page,
        q.per_page,
        data.len() as i64,
        total,
    );
    Ok(Json(Page { data, links, meta }))
}

/// List the verifications of one flow, newest first.
#[utoipa::path(operation_id = "verifications_list", get, path = "/api/v1/{flow}/verifications", tag = "Verifications",
    params(("flow" = String, Path, description = "Flow path name, e.g. usps1583"),
        ("page" = Option<i64>, Query), ("per_page" = Option<i64>, Query, description = "1–100, default 15"),
        ("status" = Option<i64>, Query, description = "1–8"), ("vendor_reference" = Option<String>, Query),
        ("q" = Option<String>, Query, description = "Search in vendor_reference"),
        ("created_from" = Option<String>, Query), ("created_to" = Option<String>, Query)),
    responses((status = 200, body = Page), (status = 401), (status = 404), (status = 422)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Path(flow): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Page>> {
    let flow = lookup::flow(&state, &flow)?.slug.clone();
    let path = format!("/api/v1/{flow}/verifications");
    list_page(&state, &auth, Some(flow), path, raw).await
}

/// List the verifications of every flow, newest first.
#[utoipa::path(operation_id = "verifications_list_all", get, path = "/api/v1/verifications", tag = "Verifications",
    responses((status = 200, body = Page), (status = 401), (status = 422)),
    security(("bearer" = [])))]
pub async fn list_all(
    State(state): State<AppState>,
    auth: Auth,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Page>> {
    list_page(&state, &auth, None, "/api/v1/verifications".into(), raw).await
}

/// Create a verification in Started status.
#[utoipa::path(operation_id = "verifications_create", post, path = "/api/v1/{flow}/verifications", tag = "Verifications",
    params(("flow" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body(content = Object, description = "vendor_reference, vendor_state, person, address, documents, redirect_url"),
    responses((status = 201, body = Data<VerificationResource>), (status = 401), (status = 404),
        (status = 409, description = "Idempotency-Key reused with another body"), (status = 422)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Path(flow): Path<String>,
    headers: HeaderMap,
    body: JsonBody,
) -> ApiResult<Response> {
    let flow = lookup::flow(&state, &flow)?;
    let key = idempotency::key(&headers)?;
    let fingerprint = idempotency::fingerprint(&["POST", &flow.slug], &body.raw);
    idempotency::run(&state, &auth, key, &fingerprint, || async {
        let req = validate_create(flow, &body.value)?;
        let new = NewVerification {
            workspace_id: auth.workspace_id.clone(),
            flow: flow.slug.clone(),
            vendor_reference: req.vendor_reference,
            vendor_state: req.vendor_state,
            redirect_url: req.redirect_url,
            expected: req.expected,
            actor: actor_from(&body.value),
            ttl_days: flow.ttl_days,
        };
        let session = colleckt_store::ids::new_secret("");
        let v = state.store.create_verification(new, &session).await?;
        crate::service::holders::index(&state, &v).await;
        let data = render::verification(&state.view(), &v, &[]);
        let response = (StatusCode::CREATED, Json(Data { data })).into_response();
        Ok(idempotency::Outcome::describing(response, v))
    })
    .await
}

/// The optional `email` of a create or submit body names who did it.
pub fn actor_from(body: &serde_json::Value) -> String {
    body.get("email")
        .and_then(|e| e.as_str())
        .map(str::trim)
        .filter(|e| e.len() <= 254 && e.contains('@') && !e.chars().any(char::is_control))
        .map(str::to_string)
        .unwrap_or_else(|| "system".to_string())
}

/// The verification as it is now, in the summary shape (after an action).
pub(crate) async fn respond_summary(
    state: &AppState,
    auth: &Auth,
    flow: &Flow,
    id: &str,
) -> ApiResult<Json<Data<VerificationResource>>> {
    let v = lookup::verification(state, auth, flow, id).await?;
    let comments = state.store.comments(&v, false).await?;
    Ok(Json(Data {
        data: render::verification(&state.view(), &v, &comments),
    }))
}

/// Get a verification with documents, comments and history.
#[utoipa::path(operation_id = "verifications_show", get, path = "/api/v1/{flow}/verifications/{verification}", tag = "Verifications",
    params(("flow" = String, Path), ("verification" = String, Path)),
    responses((status = 200, body = Data<VerificationDetail>), (status = 400), (status = 401), (status = 404)),
    security(("bearer" = [])))]
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
) -> ApiResult<Json<Data<VerificationDetail>>> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    Ok(Json(Data {
        data: render::verification_detail(&state.store, &state.view(), &v).await?,
    }))
}

/// Merge expected data; optionally change the status (comment and email required).
#[utoipa::path(operation_id = "verifications_update", patch, path = "/api/v1/{flow}/verifications/{verification}", tag = "Verifications",
    params(("flow" = String, Path), ("verification" = String, Path)),
    request_body(content = Object),
    responses((status = 200, body = Data<VerificationResource>), (status = 400), (status = 401), (status = 404), (status = 422)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
    body: JsonBody,
) -> ApiResult<Json<Data<VerificationResource>>> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    lifecycle::allowed(Action::Update, &v)?;
    let patch = validate_patch(flow, &v.expected, &body.value)?;
    // With a status, the PATCH is that status change (with its history,
    // events and jobs); without, a data-only change with no history.
    let (action, mut act) = match patch.status_change {
        Some(change) => (
            Action::SetStatus(change.status),
            Act::by(change.email, Some(change.comment)),
        ),
        None => (Action::Update, Act::by("system", None)),
    };
    act.expected = patch.expected;
    act.vendor_reference = patch.vendor_reference;
    act.vendor_state = patch.vendor_state;
    lifecycle::act(&state, flow, &v, action, act).await?;
    respond_summary(&state, &auth, flow, &id).await
}

/// Delete (soft): hidden at once, images unreadable at once, purged later.
#[utoipa::path(operation_id = "verifications_destroy", delete, path = "/api/v1/{flow}/verifications/{verification}", tag = "Verifications",
    params(("flow" = String, Path), ("verification" = String, Path)),
    responses((status = 204), (status = 400), (status = 401), (status = 404)),
    security(("bearer" = [])))]
pub async fn destroy(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    lifecycle::delete(&state, &v).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_query_validates_and_carries_filters() {
        let q = parse_list_query(Some(
            "page=2&per_page=50&status=3&q=abc&vendor_reference=R1",
        ))
        .unwrap();
        assert_eq!((q.page, q.per_page), (2, 50));
        assert_eq!(q.filter.status, Some(Status::Approved));
        assert_eq!(q.carry.len(), 4);
        for bad in [
            "page=0",
            "page=x",
            "per_page=101",
            "status=9",
            "created_from=yesterday",
        ] {
            assert!(parse_list_query(Some(bad)).is_err(), "{bad}");
        }
        assert!(parse_date("2026-01-02", true).unwrap() > parse_date("2026-01-02", false).unwrap());
    }
}
