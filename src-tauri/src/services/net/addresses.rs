//! Which IP addresses a request may go to, whatever the URL scope says.
//!
//! - Never: link-local (which holds the cloud metadata service at 169.254.169.254), other known
//!   metadata addresses, unspecified and "this network" (`0.0.0.0/8`, `::`), multicast and
//!   broadcast.
//! - Only once the user allowed them in Settings: the local networks — the private ranges
//!   (`10/8`, `172.16/12`, `192.168/16`, `fc00::/7`, the old site-local `fec0::/10`) and the
//!   shared range of carrier NAT (`100.64/10`). From an untrusted page a request there is a
//!   request into the user's LAN.
//! - Always: everything else, public addresses and loopback.
//!
//! An IPv4 address spelled as IPv6 is judged as the IPv4 address it carries: IPv4-mapped
//! (`::ffff:0:0/96`), IPv4-translated (`::ffff:0:0:0/96`), IPv4-compatible (`::/96`), NAT64
//! (`64:ff9b::/96`, and the local-use `64:ff9b:1::/48` in every layout of RFC 6052 that fits
//! it) and 6to4 (`2002::/16`). Nothing here connects anywhere.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, RwLock};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use crate::error::{Error, Result};
use crate::services::page::text::for_log;

/// The local networks: refused until the user allows a range inside one of them.
pub const LOCAL_RANGES: &[&str] = &[
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "fc00::/7",
    "fec0::/10",
];

/// Ranges the user may allow at once, at most.
pub const MAX_ALLOWED: usize = 32;

/// What a request to an address would be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Public or loopback: allowed.
    Open,
    /// In a local network (the range given): allowed only inside a range the user allowed.
    Local(IpNet),
    /// Never allowed.
    Refused,
}

/// The IPv4 addresses `ip` carries (none for a plain IPv6 address). One for the mapped,
/// translated, compatible, 6to4 and well-known NAT64 forms. For the local-use NAT64 prefix
/// `64:ff9b:1::/48` the prefix length is the network's choice, so one per RFC 6052 layout the
/// address fits (/48, /56, /64: the `u` octet and the suffix zero; /96 always), leaving out
/// those that give `0.0.0.0/8`, which no NAT64 translates to (`0.0.0.0` when none is left).
pub fn embedded_ipv4(ip: Ipv6Addr) -> Vec<Ipv4Addr> {
    let bits = u128::from(ip);
    // `len` bits of the address starting at bit `from` (bit 0 is the most significant).
    let take = |from: u32, len: u32| (bits >> (128 - from - len)) & ((1u128 << len) - 1);
    let v4 = |value: u128| Ipv4Addr::from(value as u32);
    let last32 = v4(take(96, 32));
    match ip.segments() {
        // IPv4-mapped ::ffff:a.b.c.d and IPv4-translated ::ffff:0:a.b.c.d.
        [0, 0, 0, 0, 0, 0xffff, _, _] | [0, 0, 0, 0, 0xffff, 0, _, _] => vec![last32],
        // IPv4-compatible ::a.b.c.d — but not :: and ::1, which are IPv6's own.
        [0, 0, 0, 0, 0, 0, _, _] if bits > 1 => vec![last32],
        // NAT64, the well-known prefix.
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => vec![last32],
        // NAT64, the local-use prefix.
        [0x64, 0xff9b, 1, ..] => {
            let u_zero = take(64, 8) == 0;
            let mut carried = Vec::new();
            if u_zero && take(88, 40) == 0 {
                carried.push(v4((take(48, 16) << 16) | take(72, 16)));
            }
            if u_zero && take(96, 32) == 0 {
                carried.push(v4((take(56, 8) << 24) | take(72, 24)));
            }
            if u_zero && take(104, 24) == 0 {
                carried.push(v4(take(72, 32)));
            }
            carried.push(last32);
            carried.retain(|ip| ip.octets()[0] != 0);
            if carried.is_empty() {
                carried.push(Ipv4Addr::UNSPECIFIED);
            }
            carried
        }
        // 6to4: 2002:AABB:CCDD::/48.
        [0x2002, ..] => vec![v4(take(16, 32))],
        _ => Vec::new(),
    }
}

/// How `ip` is treated (see the module's rules). An IPv6 address that carries IPv4 addresses
/// is judged as the strictest of them.
pub fn classify(ip: IpAddr) -> Class {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => {
            let carried = embedded_ipv4(v6);
            if carried.is_empty() {
                return classify_v6(v6);
            }
            let classes: Vec<Class> = carried.into_iter().map(classify_v4).collect();
            if classes.contains(&Class::Refused) {
                return Class::Refused;
            }
            classes
                .into_iter()
                .find(|c| matches!(c, Class::Local(_)))
                .unwrap_or(Class::Open)
        }
    }
}

fn classify_v4(ip: Ipv4Addr) -> Class {
    // 100.100.100.200 is Alibaba Cloud's metadata service (inside the shared range).
    if ip.is_link_local()
        || ip.octets()[0] == 0
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip == Ipv4Addr::new(100, 100, 100, 200)
    {
        return Class::Refused;
    }
    local_range(IpAddr::V4(ip)).map_or(Class::Open, Class::Local)
}

fn classify_v6(ip: Ipv6Addr) -> Class {
    // fe80::/10 is link-local; fd00:ec2::254 is the AWS metadata service over IPv6.
    if (ip.segments()[0] & 0xffc0) == 0xfe80
        || ip.is_unspecified()
        || ip.is_multicast()
        || ip == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254)
    {
        return Class::Refused;
    }
    local_range(IpAddr::V6(ip)).map_or(Class::Open, Class::Local)
}

fn local_ranges() -> impl Iterator<Item = IpNet> {
    LOCAL_RANGES
        .iter()
        .map(|r| r.parse().expect("the local ranges are valid"))
}

/// The local network `ip` is in, if any (`ip` as written: no unwrapping).
fn local_range(ip: IpAddr) -> Option<IpNet> {
    local_ranges().find(|range| range.contains(&ip))
}

/// `Ok` unless `ip` is never allowed (the local networks are judged by [`AddressPolicy`]).
pub fn check_refused(ip: IpAddr) -> Result<()> {
    match classify(ip) {
        Class::Refused => Err(refused(&ip.to_string())),
        _ => Ok(()),
    }
}

/// `outsideScope` for a host that is never allowed.
pub fn refused(host: &str) -> Error {
    Error::OutsideScope(format!(
        "{host} is a link-local, metadata or otherwise refused address"
    ))
}

/// Parses a range the user wants to allow: `a.b.c.d/n`, `x::/n`, or a single address. It must
/// lie inside one local network; host bits are cleared (`192.168.1.7/24` is `192.168.1.0/24`).
pub fn parse_local_range(text: &str) -> Result<IpNet> {
    let text = text.trim();
    let invalid = |why: &str| {
        Error::InvalidInput(format!(
            "{} is not a local network range: {why}",
            for_log(text)
        ))
    };
    if text.len() > 64 {
        return Err(invalid("too long"));
    }
    let range = match text.parse::<IpNet>() {
        Ok(range) => range.trunc(),
        Err(_) => match text.parse::<IpAddr>() {
            Ok(IpAddr::V4(ip)) => IpNet::V4(Ipv4Net::from(ip)),
            Ok(IpAddr::V6(ip)) => IpNet::V6(Ipv6Net::from(ip)),
            Err(_) => return Err(invalid("write it as 192.168.1.0/24 or fd12:3456::/48")),
        },
    };
    if local_ranges().any(|local| local.contains(&range)) {
        Ok(range)
    } else {
        Err(invalid(&format!(
            "only ranges inside {} can be allowed",
            LOCAL_RANGES.join(", ")
        )))
    }
}

/// The local network ranges the user allowed, shared by every check of the app (the URL checks
/// before a request, and the resolver that checks what a name resolves to). Cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    allowed: Arc<RwLock<Vec<IpNet>>>,
}

impl AddressPolicy {
    /// `Ok` when a request may go to `ip`: never to a refused address, to a local network only
    /// inside a range the user allowed, anywhere else always.
    pub fn check(&self, ip: IpAddr) -> Result<()> {
        match classify(ip) {
            Class::Open => Ok(()),
            Class::Refused => Err(refused(&ip.to_string())),
            Class::Local(network) => {
                if self.allows(ip) {
                    Ok(())
                } else {
                    Err(Error::OutsideScope(format!(
                "{ip} is in a local network ({network}); a page may reach it only once you \
                 allow its range in Settings"
            )))
                }
            }
        }
    }

    /// Whether a range the user allowed holds `ip` (or every IPv4 address it carries).
    fn allows(&self, ip: IpAddr) -> bool {
        let allowed = self
            .allowed
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let held = |ip: IpAddr| allowed.iter().any(|range| range.contains(&ip));
        match ip {
            IpAddr::V6(v6) if !embedded_ipv4(v6).is_empty() => embedded_ipv4(v6)
                .into_iter()
                .filter(|v4| matches!(classify_v4(*v4), Class::Local(_)))
                .all(|v4| held(IpAddr::V4(v4))),
            ip => held(ip),
        }
    }

    /// The allowed ranges, in the order they were added.
    pub fn allowed(&self) -> Vec<IpNet> {
        self.allowed
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn set(&self, ranges: Vec<IpNet>) {
        *self
            .allowed
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = ranges;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn v6(s: &str) -> Ipv6Addr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv4_spelled_as_ipv6_is_unwrapped() {
        let one = |s: &str| embedded_ipv4(v6(s));
        let a = Ipv4Addr::new(10, 1, 2, 3);
        assert_eq!(one("::ffff:10.1.2.3"), [a], "mapped");
        assert_eq!(one("::ffff:0:10.1.2.3"), [a], "translated");
        assert_eq!(one("::10.1.2.3"), [a], "compatible");
        assert_eq!(one("64:ff9b::10.1.2.3"), [a], "NAT64");
        assert_eq!(one("64:ff9b::a01:203"), [a], "NAT64 in hex");
        assert_eq!(one("2002:a01:203::1"), [a], "6to4");
        assert_eq!(one("2002:a01:203:ffff:ffff::"), [a], "6to4, any suffix");
        // Local-use NAT64: the /96 layout, and the /48 layout (v4 split around the u octet).
        // Local-use NAT64: each RFC 6052 layout the address fits.
        assert_eq!(one("64:ff9b:1::10.1.2.3"), [a], "/96 layout only");
        let l48 = one("64:ff9b:1:a01:2:300::");
        assert_eq!(l48[0], a, "/48 layout: {l48:?}");
        assert_eq!(one("64:ff9b:1:a:1:203::")[0], a, "/56 layout");
        assert!(one("64:ff9b:1:0:a:102:300:0").contains(&a), "/64 layout");
        assert_eq!(
            one("64:ff9b:1::"),
            [Ipv4Addr::UNSPECIFIED],
            "carries nothing reachable"
        );
        // IPv6's own addresses carry nothing.
        for plain in [
            "::",
            "::1",
            "2001:db8::1",
            "fe80::1",
            "64:ff9b:2::1",
            "2003::1",
        ] {
            assert!(one(plain).is_empty(), "{plain}");
        }
    }

    #[test]
    fn every_spelling_of_a_refused_or_local_address_is_judged_as_that_address() {
        let refused = [
            "169.254.169.254",
            "::ffff:169.254.169.254",
            "::ffff:0:169.254.169.254",
            "::169.254.169.254",
            "64:ff9b::169.254.169.254",
            "64:ff9b:1::169.254.169.254",
            "64:ff9b:1:a9fe:a9:fe00::",
            "2002:a9fe:a9fe::",
            "100.100.100.200",
            "2002:6464:64c8::1",
            "0.0.0.0",
            "0.1.2.3",
            "::",
            "fe80::1",
            "fd00:ec2::254",
            "224.0.0.1",
            "ff02::1",
            "255.255.255.255",
            "::ffff:255.255.255.255",
        ];
        for s in refused {
            assert_eq!(classify(ip(s)), Class::Refused, "{s}");
            assert_eq!(
                check_refused(ip(s)).unwrap_err().kind(),
                ErrorKind::OutsideScope
            );
        }
        let local = [
            ("10.0.0.1", "10.0.0.0/8"),
            ("172.16.0.1", "172.16.0.0/12"),
            ("172.31.255.254", "172.16.0.0/12"),
            ("192.168.1.1", "192.168.0.0/16"),
            ("100.64.0.1", "100.64.0.0/10"),
            ("100.127.255.254", "100.64.0.0/10"),
            ("fc00::1", "fc00::/7"),
            ("fd12:3456::1", "fc00::/7"),
            ("fec0::1", "fec0::/10"),
            ("::ffff:192.168.1.1", "192.168.0.0/16"),
            ("::ffff:0:10.0.0.1", "10.0.0.0/8"),
            ("::10.0.0.1", "10.0.0.0/8"),
            ("64:ff9b::192.168.1.1", "192.168.0.0/16"),
            ("64:ff9b:1::172.16.0.1", "172.16.0.0/12"),
            ("2002:c0a8:101::", "192.168.0.0/16"),
            ("2002:6440:1::", "100.64.0.0/10"),
        ];
        for (s, range) in local {
            assert_eq!(classify(ip(s)), Class::Local(range.parse().unwrap()), "{s}");
            assert!(check_refused(ip(s)).is_ok(), "{s}");
        }
        let open = [
            "127.0.0.1",
            "127.5.5.5",
            "::1",
            "93.184.216.34",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:93.184.216.34",
            "64:ff9b::93.184.216.34",
            "2002:5db8:d822::",
        ];
        for s in open {
            assert_eq!(classify(ip(s)), Class::Open, "{s}");
        }
    }

    #[test]
    fn local_networks_are_refused_until_their_range_is_allowed() {
        let policy = AddressPolicy::default();
        for s in [
            "192.168.1.20",
            "::ffff:192.168.1.20",
            "64:ff9b::192.168.1.20",
            "2002:c0a8:114::",
        ] {
            let err = policy.check(ip(s)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::OutsideScope, "{s}");
            assert!(err.to_string().contains("192.168.0.0/16"), "{err}");
        }
        assert!(policy.check(ip("127.0.0.1")).is_ok());
        assert!(policy.check(ip("93.184.216.34")).is_ok());

        let shared = policy.clone();
        shared.set(vec!["192.168.1.0/24".parse().unwrap()]);
        for s in [
            "192.168.1.20",
            "::ffff:192.168.1.20",
            "64:ff9b::192.168.1.20",
            "2002:c0a8:114::",
        ] {
            assert!(
                policy.check(ip(s)).is_ok(),
                "{s}: the clone shares the ranges"
            );
        }
        for s in ["192.168.2.20", "10.0.0.1", "fd00::1", "169.254.169.254"] {
            assert_eq!(
                policy.check(ip(s)).unwrap_err().kind(),
                ErrorKind::OutsideScope,
                "{s}"
            );
        }
        // Allowing the whole shared range never allows the metadata address inside it.
        policy.set(vec!["100.64.0.0/10".parse().unwrap()]);
        assert!(policy.check(ip("100.64.0.1")).is_ok());
        assert!(policy.check(ip("100.100.100.200")).is_err());
    }

    #[test]
    fn only_ranges_inside_a_local_network_can_be_allowed() {
        let net = |s: &str| s.parse::<IpNet>().unwrap();
        assert_eq!(
            parse_local_range("192.168.1.7/24").unwrap(),
            net("192.168.1.0/24")
        );
        assert_eq!(
            parse_local_range(" 10.0.0.0/8 ").unwrap(),
            net("10.0.0.0/8")
        );
        assert_eq!(parse_local_range("10.1.2.3").unwrap(), net("10.1.2.3/32"));
        assert_eq!(
            parse_local_range("fd12:3456::/48").unwrap(),
            net("fd12:3456::/48")
        );
        assert_eq!(
            parse_local_range("100.64.0.0/10").unwrap(),
            net("100.64.0.0/10")
        );
        let long = "1".repeat(100_000);
        for bad in [
            "",
            "lan",
            "8.8.8.0/24",
            "0.0.0.0/0",
            "::/0",
            "10.0.0.0/7",
            "172.0.0.0/8",
            "169.254.0.0/16",
            "127.0.0.0/8",
            "::1",
            "fe80::/10",
            "ff00::/8",
            "10.0.0.0/33",
            "::ffff:10.0.0.0/104",
            "64:ff9b::a00:0/104",
            "192.168.1.0/24; rm -rf /",
            long.as_str(),
        ] {
            let err = parse_local_range(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad:.20}");
            assert!(err.to_string().len() < 400);
        }
    }
}
