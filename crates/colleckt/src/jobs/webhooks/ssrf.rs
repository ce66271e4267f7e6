//! SSRF guard for webhook URLs. Unless private targets are allowed, a URL must
//! be https and every address its host resolves to must be public: not
//! private, loopback, link-local, CGNAT, multicast, documentation, the cloud
//! metadata addresses, nor an IPv4-mapped/-compatible, NAT64 or 6to4 form of
//! those. Checked when an endpoint is created and again on every delivery: the
//! dispatcher's HTTP client resolves through `GuardedResolver`, so the address
//! it connects to is exactly the one that was checked (no DNS rebinding gap).

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlRefused {
    #[error("The url must be a valid absolute URL.")]
    Invalid,
    #[error("The url must use https.")]
    NotHttps,
    #[error("The url must not contain a user name or password.")]
    Credentials,
    #[error("The url's host could not be resolved.")]
    Unresolvable,
    #[error(
        "The url resolves to a private, loopback, link-local or otherwise non-public address."
    )]
    PrivateAddress,
}

/// Whether a connection to `ip` is refused when private targets are not allowed.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local() // 169.254/16, with the metadata address 169.254.169.254
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64/10
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240 // reserved
}

fn forbidden_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(ip) {
        return forbidden_v4(v4);
    }
    let s = ip.segments();
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7, with fd00:ec2::254
        || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated) fec0::/10
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x2001 && s[1] == 0) // Teredo: hides an IPv4 address
        || (s[0] == 0x0100 && s[1..4] == [0, 0, 0]) // discard-only 100::/64
}

/// The IPv4 address an IPv6 address carries: mapped `::ffff:a.b.c.d`,
/// compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:AABB:CCDD::`.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let tail = || Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    if s[..6] == [0, 0, 0, 0, 0, 0] && !ip.is_loopback() && !ip.is_unspecified() {
        return Some(tail());
    }
    if s[0] == 0x0064 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return Some(tail());
    }
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    None
}

/// The syntactic checks: absolute http(s) URL with a host and no credentials;
/// https unless `allow_private`.
pub fn parse(url: &str, allow_private: bool) -> Result<url::Url, UrlRefused> {
    let parsed = url::Url::parse(url).map_err(|_| UrlRefused::Invalid)?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_private => {}
        "http" => return Err(UrlRefused::NotHttps),
        _ => return Err(UrlRefused::Invalid),
    }
    if parsed.host().is_none() {
        return Err(UrlRefused::Invalid);
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(UrlRefused::Credentials);
    }
    Ok(parsed)
}

/// The IP literal a URL names, if it names one.
pub fn literal_ip(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

/// The full check used at creation: syntax, then every resolved address.
pub async fn check_url(url: &str, allow_private: bool) -> Result<url::Url, UrlRefused> {
    let parsed = parse(url, allow_private)?;
    if allow_private {
        return Ok(parsed);
    }
    if let Some(ip) = literal_ip(&parsed) {
        return if is_forbidden(ip) {
            Err(UrlRefused::PrivateAddress)
        } else {
            Ok(parsed)
        };
    }
    let host = parsed.host_str().ok_or(UrlRefused::Invalid)?;
    resolve_public(host).await?;
    Ok(parsed)
}

/// Resolves `host`; refuses it if any of its addresses is forbidden.
async fn resolve_public(host: &str) -> Result<Vec<SocketAddr>, UrlRefused> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, 0))
        .await
        .map_err(|_| UrlRefused::Unresolvable)?
        .collect();
    if addrs.is_empty() {
        return Err(UrlRefused::Unresolvable);
    }
    if addrs.iter().any(|a| is_forbidden(a.ip())) {
        return Err(UrlRefused::PrivateAddress);
    }
    Ok(addrs)
}

/// The dispatcher's DNS: resolves and refuses hosts with a forbidden address,
/// so the connection goes to an address that passed the check.
#[derive(Debug, Clone, Copy)]
pub struct GuardedResolver {
    pub allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = if allow_private {
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect()
            } else {
                resolve_public(&host).await?
            };
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn private_and_special_addresses_are_forbidden() {
        for s in [
            "127.0.0.1",
            "127.1.2.3",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "169.254.0.1",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "0.1.2.3",
            "224.0.0.1",
            "255.255.255.255",
            "240.0.0.1",
            "192.0.2.1",
            "198.18.0.1",
            "::",
            "::1",
            "fd00:ec2::254",
            "fc00::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:10.0.0.1",
            "::ffff:7f00:1",
            "::127.0.0.1",
            "64:ff9b::10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2002:a9fe:a9fe::1",
            "2001:db8::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        ] {
            assert!(is_forbidden(ip(s)), "{s} must be refused");
        }
    }

    #[test]
    fn public_addresses_are_allowed() {
        for s in [
            "8.8.8.8",
            "93.184.216.34",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700:4700::1111",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(!is_forbidden(ip(s)), "{s} must be allowed");
        }
    }

    #[test]
    fn urls_are_checked_for_scheme_host_and_credentials() {
        assert_eq!(
            parse("http://example.com/", false),
            Err(UrlRefused::NotHttps)
        );
        assert!(parse("http://127.0.0.1:9/", true).is_ok());
        assert_eq!(parse("ftp://example.com/", true), Err(UrlRefused::Invalid));
        assert_eq!(parse("not a url", true), Err(UrlRefused::Invalid));
        assert_eq!(
            parse("https://u:p@example.com/", false),
            Err(UrlRefused::Credentials)
        );
        assert!(parse("https://example.com/hook?x=1", false).is_ok());
    }

    #[tokio::test]
    async fn literal_and_resolved_private_hosts_are_refused() {
        for url in [
            "https://127.0.0.1/",
            "https://[::1]/",
            "https://[::ffff:169.254.169.254]/",
            "https://169.254.169.254/latest/meta-data",
            "https://[fd00:ec2::254]/",
            "https://10.1.2.3:8443/x",
            "https://localhost/",
        ] {
            assert_eq!(
                check_url(url, false).await.err(),
                Some(UrlRefused::PrivateAddress),
                "{url}"
            );
        }
        assert!(check_url("https://93.184.216.34/", false).await.is_ok());
        assert!(check_url("http://localhost:1/", true).await.is_ok());
        let guarded = GuardedResolver {
            allow_private: false,
        };
        assert!(guarded.resolve("localhost".parse().unwrap()).await.is_err());
        let open = GuardedResolver {
            allow_private: true,
        };
        assert!(open.resolve("localhost".parse().unwrap()).await.is_ok());
    }
}
