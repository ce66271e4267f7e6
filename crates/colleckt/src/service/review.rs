//! The reviewer console's work on a case, without HTTP: opening it (which
//! claims it for the reviewer), deciding it through the same lifecycle as the
//! API, "next case", and private notes. Every lookup is scoped to the
//! reviewer's workspace; a case of another workspace is simply not found.
//! Every decision and note is written to the audit log — never the comment
//! or note text, which may hold personal data.

use crate::app::AppState;
use crate::service::lifecycle::{self, Act};
use crate::service::ServiceError;
use colleckt_domain::{Action, Flow, Status};
use colleckt_store::{
    AuditRecord, Claim, Comment, Document, HistoryEntry, StoreError, User, Verification,
};

/// How long opening a case holds it; every view renews it.
pub const CLAIM_TTL_MICROS: i64 = 5 * 60 * 1_000_000;
/// "Next case" gives up after losing this many races for the oldest case.
const NEXT_CASE_ATTEMPTS: usize = 8;
/// A comment or note longer than this is refused (the API's own limit is
/// of the same order; a reviewer never needs more).
pub const MAX_COMMENT_CHARS: usize = 5000;

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// Unknown, deleted, or another workspace's: the same answer for all.
    #[error("Not found.")]
    NotFound,
    #[error("A comment is required.")]
    CommentRequired,
    #[error("The comment is too long.")]
    CommentTooLong,
    /// Another reviewer holds a live claim on the case.
    #[error("Another reviewer is working on this case.")]
    ClaimedByOther(Claim),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<StoreError> for ReviewError {
    fn from(e: StoreError) -> Self {
        ReviewError::Service(e.into())
    }
}

pub type ReviewResult<T> = Result<T, ReviewError>;

/// Who acts in the console, and from where (for the audit log).
pub struct Reviewer<'a> {
    pub user: &'a User,
    pub ip: Option<&'a str>,
}

/// Everything the case page shows.
pub struct CaseFile {
    pub verification: Verification,
    pub flow: Flow,
    pub documents: Vec<Document>,
    /// Newest first.
    pub history: Vec<HistoryEntry>,
    /// Oldest first, public comments and private notes together.
    pub comments: Vec<Comment>,
    /// Who holds the case now: the reviewer unless someone else had it;
    /// `None` for a case nobody works on (a finished one, not claimed by
    /// merely looking at it).
    pub claim: Option<Claim>,
}

impl CaseFile {
    /// Whether `user` may act: nobody else holds the case.
    pub fn free_for(&self, user: &User) -> bool {
        self.claim.as_ref().is_none_or(|c| c.user_id == user.id)
    }
}

/// Statuses a reviewer works a case in: opening such a case claims it.
pub fn is_work(status: Status) -> bool {
    matches!(status, Status::DoubleCheck | Status::Hold)
}

/// The actions a reviewer can take from the console.
pub const CONSOLE_ACTIONS: [(&str, Action); 6] = [
    ("approve", Action::Approve),
    ("reject", Action::Reject),
    ("double_check", Action::DoubleCheck),
    ("hold", Action::Hold),
    ("resubmit", Action::Resubmit),
    ("cancel", Action::Cancel),
];

pub fn action_of(name: &str) -> Option<Action> {
    CONSOLE_ACTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, a)| *a)
}

/// A live verification of the reviewer's workspace, with its flow.
async fn find(state: &AppState, user: &User, id: &str) -> ReviewResult<(Verification, Flow)> {
    // Ids are short; anything else is not one of ours (and not worth a query).
    if id.len() > 64 {
        return Err(ReviewError::NotFound);
    }
    let v = state
        .store
        .get_verification(&user.workspace_id, id)
        .await?
        .ok_or(ReviewError::NotFound)?;
    let flow = state
        .flows
        .get(&v.flow)
        .cloned()
        .ok_or(ReviewError::NotFound)?;
    Ok((v, flow))
}

/// Opens a case: a case to work (Double Check, Hold) is claimed for `user`
/// (or their claim renewed) unless another reviewer holds it; then reads
/// everything the page shows.
pub async fn open(state: &AppState, user: &User, id: &str) -> ReviewResult<CaseFile> {
    let (v, flow) = find(state, user, id).await?;
    let claim = if is_work(v.status) {
        Some(
            state
                .store
                .claim_case(&v.id, user, CLAIM_TTL_MICROS)
                .await?,
        )
    } else {
        let live = state
            .store
            .live_claims(&user.workspace_id, &[&v.id])
            .await?;
        live.into_iter().next()
    };
    let documents = state.store.documents(&v).await?;
    let history = state.store.history(&v).await?;
    let comments = state.store.comments(&v, true).await?;
    Ok(CaseFile {
        verification: v,
        flow,
        documents,
        history,
        comments,
        claim,
    })
}

/// One stored image of a document of the reviewer's workspace, opened:
/// `(mime, bytes)`, or `None` when there is no such side.
pub async fn image(
    state: &AppState,
    user: &User,
    id: &str,
    document_id: &str,
    back: bool,
) -> ReviewResult<(String, Vec<u8>)> {
    let (v, _) = find(state, user, id).await?;
    let docs = state.store.documents(&v).await?;
    let doc = docs
        .iter()
        .find(|d| d.id == document_id)
        .ok_or(ReviewError::NotFound)?;
    let file = if back {
        doc.back.as_ref()
    } else {
        Some(&doc.front)
    };
    let file = file.ok_or(ReviewError::NotFound)?;
    let bytes = crate::service::objects::open_if_present(state, &v, &file.key)
        .await?
        .ok_or(ReviewError::NotFound)?;
    Ok((file.mime.clone(), bytes))
}

fn checked_comment(comment: &str) -> ReviewResult<String> {
    let comment = comment.trim();
    if comment.is_empty() {
        return Err(ReviewError::CommentRequired);
    }
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(ReviewError::CommentTooLong);
    }
    Ok(comment.to_string())
}

/// Claims the case for `user`, or says who else holds it.
async fn hold_claim(state: &AppState, user: &User, v: &Verification) -> ReviewResult<()> {
    let claim = state
        .store
        .claim_case(&v.id, user, CLAIM_TTL_MICROS)
        .await?;
    if claim.user_id != user.id {
        return Err(ReviewError::ClaimedByOther(claim));
    }
    Ok(())
}

async fn audit(state: &AppState, who: &Reviewer<'_>, action: &str, target: &str) {
    let record = AuditRecord {
        workspace_id: &who.user.workspace_id,
        actor: &who.user.email,
        action,
        target: Some(target),
        ip: who.ip,
        ..AuditRecord::default()
    };
    // The decision stands whether or not the log row lands; a failing audit
    // write is an operator's problem, logged loudly (as at sign-in).
    if let Err(e) = state.store.audit(&record).await {
        tracing::error!(error = %e, action, "audit log write failed");
    }
}

/// Decides a case as `who`: the same `lifecycle::act` the API's actions call,
/// with the reviewer's email as the actor, so history, decisions and webhook
/// events are those of an API call by that email. Refused while another
/// reviewer holds the case; the reviewer's claim ends with the decision.
pub async fn decide(
    state: &AppState,
    who: &Reviewer<'_>,
    id: &str,
    name: &str,
    comment: &str,
) -> ReviewResult<()> {
    let action = action_of(name).ok_or(ReviewError::NotFound)?;
    let (v, flow) = find(state, who.user, id).await?;
    let comment = checked_comment(comment)?;
    lifecycle::allowed(action, &v)?;
    hold_claim(state, who.user, &v).await?;
    let act = Act::by(who.user.email.clone(), Some(comment));
    lifecycle::act(state, &flow, &v, action, act).await?;
    state.store.release_claim(&v.id, &who.user.id).await?;
    audit(state, who, name, &v.id).await;
    Ok(())
}

/// Adds a private note (never in the API or webhooks). Allowed while someone
/// else holds the case: a note is not a decision.
pub async fn add_note(
    state: &AppState,
    who: &Reviewer<'_>,
    id: &str,
    note: &str,
) -> ReviewResult<()> {
    let (v, _) = find(state, who.user, id).await?;
    let note = checked_comment(note)?;
    state
        .store
        .add_private_note(&v, &who.user.email, &note)
        .await?;
    audit(state, who, "private_note", &v.id).await;
    Ok(())
}

/// Lets go of the reviewer's claim on a case ("release").
pub async fn release(state: &AppState, user: &User, id: &str) -> ReviewResult<()> {
    let (v, _) = find(state, user, id).await?;
    state.store.release_claim(&v.id, &user.id).await?;
    Ok(())
}

/// Claims the oldest Double Check case nobody else holds; `None` when the
/// queue is empty. Two reviewers asking at once may pick the same case: the
/// loser of the claim tries the next one.
pub async fn next_case(state: &AppState, user: &User) -> ReviewResult<Option<String>> {
    let mut skip: Vec<String> = vec![];
    for _ in 0..NEXT_CASE_ATTEMPTS {
        let Some(id) = state
            .store
            .next_unclaimed_case(&user.workspace_id, &user.id, &skip)
            .await?
        else {
            return Ok(None);
        };
        let claim = state.store.claim_case(&id, user, CLAIM_TTL_MICROS).await?;
        if claim.user_id == user.id {
            return Ok(Some(id));
        }
        skip.push(id);
    }
    Ok(None)
}
