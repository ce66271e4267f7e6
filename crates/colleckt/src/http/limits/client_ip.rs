//! Which address a request comes from. The TCP peer, unless the peer is one of
//! the operator's trusted proxies (`--trusted-proxies`): then the right-most
//! `X-Forwarded-For` hop that is not a trusted proxy, since every hop left of
//! the first untrusted one was written by the client and proves nothing.
//! Buckets are keyed by [`bucket_key`]: an IPv6 client by its /64, which one
//! host usually holds whole.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

/// An address block, `10.0.0.0/8` or `fd00::/8` (a bare address is a block of one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                mask_v4(u32::from(ip), self.prefix) == u32::from(net)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                mask_v6(u128::from(ip), self.prefix) == u128::from(net)
            }
            _ => false,
        }
    }
}

fn mask_v4(bits: u32, prefix: u8) -> u32 {
    // A shift by the full width (prefix 0) is None: nothing is kept.
    bits & u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0)
}

fn mask_v6(bits: u128, prefix: u8) -> u128 {
    bits & u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0)
}

impl FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Cidr, String> {
        let s = s.trim();
        let bad =
            || format!("`{s}` is not an address block (e.g. 10.0.0.0/8, fd00::/8, 127.0.0.1)");
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr = canonical(addr.parse::<IpAddr>().map_err(|_| bad())?);
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(bad)?,
            None => max,
        };
        let network = match addr {
            IpAddr::V4(v4) => IpAddr::V4(mask_v4(u32::from(v4), prefix).into()),
            IpAddr::V6(v6) => IpAddr::V6(mask_v6(u128::from(v6), prefix).into()),
        };
        Ok(Cidr { network, prefix })
    }
}

/// A list of address blocks (an alias, so that clap takes it as one value).
pub type Cidrs = Vec<Cidr>;

/// A comma-separated list of blocks; empty is none.
pub fn parse_cidrs(s: &str) -> Result<Vec<Cidr>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(str::parse)
        .collect()
}

/// An IPv4-mapped IPv6 address is the IPv4 address it maps.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// One `X-Forwarded-For` hop: an address, perhaps with a port or brackets.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            hop.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .and_then(|h| h.parse().ok())
        })
}

/// The client's address, from the peer and the `X-Forwarded-For` values in
/// the order they came (each a comma-separated list of hops).
pub fn client_ip<'a>(
    peer: IpAddr,
    forwarded_for: impl Iterator<Item = &'a str>,
    trusted: &[Cidr],
) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    let mut current = canonical(peer);
    if !is_trusted(current) {
        return current;
    }
    let hops: Vec<&str> = forwarded_for.flat_map(|v| v.split(',')).collect();
    for hop in hops.into_iter().rev() {
        // An unreadable hop ends what can be believed: the proxy that passed
        // it on is the client as far as we can tell.
        let Some(ip) = parse_hop(hop) else {
            return current;
        };
        current = canonical(ip);
        if !is_trusted(current) {
            return current;
        }
    }
    current
}

/// What a per-address bucket is keyed by: an IPv4 address, or an IPv6 /64.
pub fn bucket_key(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(mask_v6(u128::from(v6), 64))),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn blocks_parse_mask_and_match() {
        let c: Cidr = "10.1.2.3/8".parse().unwrap();
        assert!(c.contains(ip("10.200.0.1")));
        assert!(!c.contains(ip("11.0.0.1")));
        assert!(c.contains(ip("::ffff:10.0.0.9")), "mapped IPv4 is IPv4");
        let all: Cidr = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("203.0.113.9")));
        assert!(!all.contains(ip("2001:db8::1")));
        let one: Cidr = "127.0.0.1".parse().unwrap();
        assert!(one.contains(ip("127.0.0.1")) && !one.contains(ip("127.0.0.2")));
        let v6: Cidr = "fd00::/8".parse().unwrap();
        assert!(v6.contains(ip("fd12:3456::1")) && !v6.contains(ip("fe80::1")));
        for bad in ["", "10.0.0.0/33", "::/129", "host/8", "10.0.0.0/x"] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad}");
        }
        assert_eq!(parse_cidrs(" 10.0.0.0/8, ::1 ,").unwrap().len(), 2);
        assert!(parse_cidrs("").unwrap().is_empty());
    }

    #[test]
    fn untrusted_peer_is_the_client_whatever_the_header_says() {
        let trusted = parse_cidrs("10.0.0.0/8").unwrap();
        let got = client_ip(ip("198.51.100.7"), ["1.2.3.4"].into_iter(), &trusted);
        assert_eq!(got, ip("198.51.100.7"));
        assert_eq!(
            client_ip(ip("10.0.0.1"), ["1.2.3.4"].into_iter(), &[]),
            ip("10.0.0.1"),
            "no trusted proxies: the header is ignored"
        );
    }

    #[test]
    fn trusted_proxy_gives_the_last_untrusted_hop() {
        let trusted = parse_cidrs("10.0.0.0/8, 192.168.0.0/16").unwrap();
        let peer = ip("10.0.0.1");
        // The client spoofs a first hop; our proxies appended the rest.
        let xff = ["6.6.6.6, 203.0.113.5", "192.168.1.1"];
        assert_eq!(
            client_ip(peer, xff.into_iter(), &trusted),
            ip("203.0.113.5")
        );
        assert_eq!(
            client_ip(peer, ["[2001:db8::5]:443"].into_iter(), &trusted),
            ip("2001:db8::5")
        );
        assert_eq!(
            client_ip(peer, ["203.0.113.5, garbage"].into_iter(), &trusted),
            peer,
            "an unreadable hop stops at the proxy that passed it"
        );
        assert_eq!(
            client_ip(peer, ["10.9.9.9"].into_iter(), &trusted),
            ip("10.9.9.9"),
            "all hops trusted: the farthest one"
        );
        assert_eq!(client_ip(peer, std::iter::empty(), &trusted), peer);
    }

    #[test]
    fn ipv6_clients_share_a_bucket_per_64() {
        assert_eq!(bucket_key(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(bucket_key(ip("::ffff:1.2.3.4")), ip("1.2.3.4"));
        assert_eq!(bucket_key(ip("1.2.3.4")), ip("1.2.3.4"));
    }
}
