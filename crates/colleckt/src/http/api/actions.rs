//! The status-changing actions of the seeds: submit, resubmit, approve, reject,
//! cancel. Each handler parses its request and hands the action to
//! `service::lifecycle`, the path the widget and the jobs take too.

use crate::app::AppState;
use crate::http::api::lookup;
use crate::http::api::verifications::{actor_from, respond_summary, Data};
use crate::http::auth::Auth;
use crate::http::body::JsonBody;
use crate::http::error::ApiResult;
use crate::http::render::{self, VerificationDetail, VerificationResource};
use crate::service::lifecycle::{self, Act};
use axum::extract::{Path, State};
use axum::Json;
use colleckt_domain::validation::validate_actor;
use colleckt_domain::{Action, Flow};

async fn respond_detail(
    state: &AppState,
    auth: &Auth,
    flow: &Flow,
    id: &str,
) -> ApiResult<Json<Data<VerificationDetail>>> {
    let v = lookup::verification(state, auth, flow, id).await?;
    Ok(Json(Data {
        data: render::verification_detail(&state.store, &state.view(), &v).await?,
    }))
}

/// Submit for processing: Started → Submitted; starts the pipeline.
#[utoipa::path(operation_id = "verification_submit", put, path = "/api/v1/{flow}/verifications/{verification}/submit", tag = "Actions",
    params(("flow" = String, Path), ("verification" = String, Path)),
    responses((status = 200, body = Data<VerificationResource>), (status = 400), (status = 401), (status = 404)),
    security(("bearer" = [])))]
pub async fn submit(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
    body: JsonBody,
) -> ApiResult<Json<Data<VerificationResource>>> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    let act = Act::by(actor_from(&body.value), None);
    lifecycle::act(&state, flow, &v, Action::Submit, act).await?;
    respond_summary(&state, &auth, flow, &id).await
}

/// Reprocess: documents back to Uploaded, extraction and rules cleared, pipeline again.
#[utoipa::path(operation_id = "verification_resubmit", put, path = "/api/v1/{flow}/verifications/{verification}/resubmit", tag = "Actions",
    params(("flow" = String, Path), ("verification" = String, Path)),
    request_body(content = Object, description = "{comment, email}"),
    responses((status = 200, body = Data<VerificationResource>), (status = 400), (status = 401), (status = 404), (status = 422)),
    security(("bearer" = [])))]
pub async fn resubmit(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
    body: JsonBody,
) -> ApiResult<Json<Data<VerificationResource>>> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    let actor = validate_actor(&body.value)?;
    let act = Act::by(actor.email, Some(actor.comment));
    lifecycle::act(&state, flow, &v, Action::Resubmit, act).await?;
    respond_summary(&state, &auth, flow, &id).await
}

async fn decide(
    state: AppState,
    auth: Auth,
    flow: String,
    id: String,
    body: JsonBody,
    action: Action,
) -> ApiResult<Json<Data<VerificationDetail>>> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    let actor = validate_actor(&body.value)?;
    let act = Act::by(actor.email, Some(actor.comment));
    lifecycle::act(&state, flow, &v, action, act).await?;
    respond_detail(&state, &auth, flow, &id).await
}

/// Approve by hand: documents Approved, manual decision, `verification.finished`.
#[utoipa::path(operation_id = "verification_approve", put, path = "/api/v1/{flow}/verifications/{verification}/approve", tag = "Actions",
    params(("flow" = String, Path), ("verification" = String, Path)),
    request_body(content = Object, description = "{comment, email}"),
    responses((status = 200, body = Data<VerificationDetail>), (status = 400), (status = 401), (status = 404), (status = 422)),
    security(("bearer" = [])))]
pub async fn approve(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
    body: JsonBody,
) -> ApiResult<Json<Data<VerificationDetail>>> {
    decide(state, auth, flow, id, body, Action::Approve).await
}

/// Reject by hand: documents Rejected, manual decision, `verification.finished`.
#[utoipa::path(operation_id = "verification_reject", put, path = "/api/v1/{flow}/verifications/{verification}/reject", tag = "Actions",
    params(("flow" = String, Path), ("verification" = String, Path)),
    request_body(content = Object, description = "{comment, email}"),
    responses((status = 200, body = Data<VerificationDetail>), (status = 400), (status = 401), (status = 404), (status = 422)),
    security(("bearer" = [])))]
pub async fn reject(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
    body: JsonBody,
) -> ApiResult<Json<Data<VerificationDetail>>> {
    decide(state, auth, flow, id, body, Action::Reject).await
}

/// Cancel: documents Canceled, `verification.canceled`; nothing can follow.
#[utoipa::path(operation_id = "verification_cancel", put, path = "/api/v1/{flow}/verifications/{verification}/cancel", tag = "Actions",
    params(("flow" = String, Path), ("verification" = String, Path)),
    request_body(content = Object, description = "{comment, email}"),
    responses((status = 200, body = Data<VerificationDetail>), (status = 400), (status = 401), (status = 404), (status = 422)),
    security(("bearer" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
    body: JsonBody,
) -> ApiResult<Json<Data<VerificationDetail>>> {
    decide(state, auth, flow, id, body, Action::Cancel).await
}
