//! Carrying out a planned action: `colleckt_domain::plan` says what an action
//! does from the current status; this turns the plan into the one guarded
//! store transaction (status, history, comment, documents, events, jobs).
//! Every status change of the service goes through [`carry_out`].

use crate::app::AppState;
use crate::service::jobs::{pipeline_job, purge_job};
use crate::service::{ServiceError, ServiceResult};
use colleckt_domain::{plan, Action, DocumentsEffect, ExpectedData, Flow, Plan, Slot, Status};
use colleckt_store::{
    DocStatus, DocumentEffect, DocumentResult, StoreError, Transition, Verification,
};

/// Who acts and what else the action writes besides the plan.
#[derive(Debug, Default)]
pub struct Act {
    /// An email, `system` or `end-user`: recorded in history.
    pub actor: String,
    pub comment: Option<String>,
    /// The pipeline's verdicts, for [`DocumentsEffect::PipelineResults`].
    pub results: Vec<DocumentResult>,
    /// The job whose work this is, completed in the same transaction.
    pub completes_job: Option<String>,
    /// A PATCH's data changes.
    pub expected: Option<ExpectedData>,
    pub vendor_reference: Option<Option<String>>,
    pub vendor_state: Option<Option<String>>,
}

impl Act {
    pub fn by(actor: impl Into<String>, comment: Option<String>) -> Act {
        Act {
            actor: actor.into(),
            comment,
            ..Act::default()
        }
    }
}

fn documents(effect: DocumentsEffect, results: Vec<DocumentResult>) -> DocumentEffect {
    match effect {
        DocumentsEffect::Keep => DocumentEffect::None,
        DocumentsEffect::Approve => {
            DocumentEffect::SetStatus(DocStatus::Approved, Some("approved"))
        }
        DocumentsEffect::Reject => DocumentEffect::SetStatus(DocStatus::Rejected, Some("rejected")),
        DocumentsEffect::Cancel => DocumentEffect::SetStatus(DocStatus::Canceled, None),
        DocumentsEffect::DoubleCheck => DocumentEffect::SetStatus(DocStatus::DoubleCheck, None),
        DocumentsEffect::Reset => DocumentEffect::Reset,
        DocumentsEffect::PipelineResults => DocumentEffect::Results(results),
    }
}

/// Writes what `plan` says `v` undergoes, guarded by `v`'s version (a
/// concurrent change makes this a `StoreError::Conflict`).
pub async fn carry_out(
    state: &AppState,
    v: &Verification,
    plan: &Plan,
    act: Act,
) -> Result<(), StoreError> {
    let mut t = Transition::new(plan.to, act.actor);
    t.comment = act.comment;
    t.record_history = plan.records_history;
    t.events = plan.events.clone();
    t.documents = documents(plan.documents, act.results);
    if plan.runs_pipeline {
        t.jobs.push(pipeline_job(v));
    }
    t.set_submitted_at = plan.sets_submitted_at;
    t.completes_job = act.completes_job;
    t.expected = act.expected;
    t.vendor_reference = act.vendor_reference;
    t.vendor_state = act.vendor_state;
    state.store.transition(v, t).await
}

/// A person's or the end user's action (submit, resubmit, approve, reject,
/// cancel, hold, double check, a PATCH status): refused as the plan says,
/// and a submit only once every expected document is there.
pub async fn act(
    state: &AppState,
    flow: &Flow,
    v: &Verification,
    action: Action,
    act: Act,
) -> ServiceResult<()> {
    let plan = plan(action, v.status)?;
    if plan.needs_documents {
        check_documents_complete(state, flow, v).await?;
    }
    let renamed = act
        .expected
        .clone()
        .filter(|e| e.person != v.expected.person);
    carry_out(state, v, &plan, act).await?;
    if let Some(expected) = renamed {
        // As the transition left it: the new names, one version on.
        let mut now = v.clone();
        now.expected = expected;
        now.version = v.version + 1;
        crate::service::holders::index(state, &now).await;
    }
    Ok(())
}

/// Refuses `action` from `v`'s status without doing anything (a handler
/// checks before it reads a request body, so the refusal comes first).
pub fn allowed(action: Action, v: &Verification) -> ServiceResult<()> {
    plan(action, v.status)?;
    Ok(())
}

/// Every slot the verification expects has a document with every side it needs.
async fn check_documents_complete(
    state: &AppState,
    flow: &Flow,
    v: &Verification,
) -> ServiceResult<()> {
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
        Err(ServiceError::MissingDocuments(missing.join(" and ")))
    }
}

/// The pipeline gave up on a submitted verification: Double Check with a
/// system comment, completing the job. `Ok(false)` when a person acted first.
pub async fn give_up(state: &AppState, v: &Verification, job_id: &str) -> Result<bool, StoreError> {
    let Ok(plan) = plan(Action::GiveUp, v.status) else {
        return Ok(false);
    };
    let comment = "The automated checks could not be completed; please review by hand.";
    let mut act = Act::by("system", Some(comment.into()));
    act.completes_job = Some(job_id.to_string());
    carry_out(state, v, &plan, act).await?;
    Ok(true)
}

/// A Started verification past its time to live. `Ok(false)` when it is no
/// longer Started.
pub async fn expire(state: &AppState, v: &Verification) -> Result<bool, StoreError> {
    let Ok(plan) = plan(Action::Expire, v.status) else {
        return Ok(false);
    };
    let comment = "Not submitted before the link expired.";
    carry_out(state, v, &plan, Act::by("system", Some(comment.into()))).await?;
    Ok(true)
}

/// The plan of the pipeline's decision `to`, or `None` when a person acted
/// while the documents were read (their decision stands).
pub fn decision_plan(v: &Verification, to: Status) -> Option<Plan> {
    plan(Action::Decide(to), v.status).ok()
}

/// Soft delete: hidden and its images unreadable at once (its key goes),
/// rows and images purged after the retention by a job enqueued with it.
pub async fn delete(state: &AppState, v: &Verification) -> ServiceResult<()> {
    let purge = purge_job(v, state.retention_days);
    Ok(state.store.delete_verification(v, purge).await?)
}
