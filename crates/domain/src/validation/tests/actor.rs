//! validate_actor: the `{comment, email}` of approve/reject/cancel/resubmit.

use super::*;

#[test]
fn seeds_examples_validate() {
    for comment in [
        "Re-uploaded documents with better quality.",
        "ID documents match the provided information.",
        "ID does not match the provided information.",
        "Canceling verification due to duplicate entry.",
    ] {
        let r = validate_actor(&json!({"comment": comment, "email": "some@email.com"})).unwrap();
        assert_eq!(
            r,
            ActorInput {
                comment: comment.into(),
                email: "some@email.com".into()
            }
        );
    }
}

#[test]
fn missing_or_invalid_comment_and_email() {
    let e = validate_actor(&json!({})).unwrap_err();
    assert_msg(&e, "comment", "The comment field is required.");
    assert_msg(&e, "email", "The email field is required.");
    assert_eq!(
        e.message(),
        "The comment field is required. (and 1 more error)"
    );
    let e = validate_actor(&json!({"comment": "  ", "email": null})).unwrap_err();
    assert!(e.has("comment") && e.has("email"));
    let e = validate_actor(&json!({"comment": 5, "email": ["a@b.co"]})).unwrap_err();
    assert_msg(&e, "comment", "The comment field must be a string.");
    assert_msg(&e, "email", "The email field must be a string.");
    let e = validate_actor(&json!({"comment": "ok", "email": "nope"})).unwrap_err();
    assert_msg(
        &e,
        "email",
        "The email field must be a valid email address.",
    );
    assert_eq!(e.fields().count(), 1);
    let e = validate_actor(&json!({"comment": "x".repeat(5001), "email": "a@b.co"})).unwrap_err();
    assert_msg(
        &e,
        "comment",
        "The comment field must not be greater than 5000 characters.",
    );
    let e = validate_actor(&json!({"comment": "bad\u{0}", "email": "a@b.co"})).unwrap_err();
    assert!(e.has("comment"));
    assert_msg(
        &validate_actor(&json!("x")).unwrap_err(),
        "body",
        "The request body must be a JSON object.",
    );
    // Multi-line comments are fine.
    let r = validate_actor(&json!({"comment": "line 1\nline 2", "email": "A.B+c@Example.COM"}))
        .unwrap();
    assert_eq!(r.comment, "line 1\nline 2");
    assert_eq!(r.email, "A.B+c@Example.COM");
}
