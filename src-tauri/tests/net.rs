//! The network services and their managed state against a real HTTP server on loopback: every
//! way a download or a fetch ends, with the exact error kind, exactly one terminal message,
//! and nothing in the downloads folder but whole files; the disk quota and free-space reserve
//! (a played disk), the deadlines and cancelling a fetch; the local networks and the default
//! capability's scope. No request goes anywhere but loopback: every address a test refuses is
//! first checked to be refused by the same check the request makes, without connecting.

mod common;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::http_server::{body, TestServer};
use common::{main_patterns, main_scope, net_limits, PLENTY};
use ipc_lab_lib::error::ErrorKind;
use ipc_lab_lib::models::{DownloadEvent, DownloadInfo, WorkState};
use ipc_lab_lib::services::net::disk::{folder_size, FreeSpace};
use ipc_lab_lib::services::net::http::{HttpClient, NetLimits};
use ipc_lab_lib::services::net::url_scope::{parse_url, UrlScope};
use ipc_lab_lib::state::{Broadcast, DownloadSink, FetchCaller, Network, Pages};

fn scope(allow: &[&str], deny: &[&str]) -> UrlScope {
    UrlScope::from_patterns(allow, deny).unwrap()
}

/// Panics unless a request to `url` is refused (`outsideScope`) by the check every request
/// passes first (the scope, then the address policy) — called before a test sends it, so a
/// refusal that broke can never become a connection to a non-loopback address.
fn assert_refused_before_sending(client: &HttpClient, scope: &UrlScope, url: &str) {
    let error = client
        .check(scope, &parse_url(url).unwrap())
        .expect_err(url);
    assert_eq!(error.kind(), ErrorKind::OutsideScope, "{url}: {error}");
}

/// Records what a download tells its channel (and when each `progress` came) and the app.
#[derive(Default)]
struct Recorder {
    messages: Mutex<Vec<DownloadEvent>>,
    progress_at: Mutex<Vec<Instant>>,
    broadcasts: Mutex<Vec<Broadcast>>,
}

impl DownloadSink for Recorder {
    fn send(&self, message: DownloadEvent) {
        if matches!(message, DownloadEvent::Progress { .. }) {
            self.progress_at.lock().unwrap().push(Instant::now());
        }
        self.messages.lock().unwrap().push(message);
    }
    fn broadcast(&self, event: Broadcast) {
        self.broadcasts.lock().unwrap().push(event);
    }
}

impl Recorder {
    fn messages(&self) -> Vec<DownloadEvent> {
        self.messages.lock().unwrap().clone()
    }

    /// Checks the order of the channel stream (queued?, started?, progress…, one terminal) and
    /// returns the terminal message and the bytes the progress messages add up to.
    fn terminal(&self) -> (DownloadEvent, u64) {
        let messages = self.messages();
        let (last, rest) = messages.split_last().expect("no message at all");
        let terminals = messages.iter().filter(|m| is_terminal(m)).count();
        assert_eq!(terminals, 1, "exactly one terminal message: {messages:?}");
        assert!(
            is_terminal(last),
            "the terminal message comes last: {messages:?}"
        );
        // queued (at most once), started (at most once), progress…: never going back.
        let stage = |m: &DownloadEvent| match m {
            DownloadEvent::Queued { .. } => 0,
            DownloadEvent::Started { .. } => 1,
            _ => 2,
        };
        assert!(
            rest.windows(2).all(|w| stage(&w[0]) <= stage(&w[1])),
            "out of order: {messages:?}"
        );
        assert!(
            rest.iter().filter(|m| stage(m) < 2).count() <= 2,
            "{messages:?}"
        );
        let bytes = rest
            .iter()
            .map(|m| match m {
                DownloadEvent::Progress { chunk_length, .. } => u64::from(*chunk_length),
                _ => 0,
            })
            .sum();
        (last.clone(), bytes)
    }
}

fn is_terminal(message: &DownloadEvent) -> bool {
    matches!(
        message,
        DownloadEvent::Finished { .. }
            | DownloadEvent::Failed { .. }
            | DownloadEvent::Cancelled { .. }
    )
}

struct Setup {
    _data: tempfile::TempDir,
    downloads: PathBuf,
    private: PathBuf,
}

impl Setup {
    fn new() -> Self {
        let data = tempfile::tempdir().unwrap();
        let downloads = data.path().join("files/downloads");
        let private = data.path().join("private");
        std::fs::create_dir_all(&private).unwrap();
        Self {
            _data: data,
            downloads,
            private,
        }
    }

    /// The network state, on a disk with plenty of free space.
    fn network(&self, limits: NetLimits) -> Network {
        self.network_on(limits, Arc::new(AtomicU64::new(PLENTY)))
    }

    /// The network state on a disk whose free space the test sets through `free`.
    fn network_on(&self, limits: NetLimits, free: Arc<AtomicU64>) -> Network {
        Network::open(self.downloads.clone(), self.private.clone(), limits)
            .unwrap()
            .with_free_space(FreeSpace::new(move |_| Ok(free.load(Ordering::SeqCst))))
    }

    /// The names in the downloads folder, sorted.
    fn saved(&self) -> Vec<String> {
        names(&self.downloads)
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What a download ends in.
#[derive(Debug)]
enum Outcome {
    /// Saved, byte for byte `body(len)`.
    Saved(usize),
    Failed(ErrorKind),
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_way_a_download_ends() {
    let server = TestServer::start();
    let setup = Setup::new();
    let network = setup.network(net_limits());
    let refused_target = |to: &str| format!("/redirect-to?{to}");
    let cases: Vec<(String, Outcome)> = vec![
        ("/file/300000".into(), Outcome::Saved(300_000)),
        ("/chunked/300000".into(), Outcome::Saved(300_000)),
        ("/file/0".into(), Outcome::Saved(0)),
        ("/redirect/3".into(), Outcome::Saved(1000)),
        ("/half/100000".into(), Outcome::Failed(ErrorKind::Timeout)),
        ("/drop/100000".into(), Outcome::Failed(ErrorKind::Network)),
        ("/status/404".into(), Outcome::Failed(ErrorKind::Http)),
        ("/status/500".into(), Outcome::Failed(ErrorKind::Http)),
        ("/loop".into(), Outcome::Failed(ErrorKind::Http)),
        ("/redirect/9".into(), Outcome::Failed(ErrorKind::Http)),
        (
            refused_target("file:///etc/passwd"),
            Outcome::Failed(ErrorKind::OutsideScope),
        ),
        (
            refused_target("http://169.254.169.254/latest/meta-data/"),
            Outcome::Failed(ErrorKind::OutsideScope),
        ),
        (
            refused_target("http://example.com/x"),
            Outcome::Failed(ErrorKind::OutsideScope),
        ),
        (
            "/declared/2147483648".into(),
            Outcome::Failed(ErrorKind::TooLarge),
        ),
    ];
    let mut saved = Vec::new();
    for (path, expected) in cases {
        let recorder = Recorder::default();
        let url = server.url(&path);
        let started = Instant::now();
        let result = download_from_main(&network, &url, &recorder).await;
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path} took too long"
        );
        let (terminal, progress_bytes) = recorder.terminal();
        match expected {
            Outcome::Saved(len) => {
                let info = result.unwrap_or_else(|e| panic!("{path}: {e}"));
                assert_eq!(info.state, WorkState::Finished);
                assert_eq!(
                    terminal,
                    DownloadEvent::Finished {
                        download_id: info.id
                    }
                );
                assert_eq!(progress_bytes, len as u64, "{path}: progress adds up");
                let file = std::fs::read(info.path.as_ref().unwrap()).unwrap();
                assert!(file == body(len), "{path}: the saved bytes differ");
                saved.push(info.file_name.unwrap());
            }
            Outcome::Failed(kind) => {
                let error = result.expect_err(&path);
                assert_eq!(error.kind(), kind, "{path}: {error}");
                match terminal {
                    DownloadEvent::Failed { error, .. } => assert_eq!(error.kind, kind, "{path}"),
                    other => panic!("{path}: ended with {other:?}"),
                }
            }
        }
        saved.sort();
        assert_eq!(setup.saved(), saved, "{path}: only whole files stay");
    }
    // The file names came from the URLs; a second "1000" got a number.
    assert_eq!(saved, vec!["0", "1000", "300000", "300000 (2)"]);
}

#[tokio::test]
async fn a_download_without_a_length_reports_bytes_but_no_percentage() {
    let server = TestServer::start();
    let setup = Setup::new();
    let network = setup.network(net_limits());
    let recorder = Recorder::default();
    let info = download_from_main(&network, &server.url("/chunked/100000"), &recorder)
        .await
        .unwrap();
    assert_eq!(info.total, None);
    assert_eq!(info.received, 100_000);
    let started = recorder.messages().into_iter().find_map(|m| match m {
        DownloadEvent::Started { content_length, .. } => Some(content_length),
        _ => None,
    });
    assert_eq!(started, Some(None));
    let broadcasts = recorder.broadcasts.lock().unwrap();
    assert!(broadcasts
        .iter()
        .all(|b| !matches!(b, Broadcast::Progress(_))));
    assert!(matches!(broadcasts.last(), Some(Broadcast::Finished(_))));
}

#[tokio::test]
async fn percentages_only_grow_and_end_at_100() {
    let server = TestServer::start();
    let setup = Setup::new();
    let network = setup.network(net_limits());
    let recorder = Recorder::default();
    download_from_main(&network, &server.url("/slow/400000"), &recorder)
        .await
        .unwrap();
    let percents: Vec<u32> = recorder
        .broadcasts
        .lock()
        .unwrap()
        .iter()
        .filter_map(|b| match b {
            Broadcast::Progress(p) => Some(*p),
            _ => None,
        })
        .collect();
    assert!(percents.windows(2).all(|w| w[0] < w[1]), "{percents:?}");
    assert_eq!(percents.last(), Some(&100));
    // Progress messages on the channel are throttled to one per `progress_interval` (50 ms):
    // 25 pieces of 16 KiB arrive over at least 500 ms. Measured as the gaps between messages,
    // not as a count, since a loaded machine that reads the pieces slowly may rightly send more
    // messages over a longer time, but never two closer than the interval. Only the last one,
    // the rest sent once the body ends, may come sooner. An unthrottled stream (a message a
    // piece, 20 ms apart) fails at its second message.
    let interval = net_limits().progress_interval;
    let at = recorder.progress_at.lock().unwrap().clone();
    assert!(at.len() >= 3, "{} progress messages over 500 ms", at.len());
    let gaps: Vec<Duration> = at.windows(2).map(|w| w[1] - w[0]).collect();
    let paced = &gaps[..gaps.len() - 1];
    assert!(paced.iter().all(|gap| *gap >= interval), "{gaps:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_size_cap_without_a_declared_length_is_too_large_and_leaves_nothing() {
    let server = TestServer::start();
    let setup = Setup::new();
    let limits = NetLimits {
        max_download_bytes: 100_000,
        max_fetch_bytes: 1000,
        ..net_limits()
    };
    let network = setup.network(limits);
    let recorder = Recorder::default();
    let error = download_from_main(&network, &server.url("/chunked/200000"), &recorder)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TooLarge);
    assert!(matches!(
        recorder.terminal().0,
        DownloadEvent::Failed { .. }
    ));
    assert!(setup.saved().is_empty());
    for path in ["/file/2000", "/chunked/2000"] {
        let error = network
            .fetch_text(&server.url(path), &main_scope())
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooLarge, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_at_half_way_ends_within_a_second_and_leaves_nothing() {
    let server = TestServer::start();
    let setup = Setup::new();
    let limits = NetLimits {
        stall_timeout: Duration::from_secs(60),
        ..net_limits()
    };
    let network = Arc::new(setup.network(limits));
    let recorder = Arc::new(Recorder::default());
    let running = {
        let (network, recorder, url) = (
            Arc::clone(&network),
            Arc::clone(&recorder),
            server.url("/half/2000000"),
        );
        tokio::spawn(async move { download_from_main(&network, &url, &*recorder).await })
    };
    let id = wait_for(&network, |d| d.received >= 1_000_000).await.id;
    assert!(
        setup.saved()[0].starts_with(".partial-"),
        "written to a hidden temp file"
    );
    let cancelled_at = Instant::now();
    network.cancel(id).unwrap();
    let error = running.await.unwrap().unwrap_err();
    // The server sends nothing more after half, and the stall timeout is 60 s: only the
    // cancel can end it now (and `cancelled` says it did). Promptly means well before anything
    // else could: a bound of 5 s leaves a loaded machine room and still fails a cancel that
    // waits for the next byte or the stall.
    assert!(cancelled_at.elapsed() < CANCEL_BOUND);
    assert_eq!(error.kind(), ErrorKind::Cancelled);
    assert_eq!(
        recorder.terminal().0,
        DownloadEvent::Cancelled { download_id: id }
    );
    assert!(setup.saved().is_empty(), "{:?}", setup.saved());
    // Cancelling again is fine; an id that never was is not.
    network.cancel(id).unwrap();
    assert_eq!(
        network.cancel(9999).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(network.list()[0].state, WorkState::Cancelled);
}

/// How soon a cancel ends a download or fetch that nothing else would end for 60 s or more.
const CANCEL_BOUND: Duration = Duration::from_secs(5);

/// Polls the list until a download matches `ready` (at most 10 s).
async fn wait_for(network: &Network, ready: impl Fn(&DownloadInfo) -> bool) -> DownloadInfo {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(found) = network.list().into_iter().find(|d| ready(d)) {
            return found;
        }
        assert!(Instant::now() < deadline, "timed out: {:?}", network.list());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_places_downloads_queue_visibly_and_past_the_queue_are_busy() {
    let server = TestServer::start();
    let setup = Setup::new();
    let limits = NetLimits {
        stall_timeout: Duration::from_secs(60),
        downloads_at_once: 1,
        max_downloads: 2,
        ..net_limits()
    };
    let network = Arc::new(setup.network(limits));
    let spawn = |path: &str, window: &'static str| {
        let (network, url) = (Arc::clone(&network), server.url(path));
        let recorder = Arc::new(Recorder::default());
        let sink = Arc::clone(&recorder);
        let task =
            tokio::spawn(
                async move { network.download(&url, &main_scope(), window, &*sink).await },
            );
        (task, recorder)
    };
    let (first, first_messages) = spawn("/half/100000", "w1");
    let first_id = wait_for(&network, |d| d.state == WorkState::Running)
        .await
        .id;
    let (second, second_messages) = spawn("/file/10", "w2");
    let queued = wait_for(&network, |d| d.state == WorkState::Queued).await;
    let busy = network
        .download(
            &server.url("/file/10"),
            &main_scope(),
            "w2",
            &Recorder::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(busy.kind(), ErrorKind::Busy);

    // The window of the first one closes: it stops, and the queued one gets its place.
    network.window_gone("w1");
    assert_eq!(
        first.await.unwrap().unwrap_err().kind(),
        ErrorKind::Cancelled
    );
    assert_eq!(
        first_messages.terminal().0,
        DownloadEvent::Cancelled {
            download_id: first_id
        }
    );
    let done = second.await.unwrap().unwrap();
    assert_eq!(done.id, queued.id);
    let messages = second_messages.messages();
    assert!(
        matches!(messages[0], DownloadEvent::Queued { download_id, .. } if download_id == queued.id)
    );
    assert_eq!(
        second_messages.terminal().0,
        DownloadEvent::Finished {
            download_id: done.id
        }
    );
    assert_eq!(setup.saved(), vec!["10"]);
}

#[tokio::test]
async fn a_queued_download_can_be_cancelled_before_it_starts() {
    let server = TestServer::start();
    let setup = Setup::new();
    let limits = NetLimits {
        stall_timeout: Duration::from_secs(60),
        downloads_at_once: 1,
        ..net_limits()
    };
    let network = Arc::new(setup.network(limits));
    let blocker = {
        let (network, url) = (Arc::clone(&network), server.url("/half/1000"));
        tokio::spawn(async move {
            network
                .download(&url, &main_scope(), "main", &Recorder::default())
                .await
        })
    };
    let blocking_id = wait_for(&network, |d| d.state == WorkState::Running)
        .await
        .id;
    let recorder = Arc::new(Recorder::default());
    let waiting = {
        let (network, url, sink) = (
            Arc::clone(&network),
            server.url("/file/10"),
            Arc::clone(&recorder),
        );
        tokio::spawn(async move { download_from_main(&network, &url, &*sink).await })
    };
    let queued = wait_for(&network, |d| d.state == WorkState::Queued)
        .await
        .id;
    network.cancel(queued).unwrap();
    assert_eq!(
        waiting.await.unwrap().unwrap_err().kind(),
        ErrorKind::Cancelled
    );
    let messages = recorder.messages();
    assert_eq!(messages.len(), 2, "queued, then cancelled: {messages:?}");
    assert_eq!(
        recorder.terminal().0,
        DownloadEvent::Cancelled {
            download_id: queued
        }
    );
    network.cancel(blocking_id).unwrap();
    blocker.await.unwrap().unwrap_err();
}

#[tokio::test]
async fn a_url_outside_the_scope_is_refused_before_anything_is_sent() {
    let server = TestServer::start();
    let setup = Setup::new();
    let network = setup.network(net_limits());
    let narrow = scope(
        &[&server.url("/file/*"), &server.url("/redirect-to")],
        &[&server.url("/file/666*")],
    );
    for path in ["/text", "/file/666", "/status/200"] {
        let recorder = Recorder::default();
        let error = network
            .download(&server.url(path), &narrow, "main", &recorder)
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OutsideScope, "{path}");
        assert!(recorder.messages().is_empty(), "{path}: no id, no messages");
        let error = network
            .fetch_text(&server.url(path), &narrow)
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OutsideScope, "{path}");
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
    assert!(network.list().is_empty());

    // A redirect out of the scope is followed by nothing.
    let to_text = format!("/redirect-to?{}", server.url("/text"));
    let error = network
        .fetch_text(&server.url(&to_text), &narrow)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::OutsideScope);
    assert_eq!(server.requests(), vec![to_text]);
    let fine = network.fetch_text(&server.url("/file/10"), &narrow).await;
    assert_eq!(fine.unwrap().len(), 10);
}

#[tokio::test]
async fn a_name_that_resolves_to_a_refused_address_is_refused_without_connecting() {
    let server = TestServer::start();
    let refused: Vec<(&str, &str)> = vec![
        ("metadata.test", "169.254.169.254"),
        ("zero.test", "0.0.0.0"),
        // `.local` and `.internal` names that resolve into the LAN, in every spelling.
        ("printer.local", "192.168.1.20"),
        ("nas.internal", "10.0.0.5"),
        ("router.internal", "fd00::1"),
        ("cgnat.test", "100.64.0.1"),
        ("mapped.test", "::ffff:192.168.1.20"),
        ("nat64.test", "64:ff9b::a9fe:a9fe"),
        ("nat64-lan.test", "64:ff9b::c0a8:114"),
        ("local-nat64.test", "64:ff9b:1::a00:5"),
        ("sixtofour.test", "2002:c0a8:114::1"),
        ("compatible.test", "::10.0.0.5"),
    ];
    let mut hosts: Vec<(String, IpAddr)> =
        vec![("loopback.test".into(), "127.0.0.1".parse().unwrap())];
    hosts.extend(
        refused
            .iter()
            .map(|(name, ip)| ((*name).to_string(), ip.parse().unwrap())),
    );
    let client = HttpClient::with_hosts(net_limits(), hosts).unwrap();
    // Before any request: the resolver's own check refuses every one of these addresses.
    for (name, ip) in &refused {
        let ip: IpAddr = ip.parse().unwrap();
        assert!(client.policy().check(ip).is_err(), "{name} → {ip}");
    }
    let any = scope(&["http://*:*"], &[]);
    let port = server.addr.port();
    let text = client
        .fetch_text(
            &any,
            parse_url(&format!("http://loopback.test:{port}/text")).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(text, "hello from the loopback server\n");
    for (host, _) in &refused {
        let url = parse_url(&format!("http://{host}:{port}/text")).unwrap();
        let error = client.fetch_text(&any, url).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OutsideScope, "{host}: {error}");
    }
    assert_eq!(
        server.requests(),
        vec!["/text"],
        "only the allowed name connected"
    );
}

#[tokio::test]
async fn private_and_shared_ip_literals_are_refused_before_sending_until_the_user_allows_them() {
    let setup = Setup::new();
    let network = setup.network(net_limits());
    let client = HttpClient::new(net_limits()).unwrap();
    let main = main_scope();
    let urls = [
        "https://10.0.0.1/",
        "https://172.16.5.4/x.zip",
        "https://192.168.1.1/",
        "https://100.64.0.1/",
        "https://[fc00::1]/",
        "https://[fd12:3456::1]/",
        "https://[::ffff:192.168.1.1]/",
        "https://[::ffff:0:192.168.1.1]/",
        "https://[::192.168.1.1]/",
        "https://[64:ff9b::192.168.1.1]/",
        "https://[64:ff9b:1::a00:1]/",
        "https://[2002:c0a8:101::]/",
        "https://[2002:a9fe:a9fe::]/",
    ];
    for url in urls {
        assert_refused_before_sending(&client, &main, url);
        assert_refused_before_sending(network_client(&network), &main, url);
        let recorder = Recorder::default();
        let error = network.download(url, &main, "main", &recorder).await;
        assert_eq!(error.unwrap_err().kind(), ErrorKind::OutsideScope, "{url}");
        assert!(recorder.messages().is_empty(), "{url}: no id, no message");
        let error = network.fetch_text(url, &main).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OutsideScope, "{url}");
        assert!(
            error.to_string().contains("Settings") || url.contains("a9fe"),
            "{error}"
        );
    }
    assert!(network.list().is_empty());
    // Allowed by the user, a range passes the check (no request is sent here); others do not.
    network
        .address_policy()
        .set(vec!["192.168.1.0/24".parse().unwrap()]);
    for url in [
        "https://192.168.1.1/",
        "https://[::ffff:192.168.1.1]/",
        "https://[64:ff9b::192.168.1.1]/",
        "https://[2002:c0a8:101::]/",
    ] {
        let checked = network_client(&network).check(&main, &parse_url(url).unwrap());
        assert!(checked.is_ok(), "{url}: {checked:?}");
    }
    for url in [
        "https://192.168.2.1/",
        "https://10.0.0.1/",
        "https://[2002:a9fe:a9fe::]/",
    ] {
        assert_refused_before_sending(network_client(&network), &main, url);
    }
    // The capability still decides the scheme: plain http into the LAN stays refused.
    assert_refused_before_sending(network_client(&network), &main, "http://192.168.1.1/");
}

/// The client a network state uses (its address policy is the one the state shares).
fn network_client(network: &Network) -> &HttpClient {
    network.client()
}

#[tokio::test]
async fn the_main_capability_allows_https_on_port_443_only_and_http_on_this_machine() {
    assert_eq!(
        main_patterns(),
        ["https://*:443", "http://127.0.0.1:*", "http://localhost:*"],
        "the patterns say it explicitly"
    );
    let server = TestServer::start();
    let setup = Setup::new();
    let network = setup.network(net_limits());
    let main = main_scope();
    for url in [
        "https://example.com/",
        "https://example.com:443/a.zip",
        "http://127.0.0.1:1/",
        "http://localhost:8080/",
    ] {
        let checked = network_client(&network).check(&main, &parse_url(url).unwrap());
        assert!(checked.is_ok(), "{url}: {checked:?}");
    }
    // Another port of https is refused before anything is sent (a TLS service on loopback's
    // other port, and any public host), as is http beyond this machine.
    let port = server.addr.port();
    for url in [
        format!("https://127.0.0.1:{port}/text"),
        format!("https://localhost:{port}/text"),
        "https://example.com:8443/".into(),
        "https://example.com:80/".into(),
        "http://example.com/".into(),
        "http://127.0.0.2/".into(),
    ] {
        assert_refused_before_sending(network_client(&network), &main, &url);
        let error = network.fetch_text(&url, &main).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OutsideScope, "{url}");
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}

#[tokio::test]
async fn fetch_data_answers_text_or_the_exact_error() {
    let server = TestServer::start();
    let setup = Setup::new();
    let network = setup.network(net_limits());
    let scope = main_scope();
    let fetch = |path: &str| {
        let url = server.url(path);
        let (network, scope) = (&network, &scope);
        async move { network.fetch_text(&url, scope).await }
    };
    assert_eq!(
        fetch("/text").await.unwrap(),
        "hello from the loopback server\n"
    );
    assert_eq!(fetch("/not-utf8").await.unwrap(), "caf\u{fffd}");
    let redirected = fetch("/redirect/2").await.unwrap();
    assert_eq!(redirected, String::from_utf8_lossy(&body(1000)));
    let error = fetch("/status/404").await.unwrap_err();
    assert_eq!(
        (error.kind(), error.to_string()),
        (ErrorKind::Http, "HTTP error: HTTP 404 Not Found".into())
    );
    assert_eq!(
        fetch("/half/100").await.unwrap_err().kind(),
        ErrorKind::Timeout
    );
    assert_eq!(
        fetch("/drop/100000").await.unwrap_err().kind(),
        ErrorKind::Network
    );
    let refused = network
        .fetch_text("http://127.0.0.1:1/", &main_scope())
        .await
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Network, "{refused}");
    for (url, kind) in [
        ("not a url", ErrorKind::InvalidInput),
        ("ftp://127.0.0.1/x", ErrorKind::OutsideScope),
        ("https://169.254.169.254/", ErrorKind::OutsideScope),
        ("http://example.com/", ErrorKind::OutsideScope),
    ] {
        let error = network.fetch_text(url, &main_scope()).await.unwrap_err();
        assert_eq!(error.kind(), kind, "{url}");
    }
}

#[tokio::test]
async fn finished_downloads_are_remembered_across_restarts() {
    let server = TestServer::start();
    let setup = Setup::new();
    let kept = {
        let network = setup.network(net_limits());
        let recorder = Recorder::default();
        let kept = download_from_main(&network, &server.url("/file/10"), &recorder)
            .await
            .unwrap();
        let gone = download_from_main(&network, &server.url("/file/20"), &recorder)
            .await
            .unwrap();
        download_from_main(&network, &server.url("/status/404"), &recorder)
            .await
            .unwrap_err();
        std::fs::remove_file(gone.path.unwrap()).unwrap();
        kept
    };
    std::fs::write(setup.downloads.join(".partial-crashed"), "half").unwrap();
    let network = setup.network(net_limits());
    let list = network.list();
    assert_eq!(
        list,
        vec![kept.clone()],
        "the finished one whose file is still there"
    );
    assert_eq!(
        setup.saved(),
        vec!["10"],
        "a crash's temp file is removed at start"
    );
    let next = download_from_main(&network, &server.url("/file/30"), &Recorder::default())
        .await
        .unwrap();
    assert!(
        next.id > kept.id,
        "the ids of listed downloads are not reused"
    );
}

/// `download` of `url` for the main window, in its scope.
async fn download_from_main(
    network: &Network,
    url: &str,
    sink: &impl DownloadSink,
) -> ipc_lab_lib::error::Result<DownloadInfo> {
    network.download(url, &main_scope(), "main", sink).await
}

/// Limits for the disk tests: a look at the free space every 32 KiB, a reserve of 1 MB.
fn disk_limits() -> NetLimits {
    NetLimits {
        free_space_reserve: 1_000_000,
        space_check_bytes: 32 * 1024,
        ..net_limits()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_quota_a_declared_download_is_refused_before_it_writes_and_an_undeclared_one_mid_stream(
) {
    let server = TestServer::start();
    let setup = Setup::new();
    let network = setup.network(disk_limits());
    network.set_quota(500_000);
    let first = download_from_main(&network, &server.url("/file/300000"), &Recorder::default())
        .await
        .unwrap();
    assert_eq!(first.received, 300_000);

    // Declared: 300,000 more would pass 500,000; refused before a byte is written.
    let recorder = Recorder::default();
    let error = download_from_main(&network, &server.url("/file/300000"), &recorder)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::QuotaExceeded, "{error}");
    let messages = recorder.messages();
    assert!(
        matches!(&messages[..], [DownloadEvent::Failed { error, .. }] if error.kind == ErrorKind::QuotaExceeded),
        "failed before it started: {messages:?}"
    );
    assert_eq!(setup.saved(), ["300000"]);

    // Undeclared: it starts, and stops when the next piece would pass the quota.
    let recorder = Recorder::default();
    let error = download_from_main(&network, &server.url("/chunked/300000"), &recorder)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::QuotaExceeded, "{error}");
    let (terminal, written) = recorder.terminal();
    assert!(matches!(terminal, DownloadEvent::Failed { .. }));
    assert!(
        recorder
            .messages()
            .iter()
            .any(|m| matches!(m, DownloadEvent::Started { .. })),
        "it had started"
    );
    assert!(written <= 200_000, "{written} bytes reported");
    assert_eq!(setup.saved(), ["300000"], "nothing partial left");

    // What still fits goes through; the usage says where the folder stands.
    download_from_main(
        &network,
        &server.url("/chunked/200000"),
        &Recorder::default(),
    )
    .await
    .unwrap();
    let usage = network.disk_usage().await.unwrap();
    assert_eq!(
        (usage.used, usage.reserved, usage.quota),
        (500_000, 0, 500_000)
    );
    assert_eq!(usage.free, Some(PLENTY));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_running_at_once_never_together_pass_the_quota() {
    let server = TestServer::start();
    let setup = Setup::new();
    let network = Arc::new(setup.network(disk_limits()));
    let quota = 500_000;
    network.set_quota(quota);
    // Watches the folder (temp files included) while the downloads run; stops however the test
    // ends (a blocking task left running would hold the runtime's shutdown forever).
    struct Stop(Arc<std::sync::atomic::AtomicBool>);
    impl Drop for Stop {
        fn drop(&mut self) {
            self.0.store(false, Ordering::SeqCst);
        }
    }
    let watching = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let stop = Stop(Arc::clone(&watching));
    let watcher = {
        let dir = setup.downloads.clone();
        tokio::task::spawn_blocking(move || {
            let mut largest = 0;
            while watching.load(Ordering::SeqCst) {
                largest = largest.max(folder_size(&dir).unwrap_or(0));
                std::thread::sleep(Duration::from_millis(2));
            }
            largest
        })
    };
    let mut outcomes = Vec::new();
    for path in ["/slow/300000", "/slow-chunked/300000"] {
        let runs: Vec<_> = (0..2)
            .map(|_| {
                let (network, url) = (Arc::clone(&network), server.url(path));
                tokio::spawn(async move {
                    network
                        .download(&url, &main_scope(), "main", &Recorder::default())
                        .await
                })
            })
            .collect();
        let mut kinds = Vec::new();
        for run in runs {
            kinds.push(run.await.unwrap().map(|_| ()).map_err(|e| e.kind()));
        }
        kinds.sort_by_key(Result::is_err);
        outcomes.push((path, kinds, setup.saved().len()));
        // Make room for the next pair (the folder is read again when nothing runs).
        for name in setup.saved() {
            std::fs::remove_file(setup.downloads.join(name)).unwrap();
        }
    }
    drop(stop);
    let largest = watcher.await.unwrap();
    let refused = Err(ErrorKind::QuotaExceeded);
    // Declared lengths are claimed whole at the start: one fits, the other is refused.
    assert_eq!(outcomes[0].1, [Ok(()), refused], "{outcomes:?}");
    // Without lengths both start; whichever reaches the quota first fails. The other one may
    // fail too when it asks for its next piece before the first has let go of its bytes.
    let (_, undeclared, saved) = &outcomes[1];
    assert!(undeclared.contains(&refused), "{outcomes:?}");
    assert!(
        undeclared.iter().all(|k| k.is_ok() || *k == refused),
        "{outcomes:?}"
    );
    assert_eq!(*saved, undeclared.iter().filter(|k| k.is_ok()).count());
    assert!(largest <= quota, "the folder held {largest} bytes at once");
    assert!(
        largest >= 300_000,
        "the watcher saw the downloads ({largest})"
    );
    assert!(setup.saved().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_free_space_reserve_is_kept_before_and_while_a_download_writes() {
    let server = TestServer::start();
    let setup = Setup::new();
    let free = Arc::new(AtomicU64::new(1_100_000));
    let network = Arc::new(setup.network_on(disk_limits(), Arc::clone(&free)));

    // 200,000 declared bytes would leave less than the 1,000,000-byte reserve.
    let error = download_from_main(&network, &server.url("/file/200000"), &Recorder::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DiskFull, "{error}");
    assert!(error.to_string().contains("must stay free"), "{error}");

    // Room at the start; the disk fills up (someone else writes) while it runs.
    free.store(50_000_000, Ordering::SeqCst);
    let recorder = Arc::new(Recorder::default());
    let running = {
        let (network, url, sink) = (
            Arc::clone(&network),
            server.url("/slow-chunked/600000"),
            Arc::clone(&recorder),
        );
        tokio::spawn(async move { download_from_main(&network, &url, &*sink).await })
    };
    wait_for(&network, |d| d.received >= 100_000).await;
    free.store(900_000, Ordering::SeqCst);
    let error = running.await.unwrap().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DiskFull, "{error}");
    assert!(matches!(
        recorder.terminal().0,
        DownloadEvent::Failed { .. }
    ));
    assert!(
        setup.saved().is_empty(),
        "nothing partial left: {:?}",
        setup.saved()
    );
    assert_eq!(network.disk_usage().await.unwrap().free, Some(900_000));
}

#[tokio::test]
async fn the_folder_is_measured_again_once_nothing_runs() {
    let server = TestServer::start();
    let setup = Setup::new();
    std::fs::create_dir_all(&setup.downloads).unwrap();
    std::fs::write(setup.downloads.join("old.bin"), vec![0; 400_000]).unwrap();
    let network = setup.network(disk_limits());
    network.set_quota(500_000);
    assert_eq!(network.disk_usage().await.unwrap().used, 400_000);
    let url = server.url("/file/200000");
    let error = network
        .download(&url, &main_scope(), "main", &Recorder::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::QuotaExceeded);
    // The user deletes a file: the space is free again for the next download.
    std::fs::remove_file(setup.downloads.join("old.bin")).unwrap();
    network
        .download(&url, &main_scope(), "main", &Recorder::default())
        .await
        .unwrap();
    assert_eq!(network.disk_usage().await.unwrap().used, 200_000);
}

/// Limits with short deadlines, so a dripping server is cut off quickly.
fn deadline_limits() -> NetLimits {
    NetLimits {
        fetch_deadline: Duration::from_millis(1200),
        download_deadline: Duration::from_millis(1500),
        ..patient_limits()
    }
}

/// Limits under which a dripping server never stalls a call, however loaded the machine is.
fn patient_limits() -> NetLimits {
    NetLimits {
        stall_timeout: Duration::from_secs(60),
        ..net_limits()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_drips_forever_is_cut_off_at_the_deadline() {
    let server = TestServer::start();
    let setup = Setup::new();
    let network = setup.network(deadline_limits());
    let started = Instant::now();
    let error = network
        .fetch_text(&server.url("/drip"), &main_scope())
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert_eq!(
        error.to_string(),
        "timed out: the fetch took longer than 1.2 s"
    );
    assert!(
        took >= Duration::from_millis(1200) && took < Duration::from_secs(3),
        "{took:?}"
    );

    let recorder = Recorder::default();
    let started = Instant::now();
    let error = download_from_main(&network, &server.url("/drip"), &recorder)
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(
        took >= Duration::from_millis(1500) && took < Duration::from_secs(3),
        "{took:?}"
    );
    let (terminal, written) = recorder.terminal();
    assert!(matches!(terminal, DownloadEvent::Failed { .. }));
    assert!(written > 0, "it was receiving when the deadline came");
    assert!(setup.saved().is_empty(), "{:?}", setup.saved());
}

/// Waits (at most 10 s) until the server has had `n` requests for `/drip`: the fetches that
/// sent them are running and tracked (a fetch is tracked before it sends), so what a check
/// then finds them not to do, they really did not.
async fn sent_to_the_server(server: &TestServer, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.requests().iter().filter(|r| *r == "/drip").count() < n {
        assert!(Instant::now() < deadline, "{:?}", server.requests());
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fetch_is_cancelled_by_its_own_window_or_when_its_page_or_window_goes() {
    let server = TestServer::start();
    let setup = Setup::new();
    let network = Arc::new(setup.network(patient_limits()));
    let pages = Arc::new(Pages::default());
    let start = |window: &'static str, fetch_id: Option<u32>| {
        let (network, url) = (Arc::clone(&network), server.url("/drip"));
        let caller = FetchCaller {
            window: window.into(),
            page: pages.current(window),
            fetch_id,
        };
        tokio::spawn(async move {
            let result = network
                .fetch_text_for(&url, &main_scope(), Some(caller))
                .await;
            (result, Instant::now())
        })
    };
    let ends_cancelled = |outcome: (Result<String, ipc_lab_lib::error::Error>, Instant),
                          at: Instant| {
        assert_eq!(outcome.0.unwrap_err().kind(), ErrorKind::Cancelled);
        // The drip server goes on for 2 minutes and the fetch deadline is 60 s: only the
        // cancel ends it this soon.
        let late = outcome.1.duration_since(at);
        assert!(late < CANCEL_BOUND, "ended {late:?} after");
    };
    let running = start("main", Some(7));
    sent_to_the_server(&server, 1).await;
    // The same id from the same window is refused while it runs; another window may use it.
    let error = network
        .fetch_text_for(
            &server.url("/text"),
            &main_scope(),
            Some(FetchCaller {
                window: "main".into(),
                page: pages.current("main"),
                fetch_id: Some(7),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(
        !network.cancel_fetch("other", 7),
        "another window cannot cancel it"
    );
    assert!(!network.cancel_fetch("main", 8));
    let at = Instant::now();
    assert!(network.cancel_fetch("main", 7));
    ends_cancelled(running.await.unwrap(), at);
    assert!(!network.cancel_fetch("main", 7), "it is gone");

    // The page reloads: its fetches end (with or without an id).
    let reloaded = start("main", None);
    sent_to_the_server(&server, 2).await;
    let at = Instant::now();
    pages.gone("main");
    ends_cancelled(reloaded.await.unwrap(), at);

    // The window closes: its fetches end, another window's go on.
    let closed = start("second", Some(1));
    let kept = start("third", Some(1));
    sent_to_the_server(&server, 4).await;
    let at = Instant::now();
    network.window_gone("second");
    ends_cancelled(closed.await.unwrap(), at);
    assert!(!kept.is_finished());
    assert!(network.cancel_fetch("third", 1));
    kept.await.unwrap().0.unwrap_err();
}

/// Hostile calls on the network commands: the URL scope (checked before any case runs: none may
/// reach a network), bad arguments, the quota, local networks, and the issue 14 commands from every
/// window label (the runner, the fixture and what "refused" means are in
/// `common/hostile.rs`).
// The hostile fixture is Linux's (a FIFO, links into /proc and /dev): see common/hostile.rs.
#[cfg(target_os = "linux")]
mod hostile {
    use serde_json::{json, Value};

    use crate::common::hostile::Expect::{self, Acl, BadArgs, Kind};
    use crate::common::hostile::{fixture, run, ten_mb, Case, Fixture};

    fn cases(_f: &Fixture) -> Vec<Case> {
        let ten_mb = ten_mb();
        let mut cases = vec![
            // Network: the URL scope, and the arguments.
            Case::new(
                "download: missing url",
                "download",
                json!({}),
                BadArgs("url"),
            ),
            Case::new(
                "download: url as number",
                "download",
                json!({ "url": 1 }),
                BadArgs("url"),
            ),
            Case::new(
                "download: bad channel",
                "download",
                json!({ "url": "https://example.com/", "onEvent": "not-a-channel" }),
                BadArgs("onEvent"),
            ),
            Case::new(
                "download: channel as object",
                "download",
                json!({ "url": "https://example.com/", "onEvent": { "id": 1 } }),
                BadArgs("onEvent"),
            ),
            Case::new(
                "fetch: missing url",
                "fetch_data",
                json!({ "link": "https://example.com/" }),
                BadArgs("url"),
            ),
            Case::new(
                "cancel: id as text",
                "cancel_download",
                json!({ "downloadId": "1" }),
                BadArgs("downloadId"),
            ),
            Case::new(
                "cancel: negative id",
                "cancel_download",
                json!({ "downloadId": -1 }),
                BadArgs("downloadId"),
            ),
            Case::new(
                "cancel: id past u32",
                "cancel_download",
                json!({ "downloadId": 1u64 << 40 }),
                BadArgs("downloadId"),
            ),
            Case::new(
                "cancel: unknown id",
                "cancel_download",
                json!({ "downloadId": 4242 }),
                Kind("notFound"),
            ),
        ];
        for command in ["download", "fetch_data"] {
            for (what, url, kind) in [
                (
                    "10 MB URL",
                    format!("https://example.com/{ten_mb}"),
                    "invalidInput",
                ),
                ("not a URL", "not a url".into(), "invalidInput"),
                (
                    "credentials",
                    "https://user:pw@example.com/".into(),
                    "invalidInput",
                ),
                ("file URL", "file:///etc/passwd".into(), "outsideScope"),
                (
                    "javascript URL",
                    "javascript:alert(1)".into(),
                    "outsideScope",
                ),
                ("data URL", "data:text/plain,hi".into(), "outsideScope"),
                (
                    "plain http off this machine",
                    "http://example.com/".into(),
                    "outsideScope",
                ),
                (
                    "metadata address",
                    "https://169.254.169.254/latest/".into(),
                    "outsideScope",
                ),
                (
                    "metadata as IPv6",
                    "https://[::ffff:169.254.169.254]/".into(),
                    "outsideScope",
                ),
                (
                    "link-local IPv6",
                    "https://[fe80::1]/".into(),
                    "outsideScope",
                ),
                (
                    "unspecified address",
                    "http://0.0.0.0:1/".into(),
                    "outsideScope",
                ),
                (
                    "metadata name",
                    "https://metadata.google.internal/".into(),
                    "outsideScope",
                ),
                ("private 10/8", "https://10.0.0.1/".into(), "outsideScope"),
                (
                    "private 172.16/12",
                    "https://172.20.1.1/".into(),
                    "outsideScope",
                ),
                (
                    "private 192.168/16",
                    "https://192.168.1.1/".into(),
                    "outsideScope",
                ),
                (
                    "shared 100.64/10",
                    "https://100.64.0.1/".into(),
                    "outsideScope",
                ),
                (
                    "unique local IPv6",
                    "https://[fd00::1]/".into(),
                    "outsideScope",
                ),
                (
                    "LAN as IPv4-mapped",
                    "https://[::ffff:192.168.1.1]/".into(),
                    "outsideScope",
                ),
                (
                    "LAN as IPv4-compatible",
                    "https://[::10.0.0.1]/".into(),
                    "outsideScope",
                ),
                (
                    "metadata as NAT64",
                    "https://[64:ff9b::a9fe:a9fe]/".into(),
                    "outsideScope",
                ),
                (
                    "LAN as local-use NAT64",
                    "https://[64:ff9b:1::c0a8:101]/".into(),
                    "outsideScope",
                ),
                (
                    "LAN as 6to4",
                    "https://[2002:c0a8:101::1]/".into(),
                    "outsideScope",
                ),
                (
                    "https on another port",
                    "https://example.com:8443/".into(),
                    "outsideScope",
                ),
                (
                    "https to loopback's other port",
                    "https://127.0.0.1:1/".into(),
                    "outsideScope",
                ),
            ] {
                let what = format!("{command}: {what}");
                cases.push(Case::new(what, command, json!({ "url": url }), Kind(kind)));
            }
        }
        cases.extend(net_cases());
        cases
    }

    /// The commands of issue 14 (fetch ids, the disk quota, local networks): bad arguments from the
    /// windows that may call them.
    fn net_cases() -> Vec<Case> {
        let ten_mb = ten_mb();
        let mut cases = vec![];
        for (what, id) in [
            ("text", json!("1")),
            ("negative", json!(-1)),
            ("past u32", json!(1u64 << 40)),
            ("fraction", json!(1.5)),
            ("object", json!({ "id": 1 })),
        ] {
            cases.push(Case::new(
                format!("fetch: fetchId as {what}"),
                "fetch_data",
                json!({ "url": "https://example.com/", "fetchId": id }),
                BadArgs("fetchId"),
            ));
            cases.push(Case::new(
                format!("cancel fetch: id as {what}"),
                "cancel_fetch",
                json!({ "fetchId": id }),
                BadArgs("fetchId"),
            ));
        }
        cases.push(Case::new(
            "cancel fetch: no id",
            "cancel_fetch",
            json!({}),
            BadArgs("fetchId"),
        ));
        for (what, value) in [
            ("zero", "0".to_owned()),
            ("negative", "-1".into()),
            ("fraction", "1.5".into()),
            ("exponent", "1e9".into()),
            ("past 1 TiB", "1048577".into()),
            ("past u32", "4294967296".into()),
            ("spaces", " 64".into()),
            ("hex", "0x40".into()),
            ("10 MB", ten_mb.clone()),
        ] {
            cases.push(
                Case::new(
                    format!("quota: {what}"),
                    "set_preference",
                    json!({ "key": "downloadQuotaMib", "value": value }),
                    Kind("invalidInput"),
                )
                .from("settings"),
            );
        }
        cases.push(
            Case::new(
                "quota: as a number",
                "set_preference",
                json!({ "key": "downloadQuotaMib", "value": 64 }),
                BadArgs("value"),
            )
            .from("settings"),
        );
        // Local networks: only ranges inside the private and shared ones, and no dialog for others.
        for (what, range) in [
            ("public", "8.8.8.0/24".to_owned()),
            ("everything", "0.0.0.0/0".into()),
            ("all IPv6", "::/0".into()),
            ("wider than 10/8", "10.0.0.0/7".into()),
            ("link-local", "169.254.0.0/16".into()),
            ("metadata", "169.254.169.254".into()),
            ("loopback", "127.0.0.0/8".into()),
            ("IPv6 link-local", "fe80::/10".into()),
            ("mapped spelling", "::ffff:10.0.0.0/104".into()),
            ("prefix 33", "10.0.0.0/33".into()),
            ("words", "my LAN".into()),
            ("empty", String::new()),
            ("10 MB", ten_mb.clone()),
        ] {
            for command in ["add_local_network", "remove_local_network"] {
                cases.push(
                    Case::new(
                        format!("{command}: {what}"),
                        command,
                        json!({ "range": range }),
                        Kind("invalidInput"),
                    )
                    .from("settings"),
                );
            }
        }
        for command in ["add_local_network", "remove_local_network"] {
            for (what, args) in [
                ("number", json!({ "range": 10 })),
                ("missing", json!({})),
                ("list", json!({ "range": ["10.0.0.0/8"] })),
            ] {
                cases.push(
                    Case::new(
                        format!("{command}: {what}"),
                        command,
                        args,
                        BadArgs("range"),
                    )
                    .from("settings"),
                );
            }
        }
        cases.push(
            Case::new(
                "remove_local_network: never allowed",
                "remove_local_network",
                json!({ "range": "10.0.0.0/8" }),
                Kind("notFound"),
            )
            .from("settings"),
        );
        cases
    }

    /// The commands of issue 14 from every window label (the file viewer too, which these cases
    /// open, so they run after the check that no refused `open_file_viewer` opened it).
    fn everywhere_cases() -> Vec<Case> {
        let ten_mb = ten_mb();
        let mut cases = vec![];
        // From every window: granted ones get the typed error above, the others the ACL's refusal.
        let everywhere: [(&'static str, Value, Expect, &[&str]); 6] = [
            (
                "cancel_fetch",
                json!({ "fetchId": "x" }),
                BadArgs("fetchId"),
                &["main"],
            ),
            (
                "fetch_data",
                json!({ "url": "https://10.0.0.1/", "fetchId": 1 }),
                Kind("outsideScope"),
                &["main"],
            ),
            // Reads without arguments: they answer the windows granted them (not a hostile case).
            ("download_usage", json!({ "extra": ten_mb }), Acl, &["main"]),
            ("local_networks", json!({ "range": 1 }), Acl, &["settings"]),
            (
                "add_local_network",
                json!({ "range": "8.8.8.8" }),
                Kind("invalidInput"),
                &["settings"],
            ),
            (
                "remove_local_network",
                json!({ "range": "10.1.0.0/16" }),
                Kind("notFound"),
                &["settings"],
            ),
        ];
        for (command, args, expect, granted) in everywhere {
            for window in ["main", "login", "file-viewer", "settings", "intruder"] {
                let expect = match (granted.contains(&window), expect) {
                    (true, Acl) => continue,
                    (true, expect) => expect,
                    (false, _) => Acl,
                };
                cases.push(
                    Case::new(
                        format!("{command} from {window}"),
                        command,
                        args.clone(),
                        expect,
                    )
                    .from(window),
                );
            }
        }
        cases
    }

    #[test]
    fn hostile_calls_are_refused_in_bounded_time_and_leave_nothing() {
        let f = fixture();
        run(&f, "net", cases(&f), 111);
        run(&f, "net from every window", everywhere_cases(), 28);
    }
}
