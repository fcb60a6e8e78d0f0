//! The client address of a request: the peer's, unless the peer is a trusted proxy
//! (`server.trusted_proxies`), in which case its `Forwarded` (RFC 7239) or, without one,
//! `X-Forwarded-For` header names it. The header is read from the right, each hop added
//! by the proxy before it: the right-most address that is not a trusted proxy is the
//! client, so whatever a client writes in the header itself (on the left) is never
//! believed. The login rate limiter and the request logs both use this address.

use std::net::IpAddr;

use actix_web::HttpRequest;
use actix_web::http::header::HeaderMap;
use actix_web::web;

use crate::Invalid;

/// One CIDR block, `10.0.0.0/8` or `2001:db8::/32`; a bare address is a block of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// Parses `ADDRESS[/PREFIX]`.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let text = text.trim();
        let (addr, prefix) = text.split_once('/').unwrap_or((text, ""));
        let network: IpAddr = addr
            .parse()
            .map_err(|_| Invalid(format!("{text:?} is not an IP address or CIDR block")))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = if prefix.is_empty() {
            max
        } else {
            prefix
                .parse()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| Invalid(format!("{text:?}: the prefix must be 0 to {max}")))?
        };
        Ok(Self { network, prefix })
    }

    /// Whether `ip` lies in the block (an IPv4-mapped IPv6 address counts as IPv4).
    #[must_use]
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        match (self.network, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => same_prefix(&n.octets(), &a.octets(), self.prefix),
            (IpAddr::V6(n), IpAddr::V6(a)) => same_prefix(&n.octets(), &a.octets(), self.prefix),
            _ => false,
        }
    }
}

fn same_prefix(a: &[u8], b: &[u8], prefix: u8) -> bool {
    let bits = usize::from(prefix);
    let (whole, rest) = (bits / 8, bits % 8);
    if a[..whole] != b[..whole] {
        return false;
    }
    if rest == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - rest);
    a[whole] & mask == b[whole] & mask
}

/// The proxies whose forwarding headers are believed; none by default. Registered as
/// app data (`web::Data<TrustedProxies>`) by the server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Cidr>);

impl TrustedProxies {
    /// Parses every entry; the first bad one is refused.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, Invalid> {
        entries
            .iter()
            .map(|e| Cidr::parse(e.as_ref()))
            .collect::<Result<_, _>>()
            .map(Self)
    }

    #[must_use]
    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|c| c.contains(ip))
    }

    /// The client address of a request from `peer` carrying `headers`.
    #[must_use]
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        for hop in forwarded_for(headers).iter().rev() {
            // An unreadable hop (`unknown`, an obfuscated name): the proxy after it is
            // the last address known.
            let Some(ip) = hop else {
                return client;
            };
            client = *ip;
            if !self.trusts(*ip) {
                return client;
            }
        }
        client
    }
}

/// The `for=` addresses of `Forwarded`, else the addresses of `X-Forwarded-For`, left to
/// right across repeated headers; `None` for a hop that is not an address.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<Option<IpAddr>> = values(headers, "forwarded")
        .flat_map(|v| v.split(',').map(str::to_owned).collect::<Vec<_>>())
        .filter_map(|element| for_param(&element).map(|node| parse_node(&node)))
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    values(headers, "x-forwarded-for")
        .flat_map(|v| v.split(',').map(parse_node).collect::<Vec<_>>())
        .collect()
}

fn values<'a>(headers: &'a HeaderMap, name: &'static str) -> impl Iterator<Item = &'a str> {
    headers.get_all(name).filter_map(|v| v.to_str().ok())
}

/// The `for` parameter of one `Forwarded` element (`for=1.2.3.4;proto=https`).
fn for_param(element: &str) -> Option<String> {
    element.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:4711` or `2001:db8::1` → the address.
fn parse_node(node: &str) -> Option<IpAddr> {
    let node = node.trim();
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    let (host, port) = node.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse().ok()
}

/// The client address of `req`: its peer, or what trusted proxies forwarded (see the
/// module). Empty when the peer is unknown (in-process tests without one).
#[must_use]
pub fn address(req: &HttpRequest) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return String::new();
    };
    match req.app_data::<web::Data<TrustedProxies>>() {
        Some(proxies) => proxies.client(peer, req.headers()).to_string(),
        None => peer.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn cidr_blocks() {
        let block = Cidr::parse("10.1.0.0/16").expect("cidr");
        assert!(block.contains(ip("10.1.200.3")));
        assert!(!block.contains(ip("10.2.0.1")));
        assert!(block.contains(ip("::ffff:10.1.0.9")));
        assert!(
            Cidr::parse("172.16.0.0/12")
                .expect("cidr")
                .contains(ip("172.31.255.1"))
        );
        assert!(
            Cidr::parse("2001:db8::/32")
                .expect("v6")
                .contains(ip("2001:db8:1::1"))
        );
        assert!(
            Cidr::parse("127.0.0.1")
                .expect("one")
                .contains(ip("127.0.0.1"))
        );
        assert!(
            Cidr::parse("0.0.0.0/0")
                .expect("all")
                .contains(ip("8.8.8.8"))
        );
        for bad in ["10.0.0.0/33", "proxy", "10.0.0/8", ""] {
            assert!(Cidr::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let proxies = TrustedProxies::parse(&["10.0.0.0/8"]).expect("valid");
        let spoofed = headers(&[("x-forwarded-for", "1.1.1.1"), ("forwarded", "for=1.1.1.1")]);
        assert_eq!(
            proxies.client(ip("203.0.113.9"), &spoofed),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse(&["10.0.0.0/8", "192.168.0.1"]).expect("valid");
        let peer = ip("10.0.0.2");
        // The client wrote 6.6.6.6 itself; the first proxy appended its peer 198.51.100.7.
        let xff = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 192.168.0.1")]);
        assert_eq!(proxies.client(peer, &xff), ip("198.51.100.7"));
        let fwd = headers(&[
            ("forwarded", "for=6.6.6.6"),
            (
                "forwarded",
                "for=\"198.51.100.7:4711\";proto=https, for=192.168.0.1",
            ),
        ]);
        assert_eq!(proxies.client(peer, &fwd), ip("198.51.100.7"));
        let v6 = headers(&[("forwarded", "for=\"[2001:db8::17]:4711\"")]);
        assert_eq!(proxies.client(peer, &v6), ip("2001:db8::17"));
        let unknown = headers(&[("forwarded", "for=unknown, for=192.168.0.1")]);
        assert_eq!(proxies.client(peer, &unknown), ip("192.168.0.1"));
        assert_eq!(proxies.client(peer, &HeaderMap::new()), peer);
    }
}
