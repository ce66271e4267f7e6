//! The field helpers on their own: emails, dates.

use super::super::fields::{is_date, is_email};

#[test]
fn emails() {
    for ok in [
        "some@email.com",
        "a@b.co",
        "first.last+tag@sub.example.org",
        "o'brien@example.ie",
        "josé@exämple.de",
        "x@xn--bcher-kva.example",
    ] {
        assert!(is_email(ok), "{ok}");
    }
    for bad in [
        "",
        "plain",
        "@example.com",
        "a@",
        "a@b",
        "a@@b.com",
        "a b@example.com",
        ".a@example.com",
        "a.@example.com",
        "a..b@example.com",
        "a@-example.com",
        "a@example-.com",
        "a@example..com",
        "a@example.com.",
        "a@127.0.0.1",
        "a@[127.0.0.1]",
        "\"quoted\"@example.com",
        "a@exam_ple.com",
    ] {
        assert!(!is_email(bad), "{bad}");
    }
    assert!(!is_email(&format!("{}@example.com", "a".repeat(65))));
    assert!(is_email(&format!("{}@example.com", "a".repeat(64))));
}

#[test]
fn dates() {
    for ok in ["1988-05-06", "2024-02-29", "0001-01-01", "9999-12-31"] {
        assert!(is_date(ok), "{ok}");
    }
    for bad in [
        "",
        "1988-5-06",
        "1988-05-6",
        "2023-02-29",
        "1988-00-10",
        "1988-01-32",
        "+988-01-01",
        "1988-01-0a",
        "١٩٨٨-٠٥-٠٦",
    ] {
        assert!(!is_date(bad), "{bad}");
    }
}
