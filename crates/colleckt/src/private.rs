//! Files the service creates hold government ID images (sealed, but still)
//! and the key that opens them: they are owner-only. The umask is set once
//! at start, before any thread, so the SQLite database, its journal, object
//! files and directories are all created 0600/0700 whatever the caller's
//! umask was.

/// Sets the process umask to 077 (a no-op off Unix).
pub fn owner_only_files() {
    #[cfg(unix)]
    // SAFETY: umask only changes this process's file-creation mask; it is
    // called before the runtime starts any thread.
    unsafe {
        libc::umask(0o077);
    }
}
