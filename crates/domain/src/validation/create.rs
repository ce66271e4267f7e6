//! Create and action bodies: the top-level fields of `POST …/verifications`
//! (the expected data itself is checked in `data`) and the `{comment, email}`
//! that approve, reject, cancel and resubmit require for the audit trail.

use super::fields::{
    email_or, optional_string, redirect_url, required_message, required_string, COMMENT_MAX,
    TEXT_MAX,
};
use super::{data, ActorInput, CreateRequest, ValidationErrors};
use crate::Flow;
use serde_json::Value;

pub(super) fn body_error() -> ValidationErrors {
    ValidationErrors::single("body", "The request body must be a JSON object.")
}

pub(super) fn validate_create(
    flow: &Flow,
    body: &Value,
) -> Result<CreateRequest, ValidationErrors> {
    let Some(obj) = body.as_object() else {
        return Err(body_error());
    };
    let mut errs = ValidationErrors::default();
    let vendor_reference = optional_string(
        &mut errs,
        "vendor_reference",
        obj.get("vendor_reference"),
        TEXT_MAX,
    );
    let vendor_state =
        optional_string(&mut errs, "vendor_state", obj.get("vendor_state"), TEXT_MAX);
    let expected = data::expected_data(&mut errs, flow, obj);
    let redirect_url = redirect_url(&mut errs, "redirect_url", obj.get("redirect_url"));
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(CreateRequest {
        vendor_reference,
        vendor_state,
        redirect_url,
        expected,
    })
}

pub(super) fn validate_actor(body: &Value) -> Result<ActorInput, ValidationErrors> {
    let Some(obj) = body.as_object() else {
        return Err(body_error());
    };
    let mut errs = ValidationErrors::default();
    let comment = required_string(&mut errs, "comment", obj.get("comment"), COMMENT_MAX);
    let email = email_or(
        &mut errs,
        "email",
        obj.get("email"),
        required_message("email"),
    );
    match (comment, email) {
        (Some(comment), Some(email)) if errs.is_empty() => Ok(ActorInput { comment, email }),
        _ => Err(errs),
    }
}
