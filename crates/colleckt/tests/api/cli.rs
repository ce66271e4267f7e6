//! The operator commands, run as the real binary: first-run bootstrap of
//! `serve`, `migrate`, `workspace create`, `token create` (token alone on
//! stdout) and `token revoke`; limit settings checked at start.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn colleckt(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_colleckt"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("COLLECKT_DATA_DIR", dir)
        .env("COLLECKT_LOG", "warn");
    cmd
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Killed(std::process::Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn serve_bootstraps_a_workspace_token_and_admin_once() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = colleckt(dir.path())
        .env("COLLECKT_BIND", format!("127.0.0.1:{port}"))
        .env("COLLECKT_WORKERS", "1")
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = Killed(child);
    let stdout = child.0.stdout.take().unwrap();
    let mut token = None;
    let mut saw_password = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(t) = line.trim().strip_prefix("API token:") {
            token = Some(t.trim().to_string());
        }
        if line.trim().starts_with("Password:") {
            saw_password = true;
            break;
        }
    }
    let token = token.expect("first run prints an API token");
    assert!(saw_password && token.starts_with("clk_"));
    let client = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/api/v1/verifications");
    let start = Instant::now();
    let status = loop {
        match client.get(&url).bearer_auth(&token).send().await {
            Ok(r) => break r.status().as_u16(),
            Err(_) if start.elapsed() < Duration::from_secs(20) => {
                tokio::time::sleep(Duration::from_millis(100)).await
            }
            Err(e) => panic!("server did not answer: {e}"),
        }
    };
    assert_eq!(status, 200);
    let ready = client
        .get(format!("http://127.0.0.1:{port}/readyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("master.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    drop(child);
    // A second start finds the workspace and prints no new secrets.
    let out = colleckt(dir.path()).arg("migrate").output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn workspace_and_token_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = colleckt(dir.path())
        .args(["workspace", "create", "acme", "--name", "Acme Mail"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = colleckt(dir.path())
        .args(["workspace", "create", "acme"])
        .output()
        .unwrap();
    assert!(!again.status.success());
    let out = colleckt(dir.path())
        .args(["token", "create", "acme"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "token alone on stdout: {stdout:?}");
    let token = lines[0];
    assert!(token.starts_with("clk_") && token.len() >= 40);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let token_id = stderr
        .split_whitespace()
        .find(|w| w.starts_with("tok_"))
        .expect("token id on stderr");
    // The token is stored hashed: its text is nowhere in the database.
    let db = std::fs::read(dir.path().join("colleckt.db")).unwrap();
    let wal = std::fs::read(dir.path().join("colleckt.db-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(!bytes.windows(token.len()).any(|w| w == token.as_bytes()));
    }
    let unknown = colleckt(dir.path())
        .args(["token", "create", "nope"])
        .output()
        .unwrap();
    assert!(!unknown.status.success() && unknown.stdout.is_empty());
    let out = colleckt(dir.path())
        .args(["token", "revoke", token_id])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = colleckt(dir.path())
        .args(["token", "revoke", token_id])
        .output()
        .unwrap();
    assert!(!out.status.success(), "revoking twice reports it");
    let out = colleckt(dir.path())
        .args(["user", "create", "acme", "rev@example.com"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout).unwrap().trim().len() >= 16,
        "generated password printed"
    );
}

#[test]
fn extract_reads_a_passport_offline() {
    let dir = tempfile::tempdir().unwrap();
    let passport = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../extract/tests/corpus/passport-000-clean.png"
    );
    let out = colleckt(dir.path())
        .args(["extract", passport, "--type", "Passport"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["document_type"], "Passport");
    assert_eq!(json["last_name"], "SMITH");
    assert_eq!(json["mrz"]["format"], "TD3");
    // No database or key was touched.
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    let bad = colleckt(dir.path())
        .args(["extract", "/nonexistent.jpg"])
        .output()
        .unwrap();
    assert!(!bad.status.success() && bad.stdout.is_empty());
}

#[test]
fn bad_limit_settings_are_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    for (var, value) in [
        ("COLLECKT_API_RATE_LIMIT", "0/s"),
        ("COLLECKT_WIDGET_IP_RATE_LIMIT", "lots"),
        ("COLLECKT_TRUSTED_PROXIES", "10.0.0.0/33"),
        (
            "COLLECKT_WIDGET_FRAME_ANCESTORS",
            "https://a.example; script-src *",
        ),
    ] {
        let out = colleckt(dir.path())
            .env(var, value)
            .arg("migrate")
            .output()
            .unwrap();
        assert!(!out.status.success(), "{var}={value} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        let flag = var
            .trim_start_matches("COLLECKT_")
            .to_lowercase()
            .replace('_', "-");
        assert!(err.contains(&flag), "{var}: {err}");
    }
    let out = colleckt(dir.path())
        .env("COLLECKT_API_RATE_LIMIT", "off")
        .env("COLLECKT_WIDGET_WRITE_RATE_LIMIT", "20/2m")
        .env("COLLECKT_TRUSTED_PROXIES", "10.0.0.0/8,fd00::/8")
        .env(
            "COLLECKT_WIDGET_FRAME_ANCESTORS",
            "'self' https://portal.example.com",
        )
        .arg("migrate")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
