//! What the queue knows about each kind of job: its name in the `jobs.kind`
//! column, how many attempts it gets, how long to wait between them, and how
//! long one attempt may hold its lease. A kind's policy lives here, next to
//! the claim that enforces it, so no job can run (or be renewed) forever.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Reads a submitted verification's documents and decides it.
    Pipeline,
    /// Removes a soft-deleted verification's images and rows after retention.
    Purge,
    /// Deletes object-storage keys no row points to any more (replaced or
    /// removed documents).
    PurgeObjects,
}

impl JobKind {
    pub const ALL: [JobKind; 3] = [JobKind::Pipeline, JobKind::Purge, JobKind::PurgeObjects];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Pipeline => "pipeline",
            JobKind::Purge => "purge",
            JobKind::PurgeObjects => "purge_objects",
        }
    }

    pub fn parse(s: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A pipeline job that fails three times will fail a fourth: a person
    /// decides instead. A purge must happen eventually (the law and the
    /// retention promise say so): about eight days of retries.
    pub fn max_attempts(self) -> i64 {
        match self {
            JobKind::Pipeline => 3,
            JobKind::Purge | JobKind::PurgeObjects => 40,
        }
    }

    /// Wait after the `attempts`-th failure: doubling from a base, capped.
    pub fn backoff(self, attempts: i64) -> Duration {
        let (base, cap) = match self {
            JobKind::Pipeline => (Duration::from_secs(10), Duration::from_secs(600)),
            // 1 min, 2, 4 … 256 min, then every 6 h: 40 attempts ≈ 8 days.
            JobKind::Purge | JobKind::PurgeObjects => {
                (Duration::from_secs(60), Duration::from_secs(6 * 3600))
            }
        };
        let exp = (attempts.max(1) - 1).min(20) as u32;
        base.saturating_mul(2u32.saturating_pow(exp)).min(cap)
    }

    /// How long one attempt may run: its lease is not renewed past this, so
    /// a stuck attempt (a read that never returns) is taken over and counted.
    pub fn deadline(self) -> Duration {
        match self {
            JobKind::Pipeline => Duration::from_secs(10 * 60),
            JobKind::Purge | JobKind::PurgeObjects => Duration::from_secs(30 * 60),
        }
    }
}

impl std::fmt::Display for JobKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in JobKind::ALL {
            assert_eq!(JobKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(JobKind::parse("nope"), None);
    }

    #[test]
    fn purge_retries_for_about_eight_days() {
        let k = JobKind::Purge;
        let total: Duration = (1..k.max_attempts()).map(|a| k.backoff(a)).sum();
        let days = total.as_secs_f64() / 86_400.0;
        assert!((7.0..10.0).contains(&days), "{days} days");
        assert_eq!(k.backoff(1), Duration::from_secs(60));
        assert_eq!(k.backoff(39), Duration::from_secs(6 * 3600));
    }

    #[test]
    fn pipeline_gives_up_quickly() {
        assert_eq!(JobKind::Pipeline.max_attempts(), 3);
        assert_eq!(JobKind::Pipeline.backoff(2), Duration::from_secs(20));
    }
}
