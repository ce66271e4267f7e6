//! The status-changing actions of the seeds: submit, resubmit, approve, reject,
//! cancel. Each is one guarded transition: history, comment, document effect,
//! outbox event and pipeline job commit together or not at all.

use crate::app::AppState;
use crate::http::api::lookup;
use crate::http::api::verifications::{actor_from, Data};
use crate::http::auth::Auth;
use crate::http::body::JsonBody;
use crate::http::error::{ApiError, ApiResult};
use crate::http::render::{self, VerificationDetail, VerificationResource};
use crate::jobs::{events_for, pipeline_job};
use axum::extract::{Path, State};
use axum::Json;
use colleckt_domain::validation::validate_actor;
use colleckt_domain::{Action, Flow, Slot};
use colleckt_store::{DocStatus, DocumentEffect, Transition, Verification};

/// Every slot the verification expects has a document with every side it needs.
async fn check_documents_complete(
    state: &AppState,
    flow: &Flow,
    v: &Verification,
) -> ApiResult<()> {
    let docs = state.store.documents(v).await?;
    let mut missing = vec![];
    for slot in Slot::ALL {
        let Some(expected) = v.expected.documents.get(slot) else {
            continue;
        };
        let needs_back = flow
            .document_type_by_name(&expected.type_name)
            .is_some_and(|t| t.needs_back());
        match docs.iter().find(|d| d.slot == slot) {
            None => missing.push(format!("the {}", slot.label())),
            Some(d) if needs_back && d.back.is_none() => {
                missing.push(format!("the back of the {}", slot.label()))
            }
            Some(_) => {}
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ApiError::BadRequest(format!(
            "Not all required documents have been uploaded: {} is missing.",
            missing.join(" and ")
        )))
    }
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
        data: render::verification(state, &v, &comments),
    }))
}

async fn respond_detail(
    state: &AppState,
    auth: &Auth,
    flow: &Flow,
    id: &str,
) -> ApiResult<Json<Data<VerificationDetail>>> {
    let v = lookup::verification(state, auth, flow, id).await?;
    Ok(Json(Data {
        data: render::verification_detail(state, &v).await?,
    }))
}

/// Started → Submitted once every required document is there: history (with
/// `comment` when given), `verification.submitted` and the pipeline job in one
/// transaction. The one submit path, for the API and the widget.
pub(crate) async fn submit_started(
    state: &AppState,
    flow: &Flow,
    v: &Verification,
    actor: String,
    comment: Option<String>,
) -> ApiResult<()> {
    let to = Action::Submit.apply(v.status)?;
    check_documents_complete(state, flow, v).await?;
    let mut t = Transition::new(to, actor);
    t.comment = comment;
    t.set_submitted_at = true;
    t.events = events_for(to);
    t.jobs.push(pipeline_job(v));
    state.store.transition(v, t).await?;
    Ok(())
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
    submit_started(&state, flow, &v, actor_from(&body.value), None).await?;
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
    let to = Action::Resubmit.apply(v.status)?;
    check_documents_complete(&state, flow, &v).await?;
    let mut t = Transition::new(to, actor.email);
    t.comment = Some(actor.comment);
    t.set_submitted_at = true;
    t.documents = DocumentEffect::Reset;
    t.events = events_for(to);
    t.jobs.push(pipeline_job(&v));
    state.store.transition(&v, t).await?;
    respond_summary(&state, &auth, flow, &id).await
}

async fn decide(
    state: AppState,
    auth: Auth,
    flow: String,
    id: String,
    body: JsonBody,
    action: Action,
    documents: DocumentEffect,
) -> ApiResult<Json<Data<VerificationDetail>>> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    let actor = validate_actor(&body.value)?;
    let to = action.apply(v.status)?;
    let mut t = Transition::new(to, actor.email);
    t.comment = Some(actor.comment);
    t.documents = documents;
    t.events = events_for(to);
    state.store.transition(&v, t).await?;
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
    let effect = DocumentEffect::SetStatus(DocStatus::Approved, Some("approved"));
    decide(state, auth, flow, id, body, Action::Approve, effect).await
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
    let effect = DocumentEffect::SetStatus(DocStatus::Rejected, Some("rejected"));
    decide(state, auth, flow, id, body, Action::Reject, effect).await
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
    let effect = DocumentEffect::SetStatus(DocStatus::Canceled, None);
    decide(state, auth, flow, id, body, Action::Cancel, effect).await
}
