//! The one HTTP client of the network commands: reqwest with rustls (webpki roots, so it
//! works the same on every platform), a connect timeout, a stall timeout on every wait for
//! the server, and a size cap on every body.
//!
//! Two things are done here rather than by reqwest, so the URL scope holds: redirects are
//! followed one hop at a time, each hop checked against the scope and the address policy and
//! counted; and names are resolved by a resolver that drops refused addresses (link-local,
//! metadata …, and the local networks the user did not allow), so a name that points at one is
//! refused too. No proxy is used: it would resolve names out of sight.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::LOCATION;
use reqwest::Response;
use url::Url;

use crate::error::{Error, Result};
use crate::services::net::addresses::AddressPolicy;
use crate::services::net::url_scope::UrlScope;

/// The bounds of network work. [`NetLimits::default`] is what the app uses; tests shorten them.
#[derive(Debug, Clone)]
pub struct NetLimits {
    /// Longest wait for a connection (name lookup included).
    pub connect_timeout: Duration,
    /// Longest wait for the response head or for the next piece of the body.
    pub stall_timeout: Duration,
    /// Most redirects one request follows.
    pub max_redirects: usize,
    /// Largest body `fetch_data` returns.
    pub max_fetch_bytes: u64,
    /// Largest file `download` saves.
    pub max_download_bytes: u64,
    /// Downloads running at once; the next ones queue.
    pub downloads_at_once: usize,
    /// Downloads running or queued at once; past that, `download` is `busy`.
    pub max_downloads: usize,
    /// Least time between two progress messages of one download on its channel.
    pub progress_interval: Duration,
    /// Longest a `fetch_data` call takes in all (waiting for a place included).
    pub fetch_deadline: Duration,
    /// Longest a download runs in all, from the moment it has a place.
    pub download_deadline: Duration,
    /// Free space on the downloads folder's disk that downloads never use.
    pub free_space_reserve: u64,
    /// Bytes a download writes between two looks at the free space.
    pub space_check_bytes: u64,
}

impl Default for NetLimits {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            stall_timeout: Duration::from_secs(20),
            max_redirects: 5,
            max_fetch_bytes: 10 * 1024 * 1024,
            max_download_bytes: 1024 * 1024 * 1024,
            downloads_at_once: 3,
            max_downloads: 32,
            progress_interval: Duration::from_millis(50),
            fetch_deadline: Duration::from_secs(60),
            download_deadline: Duration::from_secs(30 * 60),
            free_space_reserve: 512 * 1024 * 1024,
            space_check_bytes: 8 * 1024 * 1024,
        }
    }
}

/// The client, with the limits it enforces and the local networks it may reach.
#[derive(Debug, Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    policy: AddressPolicy,
    pub limits: NetLimits,
}

impl HttpClient {
    pub fn new(limits: NetLimits) -> Result<Self> {
        Self::with_hosts(limits, Vec::new())
    }

    /// A client that resolves the names in `hosts` from that table before asking the system
    /// (as `/etc/hosts` would; the refused addresses are dropped all the same). For tests.
    pub fn with_hosts(limits: NetLimits, hosts: Vec<(String, IpAddr)>) -> Result<Self> {
        let policy = AddressPolicy::default();
        let resolver = CheckedResolver {
            hosts,
            policy: policy.clone(),
        };
        let client = reqwest::Client::builder()
            .user_agent(concat!("IPC Lab/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(limits.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(resolver))
            .build()
            .map_err(|e| Error::Internal(format!("could not set up the HTTP client: {e}")))?;
        Ok(Self {
            client,
            policy,
            limits,
        })
    }

    /// The local networks this client may reach (shared: a change applies at once).
    pub fn policy(&self) -> &AddressPolicy {
        &self.policy
    }

    /// `Ok` when a request to `url` may be sent: inside `scope`, and when the host is an IP
    /// address, one the address policy allows (a name's addresses are checked as it resolves).
    pub fn check(&self, scope: &UrlScope, url: &Url) -> Result<()> {
        scope.check(url)?;
        match url.host() {
            Some(url::Host::Ipv4(ip)) => self.policy.check(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => self.policy.check(IpAddr::V6(ip)),
            _ => Ok(()),
        }
    }

    // #region recipe:capabilities
    /// GETs `url`, following redirects inside `scope`: the successful response and the URL it
    /// came from. Every hop is checked before it is requested; a non-2xx answer is `http`.
    pub async fn get(&self, scope: &UrlScope, url: Url) -> Result<(Url, Response)> {
        let mut visited: Vec<Url> = Vec::new();
        let mut url = url;
        loop {
            self.check(scope, &url)?;
            let request = self.client.get(url.clone()).send();
            let response = tokio::time::timeout(self.limits.stall_timeout, request)
                .await
                .map_err(|_| self.stalled("the server did not answer"))?
                .map_err(request_error)?;
            let status = response.status();
            if status.is_redirection() {
                if let Some(location) = response.headers().get(LOCATION) {
                    let next = location
                        .to_str()
                        .ok()
                        .and_then(|location| url.join(location).ok())
                        .ok_or_else(|| Error::Http(format!("HTTP {status} with a bad Location")))?;
                    visited.push(url);
                    if visited.contains(&next) {
                        return Err(Error::Http(format!("a redirect loop ({status})")));
                    }
                    if visited.len() > self.limits.max_redirects {
                        return Err(Error::Http(format!(
                            "more than {} redirects",
                            self.limits.max_redirects
                        )));
                    }
                    url = next;
                    continue;
                }
            }
            if !status.is_success() {
                return Err(Error::Http(format!("HTTP {status}")));
            }
            return Ok((url, response));
        }
    }
    // #endregion recipe:capabilities

    /// The next piece of `response`'s body, `None` at its end; `timeout` when the server
    /// sends nothing for the stall timeout, `network` when the connection breaks off.
    pub async fn next_chunk(&self, response: &mut Response) -> Result<Option<Bytes>> {
        tokio::time::timeout(self.limits.stall_timeout, response.chunk())
            .await
            .map_err(|_| self.stalled("the server stopped sending"))?
            .map_err(|e| Error::Network(format!("the transfer broke off: {}", root_cause(&e))))
    }

    /// `tooLarge` when a body of `declared` bytes (if the server said) exceeds `max`.
    pub fn check_length(declared: Option<u64>, max: u64) -> Result<()> {
        match declared {
            Some(len) if len > max => Err(too_large(max)),
            _ => Ok(()),
        }
    }

    /// The body of `url` as text (UTF-8, invalid sequences replaced, as reqwest's `text()`
    /// does), at most [`NetLimits::max_fetch_bytes`].
    pub async fn fetch_text(&self, scope: &UrlScope, url: Url) -> Result<String> {
        let max = self.limits.max_fetch_bytes;
        let (_, mut response) = self.get(scope, url).await?;
        Self::check_length(response.content_length(), max)?;
        let mut body = Vec::new();
        while let Some(chunk) = self.next_chunk(&mut response).await? {
            if (body.len() + chunk.len()) as u64 > max {
                return Err(too_large(max));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(String::from_utf8_lossy(&body).into_owned())
    }

    fn stalled(&self, what: &str) -> Error {
        Error::Timeout(format!(
            "{what} for {} s",
            self.limits.stall_timeout.as_secs_f32()
        ))
    }
}

/// `tooLarge` for a body over `max` bytes.
pub fn too_large(max: u64) -> Error {
    Error::TooLarge(format!("the body is over {max} bytes"))
}

/// Resolves names like the system does, then drops the addresses no request may go to.
struct CheckedResolver {
    hosts: Vec<(String, IpAddr)>,
    policy: AddressPolicy,
}

/// Every address a name resolved to is refused.
#[derive(Debug, thiserror::Error)]
#[error(
    "{0} resolves only to link-local, metadata, local-network or otherwise refused addresses \
     (a local network can be allowed in Settings)"
)]
struct RefusedName(String);

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        let listed: Vec<SocketAddr> = self
            .hosts
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(&host))
            .map(|(_, ip)| SocketAddr::new(*ip, 0))
            .collect();
        let policy = self.policy.clone();
        Box::pin(async move {
            let found: Vec<SocketAddr> = if listed.is_empty() {
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect()
            } else {
                listed
            };
            let allowed = allowed_addresses(found, &policy);
            if allowed.is_empty() {
                return Err(Box::new(RefusedName(host)) as _);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

fn allowed_addresses(found: Vec<SocketAddr>, policy: &AddressPolicy) -> Vec<SocketAddr> {
    found
        .into_iter()
        .filter(|addr| policy.check(addr.ip()).is_ok())
        .collect()
}

/// Maps a failed send onto the contract: a refused name is `outsideScope`, a timeout is
/// `timeout`, anything else about reaching the server is `network`.
fn request_error(e: reqwest::Error) -> Error {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(cause) = source {
        if let Some(refused) = cause.downcast_ref::<RefusedName>() {
            return Error::OutsideScope(refused.to_string());
        }
        source = cause.source();
    }
    if e.is_timeout() {
        return Error::Timeout(format!("could not connect: {}", root_cause(&e)));
    }
    Error::Network(format!("could not reach the server: {}", root_cause(&e)))
}

/// The innermost cause of `e` ("Connection refused (os error 111)"), which says what went wrong
/// better than reqwest's outer "error sending request".
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_addresses_are_dropped_from_what_a_name_resolves_to() {
        let addr = |s: &str| s.parse::<SocketAddr>().unwrap();
        let found = vec![
            addr("169.254.169.254:0"),
            addr("93.184.216.34:0"),
            addr("[fe80::1]:0"),
            addr("127.0.0.1:0"),
            addr("192.168.1.20:0"),
            addr("[fd00::20]:0"),
            addr("[64:ff9b::a9fe:a9fe]:0"),
            addr("[2002:a00:1::]:0"),
            addr("[::ffff:10.0.0.1]:0"),
            addr("100.64.0.1:0"),
        ];
        let policy = AddressPolicy::default();
        assert_eq!(
            allowed_addresses(found.clone(), &policy),
            vec![addr("93.184.216.34:0"), addr("127.0.0.1:0")]
        );
        assert!(allowed_addresses(vec![addr("0.0.0.0:0")], &policy).is_empty());
        // What a `.local` or `.internal` name resolves to, once the user allowed its range.
        policy.set(vec!["192.168.1.0/24".parse().unwrap()]);
        assert_eq!(
            allowed_addresses(found, &policy),
            vec![
                addr("93.184.216.34:0"),
                addr("127.0.0.1:0"),
                addr("192.168.1.20:0")
            ]
        );
    }

    #[test]
    fn a_declared_length_over_the_cap_is_too_large() {
        assert!(HttpClient::check_length(None, 10).is_ok());
        assert!(HttpClient::check_length(Some(10), 10).is_ok());
        let err = HttpClient::check_length(Some(11), 10).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::TooLarge);
    }
}
