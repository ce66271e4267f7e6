//! Plain records the repositories return: already decrypted, ready for the
//! HTTP layer to render. Timestamps are microseconds since the Unix epoch.

use crate::DataKey;
use colleckt_domain::{ExpectedData, Slot, Status};

#[derive(Debug, Clone)]
pub struct Workspace {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub created_at: i64,
    /// Console users must sign in with a second factor (TOTP).
    pub require_totp: bool,
}

/// An API token as the console lists it (never its secret).
#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct ApiToken {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Verification {
    pub id: String,
    pub workspace_id: String,
    pub flow: String,
    pub status: Status,
    pub vendor_reference: Option<String>,
    pub vendor_state: Option<String>,
    pub expected: ExpectedData,
    /// The widget session token (the secret in `url` and `qr_code`).
    pub session_token: String,
    pub redirect_url: Option<String>,
    pub submitted_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub expires_at: i64,
    pub version: i64,
    pub(crate) data_key: DataKey,
}

impl Verification {
    pub fn data_key(&self) -> &DataKey {
        &self.data_key
    }
}

/// Document statuses (CONTRACT §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocStatus {
    Uploaded,
    Processing,
    Approved,
    Rejected,
    DoubleCheck,
    Canceled,
}

impl DocStatus {
    pub fn label(self) -> &'static str {
        match self {
            DocStatus::Uploaded => "Uploaded",
            DocStatus::Processing => "Processing",
            DocStatus::Approved => "Approved",
            DocStatus::Rejected => "Rejected",
            DocStatus::DoubleCheck => "Double Check",
            DocStatus::Canceled => "Canceled",
        }
    }

    pub fn from_label(s: &str) -> Option<DocStatus> {
        [
            DocStatus::Uploaded,
            DocStatus::Processing,
            DocStatus::Approved,
            DocStatus::Rejected,
            DocStatus::DoubleCheck,
            DocStatus::Canceled,
        ]
        .into_iter()
        .find(|d| d.label() == s)
    }

    /// The document status that mirrors a verification decided by hand.
    pub fn for_verification(status: Status) -> Option<DocStatus> {
        match status {
            Status::Approved => Some(DocStatus::Approved),
            Status::Rejected => Some(DocStatus::Rejected),
            Status::DoubleCheck => Some(DocStatus::DoubleCheck),
            Status::Canceled => Some(DocStatus::Canceled),
            _ => None,
        }
    }
}

/// One stored image of a document.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub key: String,
    pub mime: String,
    /// Keyed digest of the plaintext bytes: finds the same image uploaded twice.
    pub digest: String,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub verification_id: String,
    pub slot: Slot,
    pub type_id: u32,
    pub country: String,
    pub status: DocStatus,
    pub front: StoredFile,
    pub back: Option<StoredFile>,
    pub extracted_data: Option<serde_json::Value>,
    pub rules: Option<serde_json::Value>,
    pub decisions: Vec<Decision>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct Decision {
    pub decision: String,
    pub source: String,
    pub actor: String,
    pub comment: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub id: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub actor: String,
    pub comment: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct Comment {
    pub id: String,
    pub content: String,
    pub status: Option<Status>,
    pub actor: String,
    pub private: bool,
    pub created_at: i64,
}

/// A stored response for an `Idempotency-Key`.
#[derive(Debug, Clone)]
pub enum IdempotencyRecord {
    /// First time this key is seen: the caller runs the request.
    New,
    /// Seen with the same request and finished: replay this.
    Replay { status: u16, body: Vec<u8> },
    /// Seen with the same request, still running.
    InProgress,
    /// Seen with a different request.
    Mismatch,
    /// Seen with the same request, but what it created was deleted since:
    /// the record was sealed with that verification's (shredded) data key.
    Gone,
}

/// A console user. `role` is `reviewer` or `admin`.
#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub workspace_id: String,
    pub email: String,
    /// argon2id PHC string.
    pub password_hash: String,
    pub role: String,
    pub created_at: i64,
    pub disabled_at: Option<i64>,
    pub totp_enabled: bool,
    pub failed_logins: i64,
    pub locked_until: Option<i64>,
}

/// How far a console session has signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    /// The password was right; a TOTP code is still owed.
    Password,
    Full,
}

impl SessionStage {
    pub fn label(self) -> &'static str {
        match self {
            SessionStage::Password => "password",
            SessionStage::Full => "full",
        }
    }

    pub fn from_label(s: &str) -> Option<SessionStage> {
        match s {
            "password" => Some(SessionStage::Password),
            "full" => Some(SessionStage::Full),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ConsoleSession {
    pub id: String,
    pub user_id: String,
    pub workspace_id: String,
    pub stage: SessionStage,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
}

/// One line of the audit log.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: String,
    pub actor: String,
    pub action: String,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
    pub created_at: i64,
}

/// A reviewer's hold on a case.
#[derive(Debug, Clone)]
pub struct Claim {
    pub verification_id: String,
    pub user_id: String,
    pub email: String,
    pub expires_at: i64,
}
