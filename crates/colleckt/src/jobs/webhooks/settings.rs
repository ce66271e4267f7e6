//! Webhook delivery settings: the retry schedule (CONTRACT §5: about 5 s,
//! 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), the private-address switch, the
//! request timeout, when a failing endpoint is disabled, and the concurrency.

use std::time::Duration;

/// Delays before the 2nd, 3rd, … attempt; after the last, the delivery fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrySchedule(pub Vec<Duration>);

impl Default for RetrySchedule {
    fn default() -> Self {
        let m = 60;
        let h = 60 * m;
        RetrySchedule(
            [5, 5 * m, 30 * m, 2 * h, 5 * h, 10 * h, 10 * h]
                .into_iter()
                .map(Duration::from_secs)
                .collect(),
        )
    }
}

impl RetrySchedule {
    /// The delay after `attempts` failed attempts, or `None` when they are used up.
    pub fn delay_after(&self, attempts: i64) -> Option<Duration> {
        let index = usize::try_from(attempts.checked_sub(1)?).ok()?;
        self.0.get(index).copied()
    }

    /// Attempts in all: the first one plus one per delay.
    pub fn max_attempts(&self) -> usize {
        self.0.len() + 1
    }
}

/// `5s,5m,30m,2h,5h,10h,10h` (units `ms`, `s`, `m`, `h`, `d`).
pub fn parse_schedule(text: &str) -> Result<RetrySchedule, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_duration)
        .collect::<Result<Vec<_>, _>>()
        .map(RetrySchedule)
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("`{text}` needs a unit (ms, s, m, h or d)"))?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number and a unit"))?;
    let millis = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(format!("`{text}`: the unit must be ms, s, m, h or d")),
    };
    n.checked_mul(millis)
        .map(Duration::from_millis)
        .ok_or_else(|| format!("`{text}` is too long"))
}

#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// `COLLECKT_WEBHOOK_ALLOW_PRIVATE=1`: http URLs and private, loopback and
    /// link-local addresses are allowed (tests, local development).
    pub allow_private: bool,
    pub schedule: RetrySchedule,
    /// Whole request: connect, send, and read the (capped) response.
    pub timeout: Duration,
    /// An endpoint failing continuously this long is disabled.
    pub disable_after: Duration,
    /// Requests in flight per process.
    pub concurrency: usize,
    /// How often an idle dispatcher looks for new events and due retries.
    pub poll: Duration,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        WebhookSettings {
            allow_private: false,
            schedule: RetrySchedule::default(),
            timeout: Duration::from_secs(10),
            disable_after: Duration::from_secs(5 * 86_400),
            concurrency: 64,
            poll: Duration::from_millis(100),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_schedule_is_the_contracts() {
        let s = RetrySchedule::default();
        assert_eq!(parse_schedule("5s,5m,30m,2h,5h,10h,10h").unwrap(), s);
        assert_eq!(s.max_attempts(), 8);
        assert_eq!(s.delay_after(1), Some(Duration::from_secs(5)));
        assert_eq!(s.delay_after(7), Some(Duration::from_secs(36_000)));
        assert_eq!(s.delay_after(8), None);
        assert_eq!(s.delay_after(0), None);
    }

    #[test]
    fn schedule_parsing_rejects_nonsense() {
        assert_eq!(
            parse_schedule("100ms, 1s").unwrap().0,
            vec![Duration::from_millis(100), Duration::from_secs(1)]
        );
        assert_eq!(parse_schedule("").unwrap().0, vec![]);
        for bad in ["5", "5x", "s", "-1s", "1.5s", "99999999999999999999d"] {
            assert!(parse_schedule(bad).is_err(), "{bad}");
        }
    }
}
