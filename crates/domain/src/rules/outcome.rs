//! Rule results and the decision policy of docs/flows.md: every rule passed on
//! trustworthy evidence → Approved; a rule failed on trustworthy evidence →
//! Rejected; anything else → Double Check, for a person to decide.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleStatus {
    Passed,
    Failed,
    Warning,
    Skipped,
}

/// One rule's verdict, as the API shows it (`trusted` stays internal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleResult {
    pub name: String,
    pub status: RuleStatus,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub message: String,
    /// Whether the evidence behind the verdict is machine-verifiable.
    #[serde(skip)]
    pub trusted: bool,
}

impl RuleResult {
    pub fn new(
        name: &str,
        status: RuleStatus,
        trusted: bool,
        message: impl Into<String>,
    ) -> RuleResult {
        RuleResult {
            name: name.to_string(),
            status,
            expected: None,
            actual: None,
            message: message.into(),
            trusted,
        }
    }

    pub fn values(mut self, expected: Option<String>, actual: Option<String>) -> RuleResult {
        self.expected = expected;
        self.actual = actual;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    Rejected,
    DoubleCheck,
}

/// The policy, over any set of rule results (one document's or all).
pub fn decide<'a>(rules: impl IntoIterator<Item = &'a RuleResult>) -> Decision {
    let mut all_passed_trusted = true;
    let mut any = false;
    for r in rules {
        any = true;
        if r.status == RuleStatus::Failed && r.trusted {
            return Decision::Rejected;
        }
        if r.status != RuleStatus::Passed || !r.trusted {
            all_passed_trusted = false;
        }
    }
    if any && all_passed_trusted {
        Decision::Approved
    } else {
        Decision::DoubleCheck
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RuleStatus::*;

    fn r(status: RuleStatus, trusted: bool) -> RuleResult {
        RuleResult::new("x", status, trusted, "")
    }

    #[test]
    fn policy() {
        assert_eq!(
            decide(&[r(Passed, true), r(Passed, true)]),
            Decision::Approved
        );
        assert_eq!(
            decide(&[r(Passed, true), r(Failed, true)]),
            Decision::Rejected
        );
        assert_eq!(
            decide(&[r(Passed, true), r(Failed, false)]),
            Decision::DoubleCheck
        );
        assert_eq!(
            decide(&[r(Passed, true), r(Warning, true)]),
            Decision::DoubleCheck
        );
        assert_eq!(
            decide(&[r(Passed, true), r(Skipped, true)]),
            Decision::DoubleCheck
        );
        // Passing on OCR alone is not enough to approve.
        assert_eq!(
            decide(&[r(Passed, true), r(Passed, false)]),
            Decision::DoubleCheck
        );
        // A trusted failure outweighs everything else.
        assert_eq!(
            decide(&[r(Warning, false), r(Failed, true)]),
            Decision::Rejected
        );
        assert_eq!(decide(&[]), Decision::DoubleCheck);
    }

    #[test]
    fn trusted_is_not_serialized() {
        let json = serde_json::to_value(r(Passed, true).values(Some("A".into()), None)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"name": "x", "status": "passed", "expected": "A", "actual": null, "message": ""})
        );
    }
}
