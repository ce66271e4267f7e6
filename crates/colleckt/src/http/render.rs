//! The JSON shapes of the seeds: verification (summary and detailed), document,
//! comment, history, decision. Field order follows the seeds' examples.

use crate::http::links::Links;
use colleckt_domain::{country, Flow, FlowRegistry, Slot};
use colleckt_store::{Comment, Decision, Document, HistoryEntry, Store, Verification};
use serde::Serialize;
use utoipa::ToSchema;

/// `2026-06-11T07:36:11.000000Z`: UTC, microseconds, `Z` (CONTRACT §2).
pub fn timestamp(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentResource {
    pub content: String,
    /// The status the verification moved to with this comment.
    pub status: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryResource {
    pub id: String,
    pub from_status: Option<String>,
    pub to_status: String,
    /// The email given with the action, or `system`.
    pub user: String,
    pub comment: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionResource {
    /// `approved`, `rejected` or `double_check`.
    pub decision: String,
    /// `system` or `manual`.
    pub source: String,
    pub user: String,
    pub comment: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentTypeResource {
    pub id: u32,
    pub name: String,
    pub type_label: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CountryResource {
    pub name: String,
    pub iso2: String,
    pub iso3: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentResource {
    pub id: String,
    /// Signed, expires after 30 minutes.
    pub url_front: String,
    pub url_back: Option<String>,
    pub status_label: String,
    pub verification_id: String,
    pub document_type: DocumentTypeResource,
    pub country: CountryResource,
    pub created_at: String,
    pub updated_at: String,
    /// CONTRACT §6; `{}` until processed.
    #[schema(value_type = Object)]
    pub extracted_data: serde_json::Value,
    pub decisions: Vec<DecisionResource>,
    /// `null` until processed, then `[{name, status, expected, actual, message}]`.
    #[schema(value_type = Option<Vec<Object>>)]
    pub rules: Option<serde_json::Value>,
    /// `photo_id` or `proof_of_address`.
    pub slot: String,
}

/// The verification as lists, create, update and submit return it.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationResource {
    pub id: String,
    /// The widget for the end user.
    pub url: String,
    /// Redirects to `url`; append `.svg` or `.png` for a QR image.
    pub qr_code: String,
    pub vendor_reference: Option<String>,
    pub vendor_state: Option<String>,
    #[schema(value_type = Object)]
    pub expected_data: serde_json::Value,
    pub status_label: String,
    pub submitted_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The flow's display name, e.g. `USPS 1583`.
    pub flow: String,
    pub comments: Vec<CommentResource>,
}

/// The verification with its documents and history (get and manual actions).
#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationDetail {
    pub id: String,
    pub url: String,
    pub qr_code: String,
    pub vendor_reference: Option<String>,
    pub vendor_state: Option<String>,
    #[schema(value_type = Object)]
    pub expected_data: serde_json::Value,
    pub status_label: String,
    pub submitted_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub flow: String,
    pub documents: Vec<DocumentResource>,
    pub comments: Vec<CommentResource>,
    pub history: Vec<HistoryResource>,
}

pub fn comment(c: &Comment) -> CommentResource {
    CommentResource {
        content: c.content.clone(),
        status: c.status.map(|s| s.label().to_string()),
        created_at: timestamp(c.created_at),
    }
}

pub fn history(h: &HistoryEntry) -> HistoryResource {
    HistoryResource {
        id: h.id.clone(),
        from_status: h.from_status.map(|s| s.label().to_string()),
        to_status: h.to_status.label().to_string(),
        user: h.actor.clone(),
        comment: h.comment.clone(),
        created_at: timestamp(h.created_at),
    }
}

fn decision(d: &Decision) -> DecisionResource {
    DecisionResource {
        decision: d.decision.clone(),
        source: d.source.clone(),
        user: d.actor.clone(),
        comment: d.comment.clone(),
        created_at: timestamp(d.created_at),
    }
}

/// What rendering needs besides the rows: the URLs to hand out and the
/// flows' names. Built by `AppState::view`; nothing else of the state is seen.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub links: Links<'a>,
    pub flows: &'a FlowRegistry,
}

/// The flow's display name (its key when the flow is gone).
pub fn flow_name(view: &View, v: &Verification) -> String {
    view.flows
        .get(&v.flow)
        .map(|f| f.name.clone())
        .unwrap_or_else(|| v.flow.clone())
}

pub fn verification(view: &View, v: &Verification, comments: &[Comment]) -> VerificationResource {
    VerificationResource {
        id: v.id.clone(),
        url: view.links.widget(v),
        qr_code: view.links.qr(v),
        vendor_reference: v.vendor_reference.clone(),
        vendor_state: v.vendor_state.clone(),
        expected_data: serde_json::to_value(&v.expected).unwrap_or_default(),
        status_label: v.status.label().to_string(),
        submitted_at: v.submitted_at.map(timestamp),
        created_at: timestamp(v.created_at),
        updated_at: timestamp(v.updated_at),
        flow: flow_name(view, v),
        comments: comments
            .iter()
            .filter(|c| !c.private)
            .map(comment)
            .collect(),
    }
}

pub fn document(
    links: &Links,
    flow: Option<&Flow>,
    d: &Document,
) -> Result<DocumentResource, colleckt_store::StoreError> {
    let doc_type = flow.and_then(|f| f.document_type(d.type_id));
    let country = country::by_iso3(&d.country);
    Ok(DocumentResource {
        id: d.id.clone(),
        url_front: links.signed_file(&d.id, "front")?,
        url_back: d
            .back
            .as_ref()
            .map(|_| links.signed_file(&d.id, "back"))
            .transpose()?,
        status_label: d.status.label().to_string(),
        verification_id: d.verification_id.clone(),
        document_type: DocumentTypeResource {
            id: d.type_id,
            name: doc_type.map(|t| t.name.clone()).unwrap_or_default(),
            type_label: d.slot.label().to_string(),
        },
        country: CountryResource {
            name: country.map(|c| c.name.to_string()).unwrap_or_default(),
            iso2: country.map(|c| c.iso2.to_string()).unwrap_or_default(),
            iso3: d.country.clone(),
        },
        created_at: timestamp(d.created_at),
        updated_at: timestamp(d.updated_at),
        extracted_data: d
            .extracted_data
            .clone()
            .unwrap_or_else(|| serde_json::json!({})),
        decisions: d.decisions.iter().map(decision).collect(),
        rules: d.rules.clone(),
        slot: d.slot.key().to_string(),
    })
}

/// Loads what the detailed shape needs and renders it.
pub async fn verification_detail(
    store: &Store,
    view: &View<'_>,
    v: &Verification,
) -> Result<VerificationDetail, colleckt_store::StoreError> {
    let docs = store.documents(v).await?;
    let comments = store.comments(v, false).await?;
    let history = store.history(v).await?;
    let flow = view.flows.get(&v.flow);
    let summary = verification(view, v, &comments);
    Ok(VerificationDetail {
        id: summary.id,
        url: summary.url,
        qr_code: summary.qr_code,
        vendor_reference: summary.vendor_reference,
        vendor_state: summary.vendor_state,
        expected_data: summary.expected_data,
        status_label: summary.status_label,
        submitted_at: summary.submitted_at,
        created_at: summary.created_at,
        updated_at: summary.updated_at,
        flow: summary.flow,
        documents: docs
            .iter()
            .map(|d| document(&view.links, flow, d))
            .collect::<Result<_, _>>()?,
        comments: summary.comments,
        history: history.iter().map(self::history).collect(),
    })
}

/// Slot of a multipart field value.
pub fn slot_from(s: &str) -> Option<Slot> {
    Slot::from_key(s)
}
