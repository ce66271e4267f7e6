//! The case page (`GET /console/cases/{id}`), its images, its actions and its
//! private notes. `service::review` decides; this shapes the page, the
//! redirects after a POST (so a reload never repeats an action) and the
//! image responses. Another workspace's case answers exactly like an unknown one.

use super::case_view::{self, FieldRow, RuleRow};
use super::chrome::{self, Chrome};
use super::csrf::Form;
use super::error::{ConsoleError, ConsoleResult};
use super::i18n::Tr;
use super::page::render_status;
use super::queue::{holder_name, status_class, status_key};
use super::session::Console;
use crate::app::AppState;
use crate::http::render::timestamp;
use crate::service::review::{self, CaseFile, ReviewError, Reviewer, CONSOLE_ACTIONS};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use colleckt_domain::plan;
use serde::Deserialize;

impl From<ReviewError> for ConsoleError {
    fn from(e: ReviewError) -> Self {
        match e {
            ReviewError::NotFound => ConsoleError::NotFound,
            // The page shows these itself; reaching here means a bug, not a 500.
            ReviewError::CommentRequired
            | ReviewError::CommentTooLong
            | ReviewError::ClaimedByOther(_) => ConsoleError::BadForm,
            ReviewError::Service(s) => s.into(),
        }
    }
}

pub struct DocView {
    pub id: String,
    pub slot: &'static str,
    pub type_name: String,
    pub front: String,
    pub back: Option<String>,
    pub fields: Vec<FieldRow>,
    pub rules: Vec<RuleRow>,
    pub read: bool,
}

pub struct HistoryRow {
    pub when: String,
    pub from: Option<&'static str>,
    pub to: &'static str,
    pub actor: String,
    pub comment: String,
}

pub struct CommentRow {
    pub when: String,
    pub actor: String,
    pub content: String,
}

pub struct ActionButton {
    pub name: &'static str,
    pub label: &'static str,
    pub class: &'static str,
    pub shortcut: &'static str,
}

#[derive(Template)]
#[template(path = "console/case.html")]
struct CasePage {
    t: Tr,
    chrome: Chrome,
    id: String,
    holder: String,
    flow: String,
    reference: String,
    status: &'static str,
    status_class: &'static str,
    created: String,
    reasons: Vec<String>,
    /// Nobody else holds the case: the reviewer may act.
    mine: bool,
    /// Somebody (the reviewer or another) holds the case.
    claimed: bool,
    claim_email: String,
    /// `2026-12-03T14:05:00Z` and `14:05 UTC`.
    claim_until_iso: String,
    claim_until: String,
    docs: Vec<DocView>,
    history: Vec<HistoryRow>,
    comments: Vec<CommentRow>,
    notes: Vec<CommentRow>,
    actions: Vec<ActionButton>,
    /// The decision form's own target (each button names its own).
    first_action: &'static str,
    /// An i18n key: why the last POST was refused.
    error: Option<&'static str>,
    /// The comment of a refused action, so it is not lost.
    draft: String,
    note_draft: String,
}

/// `14:05` of a timestamp, UTC.
fn clock(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%H:%M")
        .to_string()
}

fn day_time(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%d %H:%M UTC")
        .to_string()
}

fn action_button(name: &'static str) -> ActionButton {
    let (label, class, shortcut) = match name {
        "approve" => ("action.approve", "approve", "a"),
        "reject" => ("action.reject", "reject", "r"),
        "double_check" => ("action.double_check", "", ""),
        "hold" => ("action.hold", "", ""),
        "resubmit" => ("action.resubmit", "", ""),
        _ => ("action.cancel", "danger", ""),
    };
    ActionButton {
        name,
        label,
        class,
        shortcut,
    }
}

fn comment_rows(file: &CaseFile, private: bool) -> Vec<CommentRow> {
    file.comments
        .iter()
        .filter(|c| c.private == private)
        .map(|c| CommentRow {
            when: day_time(c.created_at),
            actor: c.actor.clone(),
            content: c.content.clone(),
        })
        .collect()
}

struct Refusal {
    status: StatusCode,
    error: &'static str,
    draft: String,
    note_draft: String,
}

async fn page(
    state: &AppState,
    c: &Console,
    id: &str,
    notice: Option<&'static str>,
    refusal: Option<Refusal>,
) -> ConsoleResult<Response> {
    let mut file = review::open(state, &c.user, id).await?;
    // Photo ID first, as the form lists them.
    file.documents.sort_by_key(|d| d.slot.key());
    let v = &file.verification;
    let mine = file.free_for(&c.user);
    let docs = file
        .documents
        .iter()
        .map(|d| {
            let base = format!("/console/cases/{}/documents/{}", v.id, d.id);
            DocView {
                id: d.id.clone(),
                slot: case_view::slot_key(d.slot),
                type_name: file
                    .flow
                    .document_type(d.type_id)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                front: format!("{base}/front"),
                back: d.back.as_ref().map(|_| format!("{base}/back")),
                fields: case_view::field_rows(&v.expected, d),
                rules: case_view::rule_rows(d),
                read: d.extracted_data.is_some(),
            }
        })
        .collect::<Vec<_>>();
    let actions: Vec<ActionButton> = CONSOLE_ACTIONS
        .iter()
        .filter(|(_, a)| plan(*a, v.status).is_ok())
        .map(|(name, _)| action_button(name))
        .collect();
    let history = file
        .history
        .iter()
        .map(|h| HistoryRow {
            when: day_time(h.created_at),
            from: h.from_status.map(status_key),
            to: status_key(h.to_status),
            actor: h.actor.clone(),
            comment: h.comment.clone().unwrap_or_default(),
        })
        .collect();
    let (status, error, draft, note_draft) = match refusal {
        Some(r) => (r.status, Some(r.error), r.draft, r.note_draft),
        None => (StatusCode::OK, None, String::new(), String::new()),
    };
    let p = CasePage {
        t: c.t,
        chrome: Chrome::of(c, "queue", format!("/console/cases/{}", v.id)).with_notice(notice),
        id: v.id.clone(),
        holder: holder_name(v),
        flow: file.flow.name.clone(),
        reference: v.vendor_reference.clone().unwrap_or_default(),
        status: status_key(v.status),
        status_class: status_class(v.status),
        created: day_time(v.created_at),
        reasons: case_view::reasons(c.t, v.status, &file.history, &file.documents),
        mine,
        claimed: file.claim.is_some(),
        claim_email: file
            .claim
            .as_ref()
            .map(|cl| cl.email.clone())
            .unwrap_or_default(),
        claim_until_iso: file
            .claim
            .as_ref()
            .map(|cl| timestamp(cl.expires_at))
            .unwrap_or_default(),
        claim_until: file
            .claim
            .as_ref()
            .map(|cl| format!("{} UTC", clock(cl.expires_at)))
            .unwrap_or_default(),
        docs,
        history,
        comments: comment_rows(&file, false),
        notes: comment_rows(&file, true),
        first_action: actions.first().map_or("approve", |a| a.name),
        actions,
        error,
        draft,
        note_draft,
    };
    Ok(render_status(status, &p))
}

#[derive(Deserialize)]
pub struct CaseQuery {
    done: Option<String>,
}

const NOTICES: &[&str] = &[
    "notice.approve",
    "notice.reject",
    "notice.cancel",
    "notice.resubmit",
    "notice.hold",
    "notice.double_check",
    "notice.note_added",
];

/// `GET /console/cases/{id}`: opening it claims it (or renews the claim).
pub async fn show(
    State(state): State<AppState>,
    c: Console,
    Path(id): Path<String>,
    Query(q): Query<CaseQuery>,
) -> ConsoleResult<Response> {
    page(
        &state,
        &c,
        &id,
        chrome::notice(q.done.as_deref(), NOTICES),
        None,
    )
    .await
}

/// `GET /console/cases/{id}/documents/{doc}/{front|back}`: one image,
/// opened for a signed-in user of the case's workspace, never cached.
pub async fn image(
    State(state): State<AppState>,
    c: Console,
    Path((id, doc, side)): Path<(String, String, String)>,
) -> ConsoleResult<Response> {
    let back = match side.as_str() {
        "front" => false,
        "back" => true,
        _ => return Err(ConsoleError::NotFound),
    };
    let (mime, bytes) = review::image(&state, &c.user, &id, &doc, back).await?;
    let mime = HeaderValue::from_str(&mime)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline"),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    comment: String,
}

/// `POST /console/cases/{id}/actions/{action}`: decides through the same
/// lifecycle as the API, then back to the queue (the case is done) or, for
/// actions that keep it open, to the case.
pub async fn act(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    Form { console: c, form }: Form<CommentForm>,
) -> ConsoleResult<Response> {
    let who = Reviewer {
        user: &c.user,
        ip: c.origin.ip.as_deref(),
    };
    let refused = |status, error| Refusal {
        status,
        error,
        draft: form.comment.clone(),
        note_draft: String::new(),
    };
    match review::decide(&state, &who, &id, &action, &form.comment).await {
        Ok(()) => Ok(Redirect::to(&format!("/console/cases/{id}?done={action}")).into_response()),
        Err(ReviewError::CommentRequired) => {
            let r = refused(StatusCode::UNPROCESSABLE_ENTITY, "error.comment_required");
            page(&state, &c, &id, None, Some(r)).await
        }
        Err(ReviewError::CommentTooLong) => {
            let r = refused(StatusCode::UNPROCESSABLE_ENTITY, "error.comment_too_long");
            page(&state, &c, &id, None, Some(r)).await
        }
        Err(ReviewError::ClaimedByOther(_)) => {
            let r = refused(StatusCode::CONFLICT, "error.claimed");
            page(&state, &c, &id, None, Some(r)).await
        }
        Err(ReviewError::Service(crate::service::ServiceError::Refused(_))) => {
            let r = refused(StatusCode::BAD_REQUEST, "error.not_allowed");
            page(&state, &c, &id, None, Some(r)).await
        }
        Err(ReviewError::Service(crate::service::ServiceError::MissingDocuments(_))) => {
            let r = refused(StatusCode::BAD_REQUEST, "error.missing_documents");
            page(&state, &c, &id, None, Some(r)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    note: String,
}

/// `POST /console/cases/{id}/notes`: a private note.
pub async fn add_note(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form { console: c, form }: Form<NoteForm>,
) -> ConsoleResult<Response> {
    let who = Reviewer {
        user: &c.user,
        ip: c.origin.ip.as_deref(),
    };
    let refused = |error| Refusal {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        error,
        draft: String::new(),
        note_draft: form.note.clone(),
    };
    match review::add_note(&state, &who, &id, &form.note).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/console/cases/{id}?done=note_added#notes")).into_response())
        }
        Err(ReviewError::CommentRequired) => {
            page(&state, &c, &id, None, Some(refused("error.note_required"))).await
        }
        Err(ReviewError::CommentTooLong) => {
            page(
                &state,
                &c,
                &id,
                None,
                Some(refused("error.comment_too_long")),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

/// `POST /console/cases/{id}/release`: lets the case go back to the queue.
pub async fn release(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: Form<Empty>,
) -> ConsoleResult<Response> {
    review::release(&state, &form.console.user, &id).await?;
    Ok(Redirect::to("/console/queue?done=released").into_response())
}
