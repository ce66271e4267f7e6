//! Every action from every status, allowed or refused, against a table
//! written out by hand from CONTRACT §3 (docs/contract.md) rather than
//! derived from the code under test.

use super::*;
use crate::status::TransitionError as E;
use Status::*;

/// Every action the lifecycle knows, with each status a status-taking action can name.
fn actions() -> Vec<Action> {
    let mut all = vec![
        Action::ChangeDocuments,
        Action::Submit,
        Action::Resubmit,
        Action::Approve,
        Action::Reject,
        Action::Cancel,
        Action::Hold,
        Action::DoubleCheck,
        Action::Update,
        Action::GiveUp,
        Action::Expire,
    ];
    for s in Status::ALL {
        all.push(Action::SetStatus(s));
        all.push(Action::Decide(s));
    }
    all
}

/// The expected outcome: the new status, or the refusal.
fn expected(action: Action, from: Status) -> Result<Status, E> {
    if from == Canceled {
        return Err(if action == Action::Cancel {
            E::AlreadyCanceled
        } else {
            E::Canceled
        });
    }
    match (action, from) {
        (Action::ChangeDocuments, Started | Rejected | DoubleCheck | Hold) => Ok(from),
        (Action::ChangeDocuments, _) => Err(E::DocumentsLocked(from.label())),
        (Action::Submit, Started) => Ok(Submitted),
        (Action::Submit, _) => Err(E::NotStarted),
        (Action::Resubmit, _) => Ok(Submitted),
        (Action::Approve, Approved) => Err(E::AlreadyApproved),
        (Action::Approve, _) => Ok(Approved),
        (Action::Reject, Rejected) => Err(E::AlreadyRejected),
        (Action::Reject, _) => Ok(Rejected),
        (Action::Cancel, _) => Ok(Canceled),
        (Action::Hold, _) => Ok(Hold),
        (Action::DoubleCheck, _) => Ok(DoubleCheck),
        (Action::Update, _) => Ok(from),
        (Action::SetStatus(to), _) => Ok(to),
        (Action::Decide(to), Submitted | DoubleCheck) => Ok(to),
        (Action::Decide(_), _) => Err(E::NotSubmitted),
        (Action::GiveUp, Submitted) => Ok(DoubleCheck),
        (Action::GiveUp, _) => Err(E::NotSubmitted),
        (Action::Expire, Started) => Ok(Expired),
        (Action::Expire, _) => Err(E::NotStarted),
    }
}

fn expected_documents(action: Action, to: Status) -> DocumentsEffect {
    match action {
        Action::Approve => DocumentsEffect::Approve,
        Action::Reject => DocumentsEffect::Reject,
        Action::Cancel => DocumentsEffect::Cancel,
        Action::Resubmit => DocumentsEffect::Reset,
        Action::Decide(_) => DocumentsEffect::PipelineResults,
        Action::GiveUp => DocumentsEffect::DoubleCheck,
        Action::SetStatus(_) | Action::Hold | Action::DoubleCheck => match to {
            Approved => DocumentsEffect::Approve,
            Rejected => DocumentsEffect::Reject,
            Canceled => DocumentsEffect::Cancel,
            _ => DocumentsEffect::Keep,
        },
        _ => DocumentsEffect::Keep,
    }
}

fn expected_events(action: Action, to: Status) -> Vec<Event> {
    if matches!(action, Action::Update | Action::ChangeDocuments) {
        return vec![];
    }
    match to {
        Approved | Rejected => vec![Event::Finished],
        Canceled => vec![Event::Canceled],
        Submitted => vec![Event::Submitted],
        DoubleCheck => vec![Event::DoubleCheck],
        Expired => vec![Event::Expired],
        Started | Hold => vec![],
    }
}

fn expected_pipeline(action: Action, to: Status) -> bool {
    match action {
        Action::Submit | Action::Resubmit => true,
        Action::SetStatus(_) | Action::Hold | Action::DoubleCheck => {
            matches!(to, Submitted | DoubleCheck)
        }
        _ => false,
    }
}

#[test]
fn every_action_from_every_status() {
    let mut allowed = 0;
    let mut refused = 0;
    for action in actions() {
        for from in Status::ALL {
            let got = plan(action, from);
            let want = expected(action, from);
            let ctx = format!("{action:?} from {from:?}");
            match (got, want.clone()) {
                (Ok(p), Ok(to)) => {
                    allowed += 1;
                    assert_eq!(p.to, to, "{ctx}: status");
                    assert_eq!(
                        p.documents,
                        expected_documents(action, to),
                        "{ctx}: documents"
                    );
                    assert_eq!(p.events, expected_events(action, to), "{ctx}: events");
                    assert_eq!(
                        p.runs_pipeline,
                        expected_pipeline(action, to),
                        "{ctx}: pipeline"
                    );
                    let silent = matches!(action, Action::Update | Action::ChangeDocuments);
                    assert_eq!(p.records_history, !silent, "{ctx}: history");
                    let submits = matches!(action, Action::Submit | Action::Resubmit)
                        || (matches!(action, Action::SetStatus(_)) && to == Submitted);
                    assert_eq!(p.sets_submitted_at, submits, "{ctx}: submitted_at");
                    let needs = matches!(action, Action::Submit | Action::Resubmit);
                    assert_eq!(p.needs_documents, needs, "{ctx}: documents required");
                }
                (Err(e), Err(want)) => {
                    refused += 1;
                    assert_eq!(e, want, "{ctx}: refusal");
                }
                (got, want) => panic!("{ctx}: got {got:?}, want {want:?}"),
            }
            assert_eq!(action.apply(from), want, "{ctx}: apply agrees with plan");
        }
    }
    // 27 actions × 8 statuses; the split guards against a table gone permissive.
    assert_eq!(allowed + refused, 27 * 8);
    assert_eq!(refused, 90, "allowed {allowed}");
}

#[test]
fn event_names_round_trip_and_are_the_contract_names() {
    for e in Event::ALL {
        assert_eq!(Event::from_name(e.name()), Some(e));
    }
    assert_eq!(Event::Finished.name(), "verification.finished");
    assert_eq!(Event::DoubleCheck.to_string(), "verification.double_check");
    assert_eq!(Event::from_name("verification.started"), None);
}
