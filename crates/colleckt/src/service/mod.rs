//! The one service layer every caller acts through: the API handlers, the
//! widget, the reviewer console and the background jobs. Each action is
//! planned by `colleckt_domain::plan` and carried out here as one guarded store
//! transaction, so the same action leaves the same history, decisions and
//! webhook events whoever asked for it. Handlers only parse requests and shape
//! responses; nothing here knows about HTTP statuses (`http/error.rs` maps
//! [`ServiceError`]).

pub mod account;
pub mod admin;
pub mod error;
pub mod holders;
pub mod intake;
pub mod jobs;
pub mod lifecycle;
pub mod objects;
pub mod reading;
pub mod review;
pub mod sign_in;
pub mod totp;
pub mod upload;
pub mod webhooks;

pub use error::{ServiceError, ServiceResult};
