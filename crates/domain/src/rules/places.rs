//! Rules about where the holder lives, for proof-of-address documents: street,
//! city, state and ZIP against the expected address.

use super::address::{cities_match, postal_key, streets_match, AddressMatch};
use super::evidence::{DocumentEvidence, Source};
use super::identity::trusted;
use super::outcome::{RuleResult, RuleStatus::*};
use crate::{us_state, Address};

fn verdict(rule: &str, read: &str, m: AddressMatch, trusted: bool, what: &str) -> RuleResult {
    if read.trim().is_empty() {
        return RuleResult::new(
            rule,
            Skipped,
            false,
            format!("The {what} could not be read."),
        );
    }
    match m {
        AddressMatch::Exact => {
            RuleResult::new(rule, Passed, trusted, format!("The {what} matches."))
        }
        AddressMatch::Slip => RuleResult::new(
            rule,
            Warning,
            false,
            format!("The {what} differs by one character; OCR may have misread it."),
        ),
        AddressMatch::Mismatch => {
            RuleResult::new(rule, Failed, trusted, format!("The {what} does not match."))
        }
    }
}

/// street_matches, city_matches, state_matches, postal_code_matches.
pub fn address_rules(doc: &DocumentEvidence, expected: &Address) -> Vec<RuleResult> {
    let Some(read) = &doc.address else {
        return [
            "street_matches",
            "city_matches",
            "state_matches",
            "postal_code_matches",
        ]
        .into_iter()
        .map(|r| {
            RuleResult::new(
                r,
                Skipped,
                false,
                "The address could not be found on the document.",
            )
        })
        .collect();
    };
    let t = trusted(doc, read);
    let ocr = read.source == Source::Ocr;
    let a = &read.value;
    let mut out = vec![
        verdict(
            "street_matches",
            &a.street,
            streets_match(&expected.street, &a.street, ocr),
            t,
            "street",
        )
        .values(Some(expected.street.clone()), Some(a.street.clone())),
        verdict(
            "city_matches",
            &a.city,
            cities_match(&expected.city, &a.city, ocr),
            t,
            "city",
        )
        .values(Some(expected.city.clone()), Some(a.city.clone())),
    ];
    let state = match (&expected.state, &a.state) {
        (Some(e), Some(r)) if us_state::same(e, r) || e.eq_ignore_ascii_case(r) => {
            RuleResult::new("state_matches", Passed, t, "The state matches.")
        }
        (Some(_), Some(_)) => {
            RuleResult::new("state_matches", Failed, t, "The state does not match.")
        }
        (Some(_), None) => RuleResult::new(
            "state_matches",
            Skipped,
            false,
            "The state could not be read.",
        ),
        (None, _) => RuleResult::new(
            "state_matches",
            Passed,
            t,
            "No state is expected outside the USA.",
        ),
    };
    out.push(state.values(expected.state.clone(), a.state.clone()));
    let zip = match &a.postal_code {
        Some(r) if postal_key(r) == postal_key(&expected.postal_code) => {
            RuleResult::new("postal_code_matches", Passed, t, "The postal code matches.")
        }
        Some(_) => RuleResult::new(
            "postal_code_matches",
            Failed,
            t,
            "The postal code does not match.",
        ),
        None => RuleResult::new(
            "postal_code_matches",
            Skipped,
            false,
            "The postal code could not be read.",
        ),
    };
    out.push(zip.values(Some(expected.postal_code.clone()), a.postal_code.clone()));
    out
}
