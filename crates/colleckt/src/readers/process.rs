//! One reader process as the service sees it: started with a cleared
//! environment, fed one request at a time under a wall-clock deadline, and —
//! when it does not answer — killed and told apart: out of time, out of
//! memory, or crashed.

use super::child::EXIT_CPU_BUDGET;
use super::protocol::{receive_frame, send_frame, Answer, Header};
use crate::settings::ReaderSettings;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::task::JoinHandle;

/// The environment a reader gets; everything else (the master key, database
/// credentials, cloud keys) stays out of the process that parses untrusted
/// bytes.
const PASSED_ENV: &[&str] = &[
    "PATH",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "LD_LIBRARY_PATH",
    "TESSDATA_PREFIX",
    "MALLOC_ARENA_MAX",
    "COLLECKT_OCR",
    "COLLECKT_TESSERACT_LIB",
    "COLLECKT_DEBUG_MRZ",
];

/// How much of a reader's stderr is kept to tell why it died.
const STDERR_TAIL: usize = 8 * 1024;
/// What the allocators print when they give up: Rust's default handler,
/// libstdc++'s `std::bad_alloc`, and glibc/leptonica messages.
const OUT_OF_MEMORY: &[&str] = &[
    "memory allocation of",
    "bad_alloc",
    "out of memory",
    "cannot allocate memory",
    "malloc fail",
];

/// Why a reader process gave no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Crashed,
    Timeout,
    OutOfMemory,
}

pub struct Reader {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
    stderr_tail: JoinHandle<Vec<u8>>,
}

impl Reader {
    pub fn spawn(settings: &ReaderSettings) -> std::io::Result<Reader> {
        let mut cmd = Command::new(&settings.program);
        cmd.arg("reader")
            .arg("--reader-memory-mb")
            .arg(settings.memory_mb.to_string())
            .arg("--reader-timeout-seconds")
            .arg(settings.timeout.as_secs().max(1).to_string())
            .env_clear()
            .envs(
                PASSED_ENV
                    .iter()
                    .filter_map(|k| Some((k, std::env::var_os(k)?))),
            )
            // One thread per Tesseract call: the reading slots are the
            // parallelism. Set here, for the child, rather than by a
            // `set_var` in a process whose threads already run.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd.spawn()?;
        let (Some(stdin), Some(stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(std::io::Error::other("the reader's pipes were not set up"));
        };
        widen(&stdin);
        // Drained all along (a full pipe would stall the reader); only the
        // tail is kept, and never logged: it may quote a document.
        let stderr_tail = tokio::spawn(async move {
            let mut tail = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = stderr.read(&mut buf).await {
                tail.extend_from_slice(&buf[..n]);
                if tail.len() > STDERR_TAIL {
                    tail.drain(..tail.len() - STDERR_TAIL);
                }
            }
            tail
        });
        Ok(Reader {
            child,
            stdin,
            stdout,
            stderr_tail,
        })
    }

    /// Whether the process has already ended (e.g. killed while idle).
    pub fn has_exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    /// One request and its answer within `deadline`. On `Err` the process is
    /// gone (killed here if it was still running): drop this `Reader`.
    pub async fn read(
        &mut self,
        header: &Header,
        front: &[u8],
        back: Option<&[u8]>,
        deadline: Duration,
    ) -> Result<Answer, Ended> {
        let Ok(header) = serde_json::to_vec(header) else {
            return Err(self.end(false).await);
        };
        let exchange = async {
            send_frame(&mut self.stdin, &header).await?;
            send_frame(&mut self.stdin, front).await?;
            send_frame(&mut self.stdin, back.unwrap_or_default()).await?;
            self.stdin.flush().await?;
            receive_frame(&mut self.stdout).await
        };
        match tokio::time::timeout(deadline, exchange).await {
            Ok(Ok(frame)) => match serde_json::from_slice::<Answer>(&frame) {
                Ok(answer) => Ok(answer),
                Err(_) => Err(self.end(false).await),
            },
            Ok(Err(_)) => Err(self.end(false).await),
            Err(_) => Err(self.end(true).await),
        }
    }

    /// Kill the process (if it still runs), reap it, and say why it ended.
    async fn end(&mut self, timed_out: bool) -> Ended {
        let _ = self.child.start_kill();
        let status = tokio::time::timeout(Duration::from_secs(5), self.child.wait())
            .await
            .ok()
            .and_then(Result::ok);
        let tail = tokio::time::timeout(Duration::from_secs(1), &mut self.stderr_tail)
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        let cpu_budget = status.and_then(|s| s.code()) == Some(EXIT_CPU_BUDGET.into());
        classify(timed_out || cpu_budget, &tail)
    }
}

/// A 12 MP photo is a few MB: through the default 64 KiB pipe that is a
/// hundred wake-ups of each side, each one a wait for a core on a busy
/// machine. 1 MiB (Linux's default ceiling for unprivileged processes) cuts
/// that to a few. Best effort: a smaller pipe only costs time.
fn widen(pipe: &ChildStdin) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: F_SETPIPE_SZ on a pipe we own changes only its capacity.
        unsafe {
            libc::fcntl(pipe.as_raw_fd(), libc::F_SETPIPE_SZ, 1024 * 1024);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = pipe;
}

fn classify(out_of_time: bool, stderr_tail: &[u8]) -> Ended {
    if out_of_time {
        return Ended::Timeout;
    }
    let text = String::from_utf8_lossy(stderr_tail).to_ascii_lowercase();
    if OUT_OF_MEMORY.iter().any(|m| text.contains(m)) {
        Ended::OutOfMemory
    } else {
        Ended::Crashed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocator_messages_mean_out_of_memory() {
        let rust = b"memory allocation of 201326592 bytes failed\n";
        assert_eq!(classify(false, rust), Ended::OutOfMemory);
        let cpp = b"terminate called after throwing an instance of 'std::bad_alloc'\n";
        assert_eq!(classify(false, cpp), Ended::OutOfMemory);
        let overflow =
            b"thread 'reader' has overflowed its stack\nfatal runtime error: stack overflow\n";
        assert_eq!(classify(false, overflow), Ended::Crashed);
        assert_eq!(classify(false, b""), Ended::Crashed);
        assert_eq!(classify(true, rust), Ended::Timeout);
    }
}
