//! Reader processes (docs/readers.md): a document whose reader crashes, runs
//! out of time or out of memory goes to Double Check on the pipeline's first
//! attempt, with a failed `document_readable` naming why and a `system`
//! comment; the server stays up and the next verification is decided by a
//! fresh reader. `colleckt extract` reads through a reader process too.

use crate::helpers::*;
use crate::pipeline::{anna_smith, anna_smith_lease, corpus, rule, submit_and_decide};
use colleckt::settings::ReaderSettings;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A reader program that runs `misbehave` (a shell snippet) while the
/// returned marker file exists, and is the real reader otherwise. It records
/// the environment it was started with in `env.txt`.
fn reader_script(dir: &Path, misbehave: &str) -> (PathBuf, PathBuf) {
    let marker = dir.join("misbehave");
    let script = dir.join("reader.sh");
    let text = format!(
        "#!/bin/sh\nenv > '{env}'\nif [ -e '{marker}' ]; then\n{misbehave}\nfi\nexec '{real}' \"$@\"\n",
        env = dir.join("env.txt").display(),
        marker = marker.display(),
        real = env!("CARGO_BIN_EXE_colleckt"),
    );
    std::fs::write(&script, text).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, marker)
}

/// Anna Smith's passport and lease, submitted and run through the pipeline.
async fn anna(app: &TestApp, passport: Vec<u8>) -> Value {
    let id = app.create(&anna_smith()).await;
    let (s, b) = app.upload(&id, "photo_id", passport, None).await;
    assert_eq!(s, 201, "{b}");
    let (s, b) = app
        .upload(&id, "proof_of_address", anna_smith_lease(), None)
        .await;
    assert_eq!(s, 201, "{b}");
    submit_and_decide(app, &id).await
}

/// The decision of the first (and only) pipeline run.
fn system_decision(v: &Value) -> &Value {
    let decisions: Vec<&Value> = v["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["from_status"] == "Submitted")
        .collect();
    assert_eq!(decisions.len(), 1, "{v}");
    assert_eq!(decisions[0]["user"], "system", "{v}");
    decisions[0]
}

/// `docs` (slots) failed with `note`; the verification is in Double Check
/// with a system comment naming the note.
fn assert_reader_failed(v: &Value, slots: &[&str], note: &str) {
    assert_eq!(v["status_label"], "Double Check", "{v}");
    let decision = system_decision(v);
    assert_eq!(decision["to_status"], "Double Check", "{v}");
    let comment = decision["comment"].as_str().unwrap_or_default();
    assert!(comment.contains(note), "comment {comment:?}");
    for slot in slots {
        let doc = v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["slot"] == *slot)
            .unwrap_or_else(|| panic!("no {slot} in {v}"));
        assert_eq!(doc["status_label"], "Double Check", "{doc}");
        let readable = rule(doc, "document_readable");
        assert_eq!(readable["status"], "failed", "{doc}");
        assert!(
            readable["message"].as_str().unwrap().contains(note),
            "{readable}"
        );
        assert_eq!(doc["extracted_data"]["notes"][0], note, "{doc}");
    }
}

/// The server still answers, and a normal verification read by a fresh
/// reader is approved.
async fn assert_still_deciding(app: &TestApp) {
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let v = anna(app, corpus("passport-000-clean.png")).await;
    assert_eq!(v["status_label"], "Approved", "{v}");
}

#[tokio::test]
async fn a_crashed_reader_sends_its_document_to_double_check() {
    let dir = tempfile::tempdir().unwrap();
    let (program, marker) = reader_script(dir.path(), "kill -SEGV $$");
    let app = TestApp::spawn_with_readers(ReaderSettings {
        program,
        ..readers()
    })
    .await;
    std::fs::write(&marker, "").unwrap();
    let v = anna(&app, corpus("passport-000-clean.png")).await;
    assert_reader_failed(&v, &["photo_id", "proof_of_address"], "reader_crashed");

    // The reader saw only the allowed environment, with one OpenMP thread.
    let env = std::fs::read_to_string(dir.path().join("env.txt")).unwrap();
    assert!(env.lines().any(|l| l == "OMP_THREAD_LIMIT=1"), "{env}");
    assert!(!env.lines().any(|l| l.starts_with("CARGO")), "{env}");

    std::fs::remove_file(&marker).unwrap();
    assert_still_deciding(&app).await;
}

#[tokio::test]
async fn a_reader_out_of_time_is_killed_and_its_document_double_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (program, marker) = reader_script(dir.path(), "exec sleep 60");
    let app = TestApp::spawn_with_readers(ReaderSettings {
        program,
        timeout: Duration::from_secs(3),
        ..readers()
    })
    .await;
    std::fs::write(&marker, "").unwrap();
    let started = std::time::Instant::now();
    let v = anna(&app, corpus("passport-000-clean.png")).await;
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_reader_failed(&v, &["photo_id", "proof_of_address"], "reader_timeout");
    std::fs::remove_file(&marker).unwrap();
    assert_still_deciding(&app).await;
}

/// A 49-megapixel 16-bit RGBA PNG (small on the wire) decodes to 392 MB,
/// more than a reader limited to 320 MiB may map: the real reader dies on
/// the allocation. (8-bit PNGs are read row by row into grey, 49 MB.)
#[tokio::test]
async fn a_reader_out_of_memory_ends_alone() {
    let app = TestApp::spawn_with_readers(ReaderSettings {
        memory_mb: 320,
        ..readers()
    })
    .await;
    let huge = {
        let img = image::ImageBuffer::<image::Rgba<u16>, _>::from_pixel(
            7000,
            7000,
            image::Rgba([1000, 2000, 3000, 65535]),
        );
        let mut out = std::io::Cursor::new(vec![]);
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let v = anna(&app, huge).await;
    assert_reader_failed(&v, &["photo_id"], "reader_out_of_memory");
    // The lease was read by the other reader as usual.
    let lease = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slot"] == "proof_of_address")
        .unwrap();
    assert_eq!(
        rule(lease, "document_readable")["status"],
        "passed",
        "{lease}"
    );
    assert_still_deciding(&app).await;
}

/// The widget's preview shows nothing for a document whose reader crashed,
/// and answers again once readers behave.
#[tokio::test]
async fn a_crashed_reader_leaves_the_preview_empty() {
    let dir = tempfile::tempdir().unwrap();
    let (program, marker) = reader_script(dir.path(), "kill -SEGV $$");
    let app = TestApp::spawn_with_readers(ReaderSettings {
        program,
        ..readers()
    })
    .await;
    let id = app.create(&anna_smith()).await;
    let (s, b) = app
        .upload(&id, "photo_id", corpus("passport-000-clean.png"), None)
        .await;
    assert_eq!(s, 201, "{b}");
    let (_, v) = app
        .get(&format!("/api/v1/usps1583/verifications/{id}"))
        .await;
    let url = v["data"]["url"].as_str().unwrap();
    let token = url.trim_end_matches("/process").rsplit('/').next().unwrap();
    let preview = || async {
        let res = app
            .client
            .get(app.url(&format!("/spa/v3/{token}/api/preview")))
            .send()
            .await
            .unwrap();
        json_of(res).await
    };
    std::fs::write(&marker, "").unwrap();
    let (s, p) = preview().await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["documents"][0]["fields"], Value::Null, "{p}");
    std::fs::remove_file(&marker).unwrap();
    let (s, p) = preview().await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["documents"][0]["fields"]["last_name"], "SMITH", "{p}");
}

/// `colleckt extract` reads in a reader process: one that crashes is an
/// error naming the note, and nothing is printed as data.
#[test]
fn the_extract_command_reads_in_a_reader_process() {
    let dir = tempfile::tempdir().unwrap();
    let (program, marker) = reader_script(dir.path(), "kill -SEGV $$");
    std::fs::write(&marker, "").unwrap();
    let passport = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../extract/tests/corpus/passport-000-clean.png"
    );
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_colleckt"))
            .args(["extract", passport, "--type", "Passport"])
            .arg("--reader-program")
            .arg(&program)
            .env("COLLECKT_LOG", "warn")
            .output()
            .unwrap()
    };
    let out = run();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("reader_crashed"), "{err}");

    std::fs::remove_file(&marker).unwrap();
    let out = run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["last_name"], "SMITH");
    // The script ran, so the read went through the reader program.
    assert!(dir.path().join("env.txt").exists());
}
