//! The verification lifecycle: the eight statuses of the seeds, the actions that
//! move between them, and which action is allowed from which status (CONTRACT §3).
//! The messages are the 400 bodies integrators see, so they are written for them.

use serde::{Deserialize, Serialize};

/// A verification status; the discriminant is the API value of the seeds' table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Status {
    Started = 1,
    Submitted = 2,
    Approved = 3,
    Rejected = 4,
    DoubleCheck = 5,
    Expired = 6,
    Canceled = 7,
    Hold = 8,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Started,
        Status::Submitted,
        Status::Approved,
        Status::Rejected,
        Status::DoubleCheck,
        Status::Expired,
        Status::Canceled,
        Status::Hold,
    ];

    pub fn from_value(value: i64) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.value() == value)
    }

    pub fn value(self) -> i64 {
        self as i64
    }

    /// The label of the seeds' table, used as `status_label` and in history.
    pub fn label(self) -> &'static str {
        match self {
            Status::Started => "Started",
            Status::Submitted => "Submitted",
            Status::Approved => "Approved",
            Status::Rejected => "Rejected",
            Status::DoubleCheck => "Double Check",
            Status::Expired => "Expired",
            Status::Canceled => "Canceled",
            Status::Hold => "Hold",
        }
    }

    pub fn from_label(label: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.label() == label)
    }

    /// Approved or Rejected: the outcomes that fire `verification.finished`.
    pub fn is_final_decision(self) -> bool {
        matches!(self, Status::Approved | Status::Rejected)
    }
}

/// Something a caller wants to do to a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Upload, replace or delete a document.
    ChangeDocuments,
    Submit,
    Resubmit,
    Approve,
    Reject,
    Cancel,
    /// Put on Hold by a person (the same as PATCH status 8).
    Hold,
    /// Send to Double Check by a person (PATCH status 5): the pipeline runs again.
    DoubleCheck,
    /// PATCH of expected data without a status.
    Update,
    /// PATCH with `status`.
    SetStatus(Status),
    /// The pipeline's automated decision (from Submitted, or Double Check on a re-run).
    Decide(Status),
    /// The pipeline failed for the last time: a person decides instead.
    GiveUp,
    /// The expiry sweep.
    Expire,
}

/// Why an action is refused in the current status: a 400 for the integrator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("The verification is canceled.")]
    Canceled,
    #[error("The verification is already approved.")]
    AlreadyApproved,
    #[error("The verification is already rejected.")]
    AlreadyRejected,
    #[error("The verification is already canceled.")]
    AlreadyCanceled,
    #[error("The verification is not in Started status.")]
    NotStarted,
    #[error("Documents cannot be changed while the verification is {0}.")]
    DocumentsLocked(&'static str),
    #[error("The verification is not awaiting a decision.")]
    NotSubmitted,
}

impl Action {
    /// The status the verification ends in if `self` is allowed from `from`
    /// (the rest of what it does: [`crate::lifecycle::plan`]).
    pub fn apply(self, from: Status) -> Result<Status, TransitionError> {
        crate::lifecycle::plan(self, from).map(|p| p.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_labels_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_value(s.value()), Some(s));
            assert_eq!(Status::from_label(s.label()), Some(s));
        }
        assert_eq!(Status::from_value(0), None);
        assert_eq!(Status::from_value(9), None);
        assert_eq!(Status::DoubleCheck.label(), "Double Check");
    }

    #[test]
    fn canceled_is_terminal_for_everything_but_a_second_cancel() {
        for a in [
            Action::ChangeDocuments,
            Action::Submit,
            Action::Resubmit,
            Action::Approve,
            Action::Reject,
            Action::Update,
            Action::SetStatus(Status::Started),
        ] {
            assert_eq!(a.apply(Status::Canceled), Err(TransitionError::Canceled));
        }
        assert_eq!(
            Action::Cancel.apply(Status::Canceled),
            Err(TransitionError::AlreadyCanceled)
        );
    }

    #[test]
    fn seeds_rules_for_actions() {
        assert_eq!(Action::Submit.apply(Status::Started), Ok(Status::Submitted));
        assert_eq!(
            Action::Submit.apply(Status::Hold),
            Err(TransitionError::NotStarted)
        );
        assert_eq!(
            Action::Approve.apply(Status::Approved),
            Err(TransitionError::AlreadyApproved)
        );
        assert_eq!(
            Action::Approve.apply(Status::Rejected),
            Ok(Status::Approved)
        );
        assert_eq!(
            Action::Reject.apply(Status::Rejected),
            Err(TransitionError::AlreadyRejected)
        );
        assert_eq!(
            Action::Resubmit.apply(Status::Approved),
            Ok(Status::Submitted)
        );
        assert_eq!(
            Action::ChangeDocuments.apply(Status::Submitted),
            Err(TransitionError::DocumentsLocked("Submitted"))
        );
        assert_eq!(
            Action::ChangeDocuments.apply(Status::DoubleCheck),
            Ok(Status::DoubleCheck)
        );
        assert_eq!(
            Action::Decide(Status::Approved).apply(Status::Started),
            Err(TransitionError::NotSubmitted)
        );
        assert_eq!(Action::Expire.apply(Status::Started), Ok(Status::Expired));
    }
}
