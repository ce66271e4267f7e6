//! `colleckt reader`: the process that reads untrusted documents. It sets its
//! own limits first (address space, no core files, few descriptors, death with
//! its parent), loads Tesseract once, then answers requests from stdin on
//! stdout until stdin closes. Whatever a document does to it — a stack
//! overflow, an allocation past the limit, a loop — ends this process only;
//! the service sees the pipe close and says why (see `process.rs`).
//!
//! No async runtime and no logging here: the process must stay small, and
//! what it would log is about documents.

use super::protocol::{read_frame, write_frame, Answer, Header, Refusal};
use colleckt_extract::{DocKind, ExtractInput};
use std::io::Write;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

/// The read spent its CPU budget (the service reports `reader_timeout`).
pub const EXIT_CPU_BUDGET: u8 = 71;
/// The reading thread panicked.
pub const EXIT_PANIC: u8 = 70;
/// The limits could not be set: refuse to read anything without them.
pub const EXIT_LIMITS: u8 = 78;
/// The request did not follow the protocol.
pub const EXIT_PROTOCOL: u8 = 65;

/// The reading thread's stack: deep enough for the readers' own recursion;
/// a document that needs more ends the process, not the service.
const STACK_BYTES: usize = 16 * 1024 * 1024;
/// How often the CPU budget is checked during a read.
const WATCH_EVERY: Duration = Duration::from_millis(100);
/// Open files: the pipes, Tesseract's libraries and data, and a few spare.
const MAX_FILES: u64 = 64;

struct Request {
    header: Header,
    front: Vec<u8>,
    back: Vec<u8>,
}

/// The process's main: `memory_mb` of address space; each read may use
/// `cpu_seconds` of CPU (the service enforces the same wall-clock deadline).
pub fn run(memory_mb: u64, cpu_seconds: u64) -> ExitCode {
    if let Err(e) = limit(memory_mb) {
        eprintln!("reader: cannot set resource limits: {e}");
        return ExitCode::from(EXIT_LIMITS);
    }
    // Loaded once per process, before the first document arrives.
    let _ = colleckt_extract::ocr_available();
    let (to_reader, requests) = mpsc::channel::<Request>();
    let (answers_tx, answers) = mpsc::channel::<Answer>();
    let spawned = std::thread::Builder::new()
        .name("reader".into())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            for r in requests {
                if answers_tx.send(read(&r)).is_err() {
                    return;
                }
            }
        });
    if spawned.is_err() {
        return ExitCode::from(EXIT_LIMITS);
    }
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    loop {
        let request = match next_request(&mut stdin) {
            Ok(Some(r)) => r,
            Ok(None) => return ExitCode::SUCCESS,
            Err(_) => return ExitCode::from(EXIT_PROTOCOL),
        };
        let started = cpu_time();
        if to_reader.send(request).is_err() {
            return ExitCode::from(EXIT_PANIC);
        }
        let answer = loop {
            match answers.recv_timeout(WATCH_EVERY) {
                Ok(a) => break a,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if cpu_time().saturating_sub(started) > Duration::from_secs(cpu_seconds) {
                        return ExitCode::from(EXIT_CPU_BUDGET);
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return ExitCode::from(EXIT_PANIC),
            }
        };
        let Ok(json) = serde_json::to_vec(&answer) else {
            return ExitCode::from(EXIT_PANIC);
        };
        if write_frame(&mut stdout, &json)
            .and_then(|()| stdout.flush())
            .is_err()
        {
            // The service went away.
            return ExitCode::SUCCESS;
        }
    }
}

fn next_request(stdin: &mut impl std::io::Read) -> std::io::Result<Option<Request>> {
    let Some(header) = read_frame(stdin)? else {
        return Ok(None);
    };
    let header: Header = serde_json::from_slice(&header)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    let cut = || std::io::Error::from(std::io::ErrorKind::UnexpectedEof);
    let front = read_frame(stdin)?.ok_or_else(cut)?;
    let back = read_frame(stdin)?.ok_or_else(cut)?;
    Ok(Some(Request {
        header,
        front,
        back,
    }))
}

fn read(r: &Request) -> Answer {
    let kind = r.header.kind.as_deref().and_then(DocKind::from_name);
    let input = ExtractInput {
        front: &r.front,
        back: (!r.back.is_empty()).then_some(&r.back[..]),
        kind,
    };
    match colleckt_extract::extract(&input) {
        Ok(data) => Answer::Read(Box::new(data)),
        Err(e) => Answer::Refused(Refusal::from(&e)),
    }
}

/// User + system CPU time of this process so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut u) != 0 {
            return Duration::ZERO;
        }
        u
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
type Resource = libc::__rlimit_resource_t;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
type Resource = libc::c_int;

fn set(resource: Resource, value: u64) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: value as libc::rlim_t,
        rlim_max: value as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct it is given.
    if unsafe { libc::setrlimit(resource, &limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Soft and hard limits alike, so that nothing in this process can raise them
/// again; and no core file, which would hold the document's pixels.
fn limit(memory_mb: u64) -> std::io::Result<()> {
    set(libc::RLIMIT_AS, memory_mb.saturating_mul(1024 * 1024))?;
    set(libc::RLIMIT_CORE, 0)?;
    set(libc::RLIMIT_NOFILE, MAX_FILES)?;
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with these options only changes this process's flags.
    unsafe {
        // Killed with the service even if it dies without closing our stdin.
        libc::prctl(
            libc::PR_SET_PDEATHSIG,
            libc::SIGKILL as libc::c_ulong,
            0,
            0,
            0,
        );
        libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1 as libc::c_ulong, 0, 0, 0);
    }
    Ok(())
}
