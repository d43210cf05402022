//! Which URLs the network commands (`download`, `fetch_data`) may reach.
//!
//! The allowed and denied URL patterns come from the calling window's capability (the command
//! reads them through Tauri's `CommandScope`, as Tauri's http plugin does); a deny entry wins.
//! What holds whatever a capability says lives here too: http and https only, no credentials
//! in the URL, and never a link-local, cloud-metadata, unspecified, multicast or broadcast
//! address — checked on IP literals here, and on every resolved name by the HTTP client
//! (which also refuses the local networks the user did not allow: `services::net::addresses`).

use std::net::IpAddr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer};
use url::{Host, Url};
use urlpattern::{UrlPattern, UrlPatternInit, UrlPatternMatchInput};

use crate::error::{Error, Result};
use crate::services::net::addresses;

/// The longest URL the commands take, in bytes.
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// Host names of cloud metadata services (their addresses are refused as well).
const METADATA_HOSTS: &[&str] = &["metadata.google.internal", "metadata.goog"];

// #region recipe:capabilities
/// One `{ "url": "<pattern>" }` entry of a capability's scope, a URL pattern
/// (<https://urlpattern.spec.whatwg.org/>). A pattern without a path, query or fragment
/// matches every one (`https://*` is every https URL), as Tauri's own remote URL patterns do.
#[derive(Debug)]
pub struct UrlEntry {
    pattern: UrlPattern,
}
// #endregion recipe:capabilities

impl UrlEntry {
    pub fn parse(pattern: &str) -> std::result::Result<Self, urlpattern::quirks::Error> {
        let mut init = UrlPatternInit::parse_constructor_string::<regex::Regex>(pattern, None)?;
        for part in [&mut init.search, &mut init.hash] {
            if part.as_deref().map_or(true, str::is_empty) {
                *part = Some("*".into());
            }
        }
        if init
            .pathname
            .as_deref()
            .map_or(true, |p| p.is_empty() || p == "/")
        {
            init.pathname = Some("*".into());
        }
        Ok(Self {
            pattern: UrlPattern::parse(init, Default::default())?,
        })
    }

    fn matches(&self, url: &Url) -> bool {
        self.pattern
            .test(UrlPatternMatchInput::Url(url.clone()))
            .unwrap_or(false)
    }
}

// #region recipe:capabilities
impl<'de> Deserialize<'de> for UrlEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            url: String,
        }
        let raw = Raw::deserialize(deserializer)?;
        Self::parse(&raw.url).map_err(|e| {
            serde::de::Error::custom(format!("`{}` is not a URL pattern: {e}", raw.url))
        })
    }
}
// #endregion recipe:capabilities

/// The URLs one call may reach: allowed by an entry, denied by none, and within the rules above.
#[derive(Debug, Clone, Default)]
pub struct UrlScope {
    allow: Vec<Arc<UrlEntry>>,
    deny: Vec<Arc<UrlEntry>>,
}

impl UrlScope {
    pub fn new(allow: Vec<Arc<UrlEntry>>, deny: Vec<Arc<UrlEntry>>) -> Self {
        Self { allow, deny }
    }

    /// A scope from pattern strings, as a capability would list them.
    pub fn from_patterns(
        allow: &[&str],
        deny: &[&str],
    ) -> std::result::Result<Self, urlpattern::quirks::Error> {
        let entries = |patterns: &[&str]| {
            patterns
                .iter()
                .map(|p| UrlEntry::parse(p).map(Arc::new))
                .collect::<std::result::Result<Vec<_>, _>>()
        };
        Ok(Self::new(entries(allow)?, entries(deny)?))
    }

    // #region recipe:capabilities
    /// `Ok` when a request to `url` may be sent (before it is, and again for every redirect).
    pub fn check(&self, url: &Url) -> Result<()> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::OutsideScope(format!(
                "only http and https URLs can be fetched, not {}:",
                url.scheme()
            )));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::InvalidInput(
                "a URL must not carry a user name or password".into(),
            ));
        }
        match url.host() {
            None => return Err(Error::InvalidInput("the URL has no host".into())),
            Some(Host::Ipv4(ip)) => check_address(IpAddr::V4(ip))?,
            Some(Host::Ipv6(ip)) => check_address(IpAddr::V6(ip))?,
            Some(Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                if METADATA_HOSTS.contains(&name.as_str()) {
                    return Err(refused(&name));
                }
            }
        }
        let denied = self.deny.iter().any(|entry| entry.matches(url));
        if denied || !self.allow.iter().any(|entry| entry.matches(url)) {
            return Err(Error::OutsideScope(format!(
                "{} is not in this window's URL scope",
                url.origin().ascii_serialization()
            )));
        }
        Ok(())
    }
    // #endregion recipe:capabilities
}

/// Parses what the page sent as a URL (`invalidInput` when it is not one).
pub fn parse_url(text: &str) -> Result<Url> {
    if text.len() > MAX_URL_BYTES {
        return Err(Error::InvalidInput(format!(
            "the URL is over {MAX_URL_BYTES} bytes"
        )));
    }
    Url::parse(text.trim()).map_err(|e| Error::InvalidInput(format!("not a URL: {e}")))
}

/// `Ok` unless `ip` is an address no request may go to, whatever the scope: link-local (which
/// holds the cloud metadata services at 169.254.169.254), other known metadata addresses,
/// unspecified (`0.0.0.0` reaches this machine), multicast and broadcast. An IPv4 address
/// written as IPv6 (`::ffff:169.254.169.254`, NAT64, 6to4, IPv4-compatible) is judged as the
/// IPv4 address it is (see `services::net::addresses`). The local networks are judged by the
/// client's `AddressPolicy`, which knows the ranges the user allowed.
pub fn check_address(ip: IpAddr) -> Result<()> {
    addresses::check_refused(ip)
}

fn refused(host: &str) -> Error {
    addresses::refused(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn scope(allow: &[&str], deny: &[&str]) -> UrlScope {
        UrlScope::from_patterns(allow, deny).unwrap()
    }

    fn kind(scope: &UrlScope, url: &str) -> Option<ErrorKind> {
        scope
            .check(&parse_url(url).unwrap())
            .err()
            .map(|e| e.kind())
    }

    #[test]
    fn a_pattern_without_a_path_allows_every_path_and_query() {
        let scope = scope(&["https://*", "http://127.0.0.1:*"], &[]);
        for url in [
            "https://example.com",
            "https://example.com/a/b.zip?x=1#f",
            "http://127.0.0.1:8080/file",
        ] {
            assert_eq!(kind(&scope, url), None, "{url}");
        }
        for url in [
            "http://example.com/",
            "http://127.0.0.2/",
            "http://localhost/",
        ] {
            assert_eq!(kind(&scope, url), Some(ErrorKind::OutsideScope), "{url}");
        }
    }

    #[test]
    fn a_deny_entry_wins() {
        let scope = scope(
            &["http://127.0.0.1:9/files/*"],
            &["http://127.0.0.1:9/files/private*"],
        );
        assert_eq!(kind(&scope, "http://127.0.0.1:9/files/a.bin"), None);
        assert_eq!(
            kind(&scope, "http://127.0.0.1:9/files/private.bin"),
            Some(ErrorKind::OutsideScope)
        );
        assert_eq!(
            kind(&scope, "http://127.0.0.1:9/other"),
            Some(ErrorKind::OutsideScope)
        );
        assert_eq!(
            kind(&UrlScope::default(), "https://example.com/"),
            Some(ErrorKind::OutsideScope),
            "an empty scope allows nothing"
        );
    }

    #[test]
    fn only_http_and_https_without_credentials() {
        let scope = scope(&["*://*"], &[]);
        for url in [
            "file:///etc/passwd",
            "ftp://example.com/x",
            "data:text/plain,hi",
        ] {
            assert_eq!(kind(&scope, url), Some(ErrorKind::OutsideScope), "{url}");
        }
        assert_eq!(
            kind(&scope, "https://user:pw@example.com/"),
            Some(ErrorKind::InvalidInput)
        );
    }

    #[test]
    fn link_local_metadata_and_unspecified_addresses_are_refused_even_when_allowed() {
        let scope = scope(&["http://*", "https://*"], &[]);
        for url in [
            "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:169.254.169.254]/",
            "http://[fe80::1]/",
            "http://[fd00:ec2::254]/",
            "http://100.100.100.200/",
            "http://0.0.0.0:8080/",
            "http://[::]/",
            "http://224.0.0.1/",
            "http://255.255.255.255/",
            "https://metadata.google.internal/computeMetadata/v1/",
            "https://METADATA.google.internal./",
        ] {
            assert_eq!(kind(&scope, url), Some(ErrorKind::OutsideScope), "{url}");
        }
        for ip in ["127.0.0.1", "::1", "192.168.1.10", "93.184.216.34"] {
            assert!(check_address(ip.parse().unwrap()).is_ok(), "{ip}");
        }
    }

    #[test]
    fn ipv4_spelled_as_ipv6_is_refused_like_the_ipv4_address() {
        let scope = scope(&["http://*:*", "https://*:*"], &[]);
        for url in [
            "http://[::ffff:169.254.169.254]/",
            "http://[::169.254.169.254]/",
            "http://[64:ff9b::169.254.169.254]/",
            "http://[64:ff9b:1::a9fe:a9fe]/",
            "http://[2002:a9fe:a9fe::1]/",
            "https://[64:ff9b::100.100.100.200]:443/",
            "https://[2002:0:1::]/",
        ] {
            assert_eq!(kind(&scope, url), Some(ErrorKind::OutsideScope), "{url}");
        }
    }

    #[test]
    fn https_on_the_default_port_only_as_the_main_capability_says() {
        let scope = scope(&["https://*:443", "http://127.0.0.1:*"], &[]);
        for url in [
            "https://example.com/",
            "https://example.com:443/a.zip",
            "https://EXAMPLE.com./x?y#z",
            "https://[2606:4700::1111]/",
        ] {
            assert_eq!(kind(&scope, url), None, "{url}");
        }
        for url in [
            "https://example.com:8443/",
            "https://example.com:80/",
            "https://example.com:1/",
            "https://[2606:4700::1111]:444/",
        ] {
            assert_eq!(kind(&scope, url), Some(ErrorKind::OutsideScope), "{url}");
        }
        // The bare `https://*` matches the default port alone as well; `*:*` is every port.
        assert_eq!(
            kind(
                &self::scope(&["https://*"], &[]),
                "https://example.com:8443/"
            ),
            Some(ErrorKind::OutsideScope)
        );
        assert_eq!(
            kind(
                &self::scope(&["https://*:*"], &[]),
                "https://example.com:8443/"
            ),
            None
        );
    }

    #[test]
    fn what_is_not_a_url_is_invalid_input() {
        for text in ["", "not a url", "http://", "//example.com/x"] {
            let kind = parse_url(text).and_then(|url| scope(&["*://*"], &[]).check(&url));
            assert_eq!(
                kind.unwrap_err().kind(),
                ErrorKind::InvalidInput,
                "{text:?}"
            );
        }
        let long = format!("https://example.com/{}", "a".repeat(MAX_URL_BYTES));
        assert_eq!(
            parse_url(&long).unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }

    #[test]
    fn a_bad_pattern_in_a_capability_is_a_clear_error() {
        let bad: std::result::Result<UrlEntry, _> =
            serde_json::from_value(serde_json::json!({ "url": "https://(" }));
        assert!(bad
            .unwrap_err()
            .to_string()
            .contains("is not a URL pattern"));
        let good: UrlEntry =
            serde_json::from_value(serde_json::json!({ "url": "https://*.example.com" })).unwrap();
        assert!(good.matches(&parse_url("https://a.example.com/x").unwrap()));
        assert!(!good.matches(&parse_url("https://example.org/").unwrap()));
    }
}
