//! One lifecycle for every caller (CONTRACT §3, docs/contract.md): what an
//! action does from a status — the new status, what happens to the documents,
//! which webhook events are emitted, and whether the pipeline runs. The API,
//! the widget and the jobs all ask [`plan`] and only carry the answer out, so
//! the same action yields the same history, decisions and events wherever it
//! comes from.

mod event;
#[cfg(test)]
mod tests;

pub use event::Event;

use crate::status::{Action, Status, TransitionError};

/// What an action does to the verification's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentsEffect {
    /// The documents stay as they are.
    Keep,
    /// Every document Approved, with the manual decision `approved`.
    Approve,
    /// Every document Rejected, with the manual decision `rejected`.
    Reject,
    /// Every document Canceled (no decision: nobody judged them).
    Cancel,
    /// Every document Double Check (the pipeline gave up; no decision).
    DoubleCheck,
    /// Back to Uploaded with extraction and rules cleared (resubmit).
    Reset,
    /// Each document takes the pipeline's own verdict.
    PipelineResults,
}

/// What carrying out an allowed action means. Pure data: the service layer
/// turns it into one guarded store transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub to: Status,
    pub documents: DocumentsEffect,
    /// The outbox events written with the change (CONTRACT §5).
    pub events: Vec<Event>,
    /// Whether a pipeline job is enqueued in the same transaction.
    pub runs_pipeline: bool,
    /// Whether a history row is written (a data-only PATCH writes none).
    pub records_history: bool,
    /// Whether `submitted_at` is set to now.
    pub sets_submitted_at: bool,
    /// Whether every expected document must be uploaded first.
    pub needs_documents: bool,
}

impl Plan {
    fn to(to: Status) -> Plan {
        Plan {
            to,
            documents: DocumentsEffect::Keep,
            events: Event::on_entering(to).into_iter().collect(),
            runs_pipeline: false,
            records_history: true,
            sets_submitted_at: false,
            needs_documents: false,
        }
    }

    /// No status change and nothing recorded: the action only touches data.
    fn unchanged(from: Status) -> Plan {
        Plan {
            events: vec![],
            records_history: false,
            ..Plan::to(from)
        }
    }

    fn submitted(documents: DocumentsEffect) -> Plan {
        Plan {
            documents,
            runs_pipeline: true,
            sets_submitted_at: true,
            needs_documents: true,
            ..Plan::to(Status::Submitted)
        }
    }

    /// A person (or PATCH) setting the status directly: decisions carry their
    /// documents with them, and Submitted or Double Check re-run the pipeline,
    /// or nothing would ever decide the verification again.
    fn set(to: Status) -> Plan {
        let documents = match to {
            Status::Approved => DocumentsEffect::Approve,
            Status::Rejected => DocumentsEffect::Reject,
            Status::Canceled => DocumentsEffect::Cancel,
            _ => DocumentsEffect::Keep,
        };
        Plan {
            documents,
            runs_pipeline: matches!(to, Status::Submitted | Status::DoubleCheck),
            sets_submitted_at: to == Status::Submitted,
            ..Plan::to(to)
        }
    }
}

/// What `action` does from `from`, or why it is refused (a 400 for the API).
pub fn plan(action: Action, from: Status) -> Result<Plan, TransitionError> {
    use Status::*;
    match action {
        Action::Cancel if from == Canceled => Err(TransitionError::AlreadyCanceled),
        Action::Cancel => Ok(Plan {
            documents: DocumentsEffect::Cancel,
            ..Plan::to(Canceled)
        }),
        // Nothing but a second cancel may follow a cancel.
        _ if from == Canceled => Err(TransitionError::Canceled),
        Action::ChangeDocuments => match from {
            Started | Rejected | DoubleCheck | Hold => Ok(Plan::unchanged(from)),
            other => Err(TransitionError::DocumentsLocked(other.label())),
        },
        Action::Submit if from == Started => Ok(Plan::submitted(DocumentsEffect::Keep)),
        Action::Submit => Err(TransitionError::NotStarted),
        Action::Resubmit => Ok(Plan::submitted(DocumentsEffect::Reset)),
        Action::Approve if from == Approved => Err(TransitionError::AlreadyApproved),
        Action::Approve => Ok(Plan {
            documents: DocumentsEffect::Approve,
            ..Plan::to(Approved)
        }),
        Action::Reject if from == Rejected => Err(TransitionError::AlreadyRejected),
        Action::Reject => Ok(Plan {
            documents: DocumentsEffect::Reject,
            ..Plan::to(Rejected)
        }),
        Action::Hold => Ok(Plan::set(Hold)),
        Action::DoubleCheck => Ok(Plan::set(DoubleCheck)),
        Action::Update => Ok(Plan::unchanged(from)),
        Action::SetStatus(to) => Ok(Plan::set(to)),
        // Double Check too: PATCH status 5 re-runs the pipeline from there.
        Action::Decide(to) if matches!(from, Submitted | DoubleCheck) => Ok(Plan {
            documents: DocumentsEffect::PipelineResults,
            ..Plan::to(to)
        }),
        Action::Decide(_) => Err(TransitionError::NotSubmitted),
        // Only a pipeline still waiting gives up: if a person acted meanwhile,
        // their decision stands.
        Action::GiveUp if from == Submitted => Ok(Plan {
            documents: DocumentsEffect::DoubleCheck,
            ..Plan::to(DoubleCheck)
        }),
        Action::GiveUp => Err(TransitionError::NotSubmitted),
        Action::Expire if from == Started => Ok(Plan::to(Expired)),
        Action::Expire => Err(TransitionError::NotStarted),
    }
}
