//! The webhook events a verification emits (CONTRACT §5, docs/webhooks.md).
//! Their names are the `type` integrators filter on, so they are spelled once,
//! here.

/// An outbox event, written in the same transaction as the status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    /// Approved or Rejected, by the pipeline or by a person.
    Finished,
    Canceled,
    Submitted,
    DoubleCheck,
    Expired,
}

impl Event {
    pub const ALL: [Event; 5] = [
        Event::Finished,
        Event::Canceled,
        Event::Submitted,
        Event::DoubleCheck,
        Event::Expired,
    ];

    /// The event's `type`, as stored and delivered.
    pub fn name(self) -> &'static str {
        match self {
            Event::Finished => "verification.finished",
            Event::Canceled => "verification.canceled",
            Event::Submitted => "verification.submitted",
            Event::DoubleCheck => "verification.double_check",
            Event::Expired => "verification.expired",
        }
    }

    pub fn from_name(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The event a verification emits on entering `to` (Started and Hold
    /// emit none: nothing is asked of the integrator).
    pub fn on_entering(to: crate::Status) -> Option<Event> {
        use crate::Status::*;
        match to {
            Approved | Rejected => Some(Event::Finished),
            Canceled => Some(Event::Canceled),
            Submitted => Some(Event::Submitted),
            DoubleCheck => Some(Event::DoubleCheck),
            Expired => Some(Event::Expired),
            Started | Hold => None,
        }
    }
}

impl std::fmt::Display for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
