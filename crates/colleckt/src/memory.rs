//! Process-wide memory settings, applied once at start before any thread.
//!
//! glibc gives each thread that contends for the heap an arena of its own, up
//! to eight per core, and never hands memory freed in one arena to another.
//! Document reads run on whichever blocking thread tokio picks, each one
//! holding a 12 MP frame and its crops for a moment, so every thread's arena
//! grows to that peak and keeps it: with two workers the bench measured
//! 401–420 MB peak RSS (bench/pipeline/run), and 227 MB with two arenas, at
//! the same speed (p50 0.27 s both ways).

/// Arenas for the whole process: one per reading slot of a 2-core machine,
/// which is where the contention is; more only spreads the high-water mark.
const MALLOC_ARENAS: i32 = 2;

/// Cap glibc's malloc arenas (a no-op elsewhere). An operator's own
/// `MALLOC_ARENA_MAX` wins: this only sets the cap when that is unset.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator parameter; it is called
        // before the runtime starts any thread.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, MALLOC_ARENAS);
        }
    }
}
