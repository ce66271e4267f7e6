-- Jobs that end: a job that used all its attempts and gave up stays as a
-- dead row (visible in /metrics) instead of being claimed forever or
-- deleted as if it had succeeded.
ALTER TABLE jobs ADD COLUMN dead_at INTEGER;
-- Attempt caps per kind (see store/src/job_kind.rs) for rows queued before.
UPDATE jobs SET max_attempts = 3 WHERE kind = 'pipeline' AND max_attempts > 3;
UPDATE jobs SET max_attempts = 40 WHERE kind = 'purge' AND max_attempts < 40;
