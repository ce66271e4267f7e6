//! The automated pipeline end to end: submit over HTTP, a worker reads the
//! stored (encrypted) images with the real readers, the rules decide, and the
//! API shows extracted data, rules, decisions, history.

use crate::helpers::*;
use colleckt::jobs::worker::{try_execute_one, Step};
use serde_json::{json, Value};

pub fn corpus(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../extract/tests/corpus/");
    std::fs::read(format!("{dir}{name}")).expect("extract corpus file")
}

/// A minimal one-page PDF with a real text layer.
/// The holder of the corpus's `passport-000-clean.png`, living where her
/// lease says: what the end-to-end approvals create.
pub fn anna_smith() -> Value {
    json!({
        "person": {"first_name": "Anna", "last_name": "Smith", "date_of_birth": "1959-11-08"},
        "address": {"street": "1 Main Street", "city": "Richmond", "state": "Arizona",
                    "postal_code": "83420", "country": "USA"},
        "documents": {
            "photo_id": {"type": "Passport", "number": "J98667606", "country": "CAN"},
            "proof_of_address": {"type": "Lease", "number": "", "country": "USA"}
        }
    })
}

/// Anna Smith's current lease, as a PDF with a text layer.
pub fn anna_smith_lease() -> Vec<u8> {
    text_pdf(&[
        "RESIDENTIAL LEASE AGREEMENT",
        "Landlord: Sunrise Property Management LLC",
        "Tenant: Anna Smith",
        "Premises:",
        "1 Main St",
        "Richmond, AZ 83420",
        "Lease term: 2026-01-01 to 2027-12-31",
    ])
}

pub fn text_pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::new();
    for (i, l) in lines.iter().enumerate() {
        let text = l.replace('(', "\\(").replace(')', "\\)");
        content.push_str(&format!(
            "BT /F1 11 Tf 50 {} Td ({text}) Tj ET\n",
            760 - 18 * i
        ));
    }
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

pub async fn drain(app: &TestApp) {
    for _ in 0..20 {
        if try_execute_one(&app.state, "test-worker").await.unwrap() == Step::Empty {
            return;
        }
    }
    panic!("the queue did not drain");
}

pub async fn submit_and_decide(app: &TestApp, id: &str) -> Value {
    let path = format!("/api/v1/usps1583/verifications/{id}");
    let (s, v) = app.put(&format!("{path}/submit"), &Value::Null).await;
    assert_eq!(s, 200, "{v}");
    drain(app).await;
    let (s, got) = app.get(&path).await;
    assert_eq!(s, 200);
    got["data"].clone()
}

pub fn rule<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no rule {name} in {}", doc["rules"]))
}

#[tokio::test]
async fn unreadable_documents_go_to_double_check() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    app.upload_all(&id).await;
    let v = submit_and_decide(&app, &id).await;
    assert_eq!(v["status_label"], "Double Check", "{v}");
    let h = &v["history"][0];
    assert_eq!(
        (
            h["from_status"].as_str(),
            h["to_status"].as_str(),
            h["user"].as_str()
        ),
        (Some("Submitted"), Some("Double Check"), Some("system"))
    );
    for doc in v["documents"].as_array().unwrap() {
        assert_eq!(doc["status_label"], "Double Check");
        assert_eq!(rule(doc, "document_readable")["status"], "failed");
        assert_eq!(
            doc["decisions"][0],
            json!({"decision": "double_check", "source": "system",
            "user": "system", "comment": null, "created_at": doc["decisions"][0]["created_at"]})
        );
    }
}

#[tokio::test]
async fn a_passport_of_someone_else_is_rejected_on_its_mrz() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let (s, b) = app
        .upload(&id, "photo_id", corpus("passport-000-clean.png"), None)
        .await;
    assert_eq!(s, 201, "{b}");
    let lic = corpus("licence-000-clean.png");
    app.upload(&id, "proof_of_address", lic.clone(), Some(lic))
        .await;
    let v = submit_and_decide(&app, &id).await;
    assert_eq!(v["status_label"], "Rejected", "{v}");
    let passport = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slot"] == "photo_id")
        .unwrap();
    assert_eq!(passport["extracted_data"]["last_name"], "SMITH");
    assert_eq!(passport["extracted_data"]["mrz"]["checks_valid"], true);
    assert_eq!(rule(passport, "last_name_matches")["status"], "failed");
    assert_eq!(rule(passport, "last_name_matches")["expected"], "Simpson");
    assert_eq!(rule(passport, "mrz_check_digits")["status"], "passed");
    assert_eq!(passport["status_label"], "Rejected");
}

#[tokio::test]
async fn a_genuine_passport_and_lease_are_approved() {
    let app = TestApp::spawn().await;
    let body = anna_smith();
    let id = app.create(&body).await;
    let (s, b) = app
        .upload(&id, "photo_id", corpus("passport-000-clean.png"), None)
        .await;
    assert_eq!(s, 201, "{b}");
    let lease = anna_smith_lease();
    let (s, b) = app.upload(&id, "proof_of_address", lease, None).await;
    assert_eq!(s, 201, "{b}");
    let v = submit_and_decide(&app, &id).await;
    let not_passed: Vec<&Value> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["rules"].as_array().unwrap().iter())
        .filter(|r| r["status"] != "passed")
        .collect();
    let read: Vec<&Value> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["extracted_data"])
        .collect();
    assert!(not_passed.is_empty(), "{not_passed:#?}\nread: {read:#?}");
    assert_eq!(v["status_label"], "Approved", "{v}");
    let card = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slot"] == "photo_id")
        .unwrap();
    assert_eq!(card["extracted_data"]["document_number"], "J98667606");
    assert!(card["extracted_data"]["sources"]
        .as_array()
        .unwrap()
        .contains(&json!("mrz")));
}

#[tokio::test]
async fn resubmit_and_patch_status_5_rerun_the_pipeline() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    app.upload_all(&id).await;
    let v = submit_and_decide(&app, &id).await;
    assert_eq!(v["status_label"], "Double Check");
    let path = format!("/api/v1/usps1583/verifications/{id}");
    let (s, _) = app
        .patch(
            &path,
            &json!({"status": 5, "comment": "run again", "email": "ops@example.com"}),
        )
        .await;
    assert_eq!(s, 200);
    drain(&app).await;
    let (_, got) = app.get(&path).await;
    let decisions = got["data"]["documents"][0]["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 2, "the pipeline ran twice: {decisions:?}");
    let (s, _) = app
        .put(&format!("{path}/resubmit"), &actor("new photos"))
        .await;
    assert_eq!(s, 200);
    let (_, mid) = app.get(&path).await;
    assert_eq!(mid["data"]["documents"][0]["rules"], Value::Null);
    drain(&app).await;
    let (_, got) = app.get(&path).await;
    assert_eq!(got["data"]["status_label"], "Double Check");
    assert!(got["data"]["documents"][0]["rules"].is_array());
}
