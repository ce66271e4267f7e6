//! Colleckt's domain: statuses and the transitions between them, flows (document
//! types, slots, countries), validation of what integrators send, and (later) the
//! rules that compare expected with extracted data. Pure: no async, no I/O, no clock.

pub mod country;
pub mod expected;
pub mod flow;
pub mod lifecycle;
pub mod rules;
pub mod status;
pub mod us_state;
pub mod validation;

pub use expected::{Address, DocumentExpectation, Documents, ExpectedData, Person};
pub use flow::{DocumentType, Flow, FlowRegistry, Sides, Slot};
pub use lifecycle::{plan, DocumentsEffect, Event, Plan};
pub use status::{Action, Status, TransitionError};
pub use validation::ValidationErrors;
