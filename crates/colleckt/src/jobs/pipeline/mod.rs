//! The automated pipeline job: read every document of a submitted
//! verification, check what was read against what was expected with the flow's
//! rules, and record the decision — documents' extracted data, rules, statuses
//! and system decisions, the verification's new status, history and the
//! webhook event — in one guarded transaction.

mod evidence;

use crate::app::AppState;
use crate::readers::ReadError;
use crate::service::jobs::VerificationJob;
use crate::service::lifecycle::{self, Act};
use crate::service::reading;
use colleckt_domain::rules::{self, Decision, RuleResult, RuleStatus};
use colleckt_domain::{Flow, Status};
use colleckt_extract::{DocKind, ExtractedData};
use colleckt_store::{ClaimedJob, DocStatus, Document, DocumentResult, StoreError, Verification};
use evidence::{evidence, Uploaded};

/// The job's verification; `None` once it was deleted.
async fn verification_of(
    state: &AppState,
    job: &ClaimedJob,
) -> Result<Option<Verification>, String> {
    let p = VerificationJob::from_job(job)?;
    state
        .store
        .get_verification(&p.workspace_id, &p.verification_id)
        .await
        .map_err(|e| e.to_string())
}

/// What reading one document gave.
enum Read {
    Data(Box<ExtractedData>),
    /// The extractor refused the file (wrong type, undecodable, too large).
    Refused,
    /// The reader process died on it; the note says how (`reader_crashed`,
    /// `reader_timeout`, `reader_out_of_memory`).
    ReaderFailed(&'static str),
}

impl Read {
    /// `extracted_data` as stored: what was read, or just the reader's note.
    fn data(&self) -> Option<ExtractedData> {
        match self {
            Read::Data(d) => Some((**d).clone()),
            Read::Refused => None,
            Read::ReaderFailed(note) => Some(ExtractedData {
                notes: vec![(*note).to_string()],
                ..ExtractedData::default()
            }),
        }
    }
}

/// Reads one document in a reader process. A document that kills its reader
/// is an outcome, not a job error: retrying would only kill another one.
async fn read(
    state: &AppState,
    v: &Verification,
    flow: &Flow,
    doc: &Document,
) -> Result<Read, String> {
    let kind = flow
        .document_type(doc.type_id)
        .and_then(|t| DocKind::from_name(&t.name));
    let read = reading::read(state, v, doc, kind)
        .await
        .map_err(|e| e.to_string())?;
    match read {
        Ok(data) => Ok(Read::Data(Box::new(data))),
        Err(ReadError::Refused(r)) => {
            tracing::info!(code = %r.code, "a document could not be read");
            Ok(Read::Refused)
        }
        Err(e) => match e.note() {
            Some(note) => {
                tracing::warn!(verification = %v.id, document = %doc.id, note, "a document ended its reader process");
                Ok(Read::ReaderFailed(note))
            }
            None => Err(e.to_string()),
        },
    }
}

/// A document whose reader died fails `document_readable`, saying why.
fn reader_failed(rules: &mut [RuleResult], note: &str) {
    for r in rules.iter_mut().filter(|r| r.name == "document_readable") {
        r.status = RuleStatus::Failed;
        r.trusted = false;
        r.message = format!("Nothing could be read: {} ({note}).", why(note));
    }
}

fn why(note: &str) -> &'static str {
    match note {
        "reader_timeout" => "reading it took longer than the reader's time limit",
        "reader_out_of_memory" => "reading it needed more memory than the reader's limit",
        _ => "the reader process crashed on it",
    }
}

fn doc_status(d: Decision) -> (DocStatus, &'static str) {
    match d {
        Decision::Approved => (DocStatus::Approved, "approved"),
        Decision::Rejected => (DocStatus::Rejected, "rejected"),
        Decision::DoubleCheck => (DocStatus::DoubleCheck, "double_check"),
    }
}

#[tracing::instrument(skip_all, fields(job = %job.id))]
pub async fn run(state: &AppState, job: &ClaimedJob) -> Result<(), String> {
    let Some(v) = verification_of(state, job).await? else {
        return Ok(()); // deleted meanwhile
    };
    // A re-run (PATCH status 5) decides from Double Check; anything else means
    // a person acted first, and their decision stands.
    if !matches!(v.status, Status::Submitted | Status::DoubleCheck) {
        return Ok(());
    }
    let flow = state
        .flows
        .get(&v.flow)
        .ok_or_else(|| format!("unknown flow {}", v.flow))?;
    let docs = state.store.documents(&v).await.map_err(|e| e.to_string())?;
    state
        .store
        .mark_processing(&v)
        .await
        .map_err(|e| e.to_string())?;
    let ocr = colleckt_extract::ocr_available();
    // The documents are read side by side: on a multi-core machine the photo
    // ID and the proof of address take the time of the slower one, not the sum.
    let reads =
        futures::future::try_join_all(docs.iter().map(|doc| read(state, &v, flow, doc))).await?;
    let failed: Vec<Option<&'static str>> = reads
        .iter()
        .map(|r| match r {
            Read::ReaderFailed(note) => Some(*note),
            _ => None,
        })
        .collect();
    let read_data: Vec<Option<ExtractedData>> = reads.iter().map(Read::data).collect();
    let evidences: Vec<_> = docs
        .iter()
        .zip(&read_data)
        .map(|(doc, data)| {
            let uploaded = Uploaded {
                slot: doc.slot,
                type_id: doc.type_id,
                digests: std::iter::once(doc.front.digest.clone())
                    .chain(doc.back.as_ref().map(|b| b.digest.clone()))
                    .collect(),
                data: data.as_ref(),
                ocr_available: ocr,
            };
            evidence(uploaded, |name| {
                flow.document_type_by_name(name).map(|t| t.id)
            })
        })
        .collect();
    let today = chrono::Utc::now().date_naive();
    let mut outcome = rules::evaluate(flow, &v.expected, &evidences, today);
    // A document that ended its reader is for a person to look at, whatever
    // the other document says.
    for (i, note) in failed.iter().enumerate() {
        if let Some(note) = note {
            reader_failed(&mut outcome.documents[i], note);
            outcome.decisions[i] = Decision::DoubleCheck;
            outcome.decision = Decision::DoubleCheck;
        }
    }
    let to = match outcome.decision {
        Decision::Approved => Status::Approved,
        Decision::Rejected => Status::Rejected,
        Decision::DoubleCheck => Status::DoubleCheck,
    };
    let Some(plan) = lifecycle::decision_plan(&v, to) else {
        return Ok(());
    };
    let results = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let (status, decision) = doc_status(outcome.decisions[i]);
            DocumentResult {
                document_id: doc.id.clone(),
                extracted: read_data[i]
                    .as_ref()
                    .and_then(|d| serde_json::to_value(d).ok())
                    .unwrap_or_else(|| serde_json::json!({})),
                rules: serde_json::to_value(&outcome.documents[i]).unwrap_or_default(),
                status,
                decision,
            }
        })
        .collect();
    let mut act = Act::by("system", reader_comment(&docs, &failed));
    act.results = results;
    act.completes_job = Some(job.id.clone());
    match lifecycle::carry_out(state, &v, &plan, act).await {
        Ok(()) => Ok(()),
        // Someone changed the verification while it was read: run again.
        Err(StoreError::Conflict) => Err("the verification changed during processing".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// The system comment when a reader died: which document, and why.
fn reader_comment(docs: &[Document], failed: &[Option<&'static str>]) -> Option<String> {
    let lines: Vec<String> = docs
        .iter()
        .zip(failed)
        .filter_map(|(doc, note)| {
            let note = (*note)?;
            Some(format!(
                "The {} could not be read: {} ({note}).",
                doc.slot.key(),
                why(note)
            ))
        })
        .collect();
    (!lines.is_empty()).then(|| format!("{} Please review by hand.", lines.join(" ")))
}

/// A pipeline job that failed for the last time: the verification goes to
/// Double Check with a system comment rather than staying in Submitted.
pub async fn give_up(state: &AppState, job: &ClaimedJob, error: &str) -> Result<(), String> {
    let Some(v) = verification_of(state, job).await? else {
        return Ok(());
    };
    if v.status != Status::Submitted {
        return Ok(());
    }
    tracing::error!(verification = %v.id, %error, "the pipeline gave up");
    lifecycle::give_up(state, &v, &job.id)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}
