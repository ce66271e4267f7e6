//! A rate limit as a setting: `COUNT/PERIOD` (e.g. `100/s`, `60/m`, `20/2m`)
//! is a bucket of COUNT requests that refills evenly over PERIOD, so COUNT
//! may come at once and then one every PERIOD/COUNT; `off` is no limit.

use governor::Quota;
use std::fmt;
use std::num::NonZeroU32;
use std::time::Duration;

/// Per API token, once authenticated.
pub const DEFAULT_API_RATE_LIMIT: &str = "6000/m";
/// Per client address, on every `/api`, `/files` and `/docs` request.
pub const DEFAULT_API_IP_RATE_LIMIT: &str = "12000/m";
/// Widget reads per session: a page load is two or three; then one a second.
pub const DEFAULT_WIDGET_RATE_LIMIT: &str = "60/m";
/// Widget uploads and submits per session: every side with retakes, then one per 6 s.
pub const DEFAULT_WIDGET_WRITE_RATE_LIMIT: &str = "20/2m";
/// Every widget request per client address, valid session or not.
pub const DEFAULT_WIDGET_IP_RATE_LIMIT: &str = "1200/m";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimit {
    Off,
    Every { count: NonZeroU32, per: Duration },
}

/// Largest COUNT accepted: past this a limit is no limit, say `off`.
const MAX_COUNT: u32 = 10_000_000;
/// Longest PERIOD accepted: a bucket that refills over more than a day is a
/// ban, not a rate.
const MAX_PERIOD: Duration = Duration::from_secs(86_400);

impl RateLimit {
    /// The governor quota (`None` when off).
    pub fn quota(self) -> Option<Quota> {
        match self {
            RateLimit::Off => None,
            RateLimit::Every { count, per } => {
                Quota::with_period(per / count.get()).map(|q| q.allow_burst(count))
            }
        }
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RateLimit::Off => f.write_str("off"),
            RateLimit::Every { count, per } => {
                let secs = per.as_secs();
                let (n, unit) = match secs {
                    s if s % 86_400 == 0 => (s / 86_400, "d"),
                    s if s % 3600 == 0 => (s / 3600, "h"),
                    s if s % 60 == 0 => (s / 60, "m"),
                    s => (s, "s"),
                };
                if n == 1 {
                    write!(f, "{count}/{unit}")
                } else {
                    write!(f, "{count}/{n}{unit}")
                }
            }
        }
    }
}

/// Parses `off` or `COUNT/PERIOD`, PERIOD being `s`, `m`, `h` or `d`,
/// optionally after a whole number (`10s`, `2m`).
pub fn parse_rate_limit(s: &str) -> Result<RateLimit, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("off") {
        return Ok(RateLimit::Off);
    }
    let bad = || format!("`{s}` is not a rate: use COUNT/PERIOD (e.g. 100/s, 60/m, 20/2m) or off");
    let (count, period) = s.split_once('/').ok_or_else(bad)?;
    let count: u32 = count.trim().parse().map_err(|_| bad())?;
    let count = NonZeroU32::new(count)
        .filter(|c| c.get() <= MAX_COUNT)
        .ok_or_else(|| format!("the count of `{s}` must be from 1 to {MAX_COUNT} (or say off)"))?;
    let period = period.trim();
    let split = period.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (n, unit) = period.split_at(split);
    let n: u64 = if n.is_empty() {
        1
    } else {
        n.parse().map_err(|_| bad())?
    };
    let unit_secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(bad()),
    };
    let per = Duration::from_secs(n.checked_mul(unit_secs).ok_or_else(bad)?);
    if per.is_zero() || per > MAX_PERIOD {
        return Err(format!("the period of `{s}` must be from 1s to 1d"));
    }
    Ok(RateLimit::Every { count, per })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_counts_periods_and_off() {
        let every = |c: u32, secs: u64| RateLimit::Every {
            count: NonZeroU32::new(c).unwrap(),
            per: Duration::from_secs(secs),
        };
        assert_eq!(parse_rate_limit("100/s"), Ok(every(100, 1)));
        assert_eq!(parse_rate_limit(" 60/m "), Ok(every(60, 60)));
        assert_eq!(parse_rate_limit("20/2m"), Ok(every(20, 120)));
        assert_eq!(parse_rate_limit("5/1h"), Ok(every(5, 3600)));
        assert_eq!(parse_rate_limit("OFF"), Ok(RateLimit::Off));
        for bad in [
            "",
            "0/s",
            "-1/s",
            "10",
            "10/",
            "10/x",
            "10/0s",
            "10/2",
            "a/s",
            "10/2d",
            "1/99999999999999999999s",
        ] {
            assert!(parse_rate_limit(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn displays_as_parsed() {
        for s in ["100/s", "60/m", "20/2m", "5/h", "7/d", "off", "3/90s"] {
            assert_eq!(parse_rate_limit(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn quota_is_a_burst_of_count_refilled_over_the_period() {
        let q = parse_rate_limit("20/2m").unwrap().quota().unwrap();
        assert_eq!(q.burst_size().get(), 20);
        assert_eq!(q.replenish_interval(), Duration::from_secs(6));
        assert!(RateLimit::Off.quota().is_none());
    }
}
