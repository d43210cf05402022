//! `download`, `fetch_data` and `stream_progress` through the real IPC path, against a real
//! HTTP server on loopback: the seed's call shapes and payloads exactly, the URL scope taken
//! from the capability, cancelling, concurrency, and what a closed window or reloaded page does.

mod common;

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::http_server::{body, TestServer};
use common::{app, app_with, channel_arg, invoke, net_limits, Frame, TestApp};
use ipc_lab_lib::services::net::http::NetLimits;
use ipc_lab_lib::state::Pages;
use ipc_lab_lib::wiring::events::DownloadStarted;
use serde_json::{json, Value};
use tauri::ipc::CapabilityBuilder;
use tauri::{Listener, Manager, WindowEvent};

/// The JSON messages a channel got, in order.
fn messages(app: &TestApp, channel: u32) -> Vec<Value> {
    app.frames(channel)
        .iter()
        .map(|frame: &Frame| serde_json::from_slice(&frame.bytes).unwrap())
        .collect()
}

/// The `event` tags of `messages`, with runs of `progress` collapsed into one.
fn shape(messages: &[Value]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for message in messages {
        let tag = message["event"].as_str().unwrap().to_owned();
        if tags.last() != Some(&tag) || tag != "progress" {
            tags.push(tag);
        }
    }
    tags
}

/// What the app-wide events carried, by name.
#[derive(Default, Clone)]
struct Heard(Arc<Mutex<Vec<(String, String)>>>);

impl Heard {
    fn listen(app: &TestApp) -> Self {
        let heard = Self::default();
        for name in ["download-started", "download-progress", "download-finished"] {
            let sink = heard.clone();
            app.app.listen(name, move |event| {
                sink.0
                    .lock()
                    .unwrap()
                    .push((name.to_owned(), event.payload().to_owned()));
            });
        }
        heard
    }

    fn payloads(&self, name: &str) -> Vec<String> {
        let heard = self.0.lock().unwrap();
        heard
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, p)| p.clone())
            .collect()
    }
}

#[test]
fn the_seed_download_with_on_event_streams_started_progress_finished_and_emits_the_events() {
    let server = TestServer::start();
    let app = app();
    let main = app.window("main");
    let heard = Heard::listen(&app);
    // The seed's Rust listener, verbatim in spirit: parse the payload as `DownloadStarted`.
    let parsed: Arc<Mutex<Vec<DownloadStarted>>> = Arc::default();
    let sink = Arc::clone(&parsed);
    let event_id = app.app.listen("download-started", move |event| {
        if let Ok(payload) = serde_json::from_str::<DownloadStarted>(event.payload()) {
            sink.lock().unwrap().push(payload);
        }
    });
    let url = server.url("/file/200000");

    let info = invoke(
        &main,
        "download",
        json!({ "url": url, "onEvent": channel_arg(7) }),
    )
    .unwrap();
    app.app.unlisten(event_id);

    let id = info["id"].as_u64().unwrap();
    assert_eq!(info["state"], "finished");
    let path = info["path"].as_str().unwrap();
    assert!(path.starts_with(app.readable().join("downloads").to_str().unwrap()));
    assert!(
        std::fs::read(path).unwrap() == body(200_000),
        "byte for byte"
    );

    let stream = messages(&app, 7);
    assert_eq!(shape(&stream), ["started", "progress", "finished"]);
    assert_eq!(
        stream[0],
        json!({ "event": "started", "data": { "url": url, "downloadId": id, "contentLength": 200_000 } })
    );
    let progress: u64 = stream[1..stream.len() - 1]
        .iter()
        .map(|m| {
            let data = m["data"].as_object().unwrap();
            assert_eq!(
                data.keys().collect::<Vec<_>>(),
                ["chunkLength", "downloadId"]
            );
            assert_eq!(data["downloadId"], id);
            data["chunkLength"].as_u64().unwrap()
        })
        .sum();
    assert_eq!(progress, 200_000);
    assert_eq!(
        stream.last().unwrap(),
        &json!({ "event": "finished", "data": { "downloadId": id } })
    );

    assert_eq!(
        *parsed.lock().unwrap(),
        vec![DownloadStarted {
            url: url.clone(),
            download_id: id as u32,
            content_length: Some(200_000)
        }]
    );
    let percents: Vec<u32> = heard
        .payloads("download-progress")
        .iter()
        .map(|p| p.parse().unwrap())
        .collect();
    assert_eq!(percents.last(), Some(&100));
    assert!(percents.windows(2).all(|w| w[0] < w[1]), "{percents:?}");
    assert_eq!(
        heard.payloads("download-finished"),
        vec![json!(url).to_string()]
    );
}

#[test]
fn the_seed_download_without_a_channel_still_emits_the_events() {
    let server = TestServer::start();
    let app = app();
    let heard = Heard::listen(&app);
    let url = server.url("/chunked/5000");
    let info = invoke(&app.window("main"), "download", json!({ "url": url })).unwrap();
    assert_eq!(info["received"], 5000);
    assert_eq!(info["total"], Value::Null);
    let started: Value = serde_json::from_str(&heard.payloads("download-started")[0]).unwrap();
    assert_eq!(
        started,
        json!({ "url": url, "downloadId": info["id"], "contentLength": null })
    );
    assert!(
        heard.payloads("download-progress").is_empty(),
        "no percentage without a length"
    );
    assert_eq!(heard.payloads("download-finished").len(), 1);
    assert!(app.frames(7).is_empty());
}

#[test]
fn stream_progress_sends_0_to_100_in_order() {
    let app = app();
    let result = invoke(
        &app.window("main"),
        "stream_progress",
        json!({ "onProgress": channel_arg(3) }),
    );
    assert_eq!(result, Ok(Value::Null));
    let frames = app.frames(3);
    let numbers: Vec<u32> = frames
        .iter()
        .map(|f| serde_json::from_slice(&f.bytes).unwrap())
        .collect();
    assert_eq!(numbers, (0..=100).collect::<Vec<_>>());
    assert!(frames.iter().all(|f| !f.raw));
}

#[test]
fn fetch_data_answers_the_body_or_the_exact_error() {
    let server = TestServer::start();
    let app = app();
    let main = app.window("main");
    let fetch = |url: String| invoke(&main, "fetch_data", json!({ "url": url }));
    assert_eq!(
        fetch(server.url("/text")),
        Ok(json!("hello from the loopback server\n"))
    );
    assert_eq!(
        fetch(server.url("/status/404")),
        Err(json!({ "kind": "http", "message": "HTTP error: HTTP 404 Not Found" }))
    );
    assert_eq!(
        fetch("ftp://127.0.0.1/x".into()),
        Err(json!({
            "kind": "outsideScope",
            "message": "outside the allowed scope: only http and https URLs can be fetched, not ftp:"
        }))
    );
    assert_eq!(
        fetch(server.url("/half/100")).unwrap_err()["kind"],
        "timeout"
    );
}

#[test]
fn the_windows_capability_decides_which_urls_it_reaches_before_anything_is_sent() {
    let server = TestServer::start();
    let app = app();
    app.app
        .add_capability(
            CapabilityBuilder::new("test-narrow-network")
                .window("narrow")
                .permission_scoped(
                    "network",
                    vec![json!({ "url": server.url("/file/*") })],
                    vec![json!({ "url": server.url("/file/666*") })],
                ),
        )
        .unwrap();
    let narrow = app.window("narrow");
    let refused = json!({
        "kind": "outsideScope",
        "message": format!(
            "outside the allowed scope: http://{} is not in this window's URL scope",
            server.addr
        ),
    });
    for path in ["/text", "/file/666", "/status/200"] {
        for command in ["download", "fetch_data"] {
            let error = invoke(&narrow, command, json!({ "url": server.url(path) }));
            assert_eq!(error, Err(refused.clone()), "{command} {path}");
        }
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
    assert_eq!(
        invoke(
            &narrow,
            "fetch_data",
            json!({ "url": server.url("/file/10") })
        )
        .unwrap()
        .as_str()
        .map(str::len),
        Some(String::from_utf8_lossy(&body(10)).len())
    );

    // The main window's own scope: https anywhere, http on this machine; never a refused address.
    let main = app.window("main");
    let port = server.addr.port();
    for url in [
        format!("http://0.0.0.0:{port}/file/1"),
        format!("http://example.com:{port}/file/1"),
        "https://169.254.169.254/latest/meta-data/".into(),
        "https://[fe80::1]/".into(),
        "https://metadata.google.internal/".into(),
        "file:///etc/passwd".into(),
        "javascript:alert(1)".into(),
    ] {
        let error = invoke(
            &main,
            "download",
            json!({ "url": url, "onEvent": channel_arg(4) }),
        )
        .unwrap_err();
        assert_eq!(error["kind"], "outsideScope", "{url}: {error}");
    }
    assert!(
        app.frames(4).is_empty(),
        "a refused URL gets no id and no messages"
    );
    assert_eq!(server.requests(), vec!["/file/10"]);
    assert_eq!(
        invoke(&main, "list_downloads", json!({})).unwrap(),
        json!([]),
        "nothing refused was listed"
    );
}

#[test]
fn twenty_downloads_at_once_all_finish_in_order_while_greet_answers() {
    let server = TestServer::start();
    let app = app();
    let main = app.window("main");
    let lengths: Vec<usize> = (0..20).map(|i| 50_000 + i * 7_919).collect();
    let greets = std::thread::scope(|scope| {
        let downloads: Vec<_> = lengths
            .iter()
            .enumerate()
            .map(|(i, len)| {
                let (main, url) = (main.clone(), server.url(&format!("/slow/{len}")));
                scope.spawn(move || {
                    invoke(
                        &main,
                        "download",
                        json!({ "url": url, "onEvent": channel_arg(100 + i as u32) }),
                    )
                })
            })
            .collect();
        // Greets answered while downloads were still running. The server paces the 20
        // downloads (16 KiB every 20 ms: 162 pieces, three downloads at once) over at least
        // 1 s whatever the load, so greets served beside them answer dozens of times before
        // the last one ends, while greets stuck behind the downloads would answer only after
        // it. Counted against the downloads' own progress, not a clock.
        let mut answered_while_running = 0;
        let mut slowest = Duration::ZERO;
        while downloads.iter().any(|d| !d.is_finished()) {
            let started = Instant::now();
            assert_eq!(
                invoke(&main, "greet", json!({ "name": "busy" })),
                Ok(json!("Hello, busy!"))
            );
            slowest = slowest.max(started.elapsed());
            if downloads.iter().any(|d| !d.is_finished()) {
                answered_while_running += 1;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        for download in downloads {
            assert_eq!(download.join().unwrap().unwrap()["state"], "finished");
        }
        (answered_while_running, slowest)
    });
    assert!(
        greets.0 >= 5,
        "only {} greets answered during the downloads (the slowest took {:?})",
        greets.0,
        greets.1
    );
    for (i, len) in lengths.iter().enumerate() {
        let channel = 100 + i as u32;
        let frames = app.frames(channel);
        assert!(
            frames.iter().enumerate().all(|(n, f)| f.index == n),
            "channel {channel}: every frame once, in order"
        );
        let stream = messages(&app, channel);
        let tags = shape(&stream);
        assert!(
            tags == ["started", "progress", "finished"]
                || tags == ["queued", "started", "progress", "finished"],
            "channel {channel}: {tags:?}"
        );
        let bytes: u64 = stream
            .iter()
            .filter(|m| m["event"] == "progress")
            .map(|m| m["data"]["chunkLength"].as_u64().unwrap())
            .sum();
        assert_eq!(bytes, *len as u64, "channel {channel}");
    }
    let queued = (0..20)
        .filter(|i| messages(&app, 100 + i)[0]["event"] == "queued")
        .count();
    assert!(queued > 0, "only 3 run at once, so some had to queue");
    let saved = std::fs::read_dir(app.readable().join("downloads"))
        .unwrap()
        .count();
    assert_eq!(saved, 20);
}

/// An app whose stalled downloads wait long enough for the test to act on them.
fn patient_app() -> TestApp {
    app_with(NetLimits {
        stall_timeout: Duration::from_secs(60),
        ..net_limits()
    })
}

/// Starts `download` of `url` from `window` on `channel` in a thread; returns its result later.
fn start_download(
    app: &TestApp,
    window: &str,
    url: String,
    channel: u32,
) -> std::thread::JoinHandle<Result<Value, Value>> {
    let window = app.window(window);
    std::thread::spawn(move || {
        invoke(
            &window,
            "download",
            json!({ "url": url, "onEvent": channel_arg(channel) }),
        )
    })
}

/// Waits until `channel` has had `bytes` of progress.
fn wait_for_progress(app: &TestApp, channel: u32, bytes: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let stream = messages(app, channel);
        let got: u64 = stream
            .iter()
            .filter(|m| m["event"] == "progress")
            .map(|m| m["data"]["chunkLength"].as_u64().unwrap())
            .sum();
        if got >= bytes {
            return stream[0]["data"]["downloadId"].as_u64().unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "no progress on {channel}: {stream:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// How soon a cancel ends a download or fetch that nothing else would end for 60 s or more.
const CANCEL_BOUND: Duration = Duration::from_secs(5);

#[test]
fn cancel_download_at_half_way_resolves_within_a_second_and_leaves_nothing() {
    let server = TestServer::start();
    let app = patient_app();
    let (done_tx, done_rx) = mpsc::channel();
    let running = start_download(&app, "main", server.url("/half/4000000"), 9);
    let id = wait_for_progress(&app, 9, 2_000_000);
    let main = app.window("main");
    let cancelled_at = Instant::now();
    assert_eq!(
        invoke(&main, "cancel_download", json!({ "downloadId": id })),
        Ok(Value::Null)
    );
    std::thread::spawn(move || done_tx.send(running.join().unwrap()).unwrap());
    // The server sends nothing after half and the stall timeout is 60 s: only the cancel can
    // end the download now (`cancelled` says it did). 5 s leaves a loaded machine room and
    // still fails a cancel that waits for the next byte or the stall.
    let result = done_rx
        .recv_timeout(CANCEL_BOUND)
        .expect("the download did not end within 5 s of its cancel");
    assert!(cancelled_at.elapsed() < CANCEL_BOUND);
    assert_eq!(
        result.unwrap_err(),
        json!({ "kind": "cancelled", "message": "cancelled" })
    );
    let stream = messages(&app, 9);
    assert_eq!(shape(&stream), ["started", "progress", "cancelled"]);
    assert!(
        std::fs::read_dir(app.readable().join("downloads"))
            .unwrap()
            .next()
            .is_none(),
        "nothing left behind"
    );
    // Idempotent; an unknown id is notFound.
    assert_eq!(
        invoke(&main, "cancel_download", json!({ "downloadId": id })),
        Ok(Value::Null)
    );
    assert_eq!(
        invoke(&main, "cancel_download", json!({ "downloadId": 4242 })),
        Err(json!({ "kind": "notFound", "message": "not found: no download 4242" }))
    );
}

#[test]
fn a_download_stops_when_its_window_is_closed() {
    let server = TestServer::start();
    let app = patient_app();
    grant_loopback_network(&app, "second");
    let running = start_download(&app, "second", server.url("/half/100000"), 5);
    let kept = start_download(&app, "main", server.url("/half/100000"), 6);
    let closed_id = wait_for_progress(&app, 5, 50_000);
    let kept_id = wait_for_progress(&app, 6, 50_000);
    let second = app.window("second");
    ipc_lab_lib::wiring::windows::on_window_event(
        &second.as_ref().window(),
        &WindowEvent::Destroyed,
    );
    assert_eq!(running.join().unwrap().unwrap_err()["kind"], "cancelled");
    let main = app.window("main");
    let list = invoke(&main, "list_downloads", json!({})).unwrap();
    let state_of = |id: u64| {
        let found = list.as_array().unwrap().iter().find(|d| d["id"] == id);
        found.unwrap()["state"].clone()
    };
    assert_eq!(state_of(closed_id), "cancelled");
    assert_eq!(state_of(kept_id), "running", "main's own download goes on");
    invoke(&main, "cancel_download", json!({ "downloadId": kept_id })).unwrap();
    kept.join().unwrap().unwrap_err();
}

#[test]
fn after_a_reload_the_download_goes_on_and_list_downloads_follows_it() {
    let server = TestServer::start();
    let app = app();
    let running = start_download(&app, "main", server.url("/slow/600000"), 8);
    let id = wait_for_progress(&app, 8, 1);
    // What `on_page_load` does when the page reloads: the old page's channel is not fed again.
    app.app.state::<Pages>().gone("main");
    let sent_before = app.frames(8).len();
    let main = app.window("main");
    let listed = invoke(&main, "list_downloads", json!({})).unwrap();
    assert_eq!(listed[0]["id"], id);
    assert_eq!(listed[0]["state"], "running");
    assert_eq!(listed[0]["total"], 600_000);
    let info = running.join().unwrap().unwrap();
    assert!(
        app.frames(8).len() <= sent_before + 1,
        "at most one message was in flight"
    );
    let listed = invoke(&main, "list_downloads", json!({})).unwrap();
    assert_eq!(listed, json!([info]));
    assert_eq!(listed[0]["received"], 600_000);
}

/// Waits until `ready` holds (at most 10 s).
fn wait_until(what: &str, ready: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn every_fetch_and_download_place_held_by_a_dripping_server_starves_neither_greet_nor_reads() {
    let server = TestServer::start();
    let app = patient_app();
    let main = app.window("main");
    let readable = app.put("note.txt", b"still readable");
    let network = app.app.state::<ipc_lab_lib::state::Network>();
    // Every fetch place (4) and download place (3), and two downloads queued behind them.
    let fetches: Vec<_> = (0..4)
        .map(|id| {
            let (main, url) = (main.clone(), server.url("/drip"));
            std::thread::spawn(move || {
                invoke(&main, "fetch_data", json!({ "url": url, "fetchId": id }))
            })
        })
        .collect();
    let downloads: Vec<_> = (0..5)
        .map(|i| start_download(&app, "main", server.url("/drip"), 40 + i))
        .collect();
    wait_until("3 running and 2 queued downloads", || {
        let list = network.list();
        let count = |state| list.iter().filter(|d| d.state == state).count();
        count(ipc_lab_lib::models::WorkState::Running) == 3
            && count(ipc_lab_lib::models::WorkState::Queued) == 2
    });
    wait_until("the 4 fetches receiving", || {
        server.requests().iter().filter(|r| *r == "/drip").count() >= 7
    });
    let busy = invoke(&main, "fetch_data", json!({ "url": server.url("/text") })).unwrap_err();
    assert_eq!(busy["kind"], "busy", "a fifth fetch finds no place: {busy}");

    let mut slowest = Duration::ZERO;
    for _ in 0..10 {
        let started = Instant::now();
        assert_eq!(
            invoke(&main, "greet", json!({ "name": "drip" })),
            Ok(json!("Hello, drip!"))
        );
        assert_eq!(
            invoke(&main, "read_file", json!({ "path": readable })),
            Ok(json!("still readable"))
        );
        slowest = slowest.max(started.elapsed());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        slowest < Duration::from_secs(1),
        "greet + read_file took {slowest:?}"
    );

    // The page lets go: every fetch ends cancelled, every download too.
    for id in 0..4 {
        assert_eq!(
            invoke(&main, "cancel_fetch", json!({ "fetchId": id })),
            Ok(json!(true))
        );
    }
    for fetch in fetches {
        assert_eq!(
            fetch.join().unwrap(),
            Err(json!({ "kind": "cancelled", "message": "cancelled" }))
        );
    }
    for d in network.list() {
        invoke(&main, "cancel_download", json!({ "downloadId": d.id })).unwrap();
    }
    for download in downloads {
        assert_eq!(download.join().unwrap().unwrap_err()["kind"], "cancelled");
    }
    assert_eq!(
        std::fs::read_dir(app.readable().join("downloads"))
            .unwrap()
            .count(),
        0,
        "nothing partial left"
    );
}

#[test]
fn fetch_data_keeps_the_seed_call_and_a_fetch_id_lets_only_its_window_cancel_it() {
    let server = TestServer::start();
    let app = patient_app();
    grant_loopback_network(&app, "second");
    let main = app.window("main");
    let second = app.window("second");
    // The seed's call, verbatim: no fetchId.
    assert_eq!(
        invoke(&main, "fetch_data", json!({ "url": server.url("/text") })),
        Ok(json!("hello from the loopback server\n"))
    );
    assert_eq!(
        invoke(
            &main,
            "fetch_data",
            json!({ "url": server.url("/text"), "fetchId": null })
        ),
        Ok(json!("hello from the loopback server\n"))
    );
    let running = {
        let (main, url) = (main.clone(), server.url("/drip"));
        std::thread::spawn(move || {
            invoke(&main, "fetch_data", json!({ "url": url, "fetchId": 42 }))
        })
    };
    wait_until("the fetch to reach the server", || {
        server.requests().contains(&"/drip".to_owned())
    });
    assert_eq!(
        invoke(&second, "cancel_fetch", json!({ "fetchId": 42 })),
        Ok(json!(false)),
        "another window's fetch is out of reach"
    );
    assert!(!running.is_finished());
    let at = Instant::now();
    assert_eq!(
        invoke(&main, "cancel_fetch", json!({ "fetchId": 42 })),
        Ok(json!(true))
    );
    assert_eq!(
        running.join().unwrap(),
        Err(json!({ "kind": "cancelled", "message": "cancelled" }))
    );
    // The drip goes on for 2 minutes and the fetch deadline is 60 s: only the cancel ends it
    // this soon.
    assert!(at.elapsed() < CANCEL_BOUND);
    assert_eq!(
        invoke(&main, "cancel_fetch", json!({ "fetchId": 42 })),
        Ok(json!(false))
    );
}

#[test]
fn a_fetch_ends_when_its_page_reloads() {
    let server = TestServer::start();
    let app = patient_app();
    let main = app.window("main");
    let running = {
        let (main, url) = (main.clone(), server.url("/drip"));
        std::thread::spawn(move || invoke(&main, "fetch_data", json!({ "url": url })))
    };
    wait_until("the fetch to reach the server", || {
        server.requests().contains(&"/drip".to_owned())
    });
    let at = Instant::now();
    app.app.state::<Pages>().gone("main");
    assert_eq!(running.join().unwrap().unwrap_err()["kind"], "cancelled");
    assert!(
        at.elapsed() < CANCEL_BOUND,
        "only the reload ends it this soon"
    );
}

#[test]
fn the_quota_set_in_settings_holds_and_download_usage_shows_it() {
    let server = TestServer::start();
    let app = app();
    let main = app.window("main");
    let settings = app.window("settings");
    let usage = invoke(&main, "download_usage", json!({})).unwrap();
    assert_eq!(
        usage,
        json!({
            "usedBytes": 0,
            "reservedBytes": 0,
            "quotaBytes": 2_147_483_648_u64,
            "freeBytes": common::PLENTY,
            "freeReserveBytes": 536_870_912,
        })
    );
    let prefs = invoke(
        &settings,
        "set_preference",
        json!({ "key": "downloadQuotaMib", "value": "1" }),
    )
    .unwrap();
    assert_eq!(
        prefs,
        json!({ "notification": "all", "downloadQuotaMib": 1 })
    );
    let kept = invoke(
        &main,
        "download",
        json!({ "url": server.url("/file/700000") }),
    )
    .unwrap();
    assert_eq!(kept["state"], "finished");
    let refused = invoke(
        &main,
        "download",
        json!({ "url": server.url("/file/400000") }),
    );
    let error = refused.unwrap_err();
    assert_eq!(error["kind"], "quotaExceeded", "{error}");
    assert_eq!(
        error["message"],
        "quota exceeded: 0.4 MiB more would pass the downloads quota of 1.0 MiB (0.7 MiB used or claimed)"
    );
    let mid_stream = invoke(
        &main,
        "download",
        json!({ "url": server.url("/slow-chunked/400000"), "onEvent": channel_arg(61) }),
    );
    assert_eq!(mid_stream.unwrap_err()["kind"], "quotaExceeded");
    assert_eq!(
        shape(&messages(&app, 61)),
        ["started", "progress", "failed"]
    );
    let usage = invoke(&main, "download_usage", json!({})).unwrap();
    assert_eq!(usage["usedBytes"], 700_000);
    assert_eq!(usage["quotaBytes"], 1_048_576);
    // A nearly full disk: the reserve is kept.
    app.set_free_space(600 * 1024 * 1024);
    invoke(
        &settings,
        "set_preference",
        json!({ "key": "downloadQuotaMib", "value": "2048" }),
    )
    .unwrap();
    let full = invoke(
        &main,
        "download",
        json!({ "url": server.url("/declared/100000000") }),
    );
    assert_eq!(full.unwrap_err()["kind"], "diskFull");
    let names: Vec<_> = std::fs::read_dir(app.readable().join("downloads"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["700000"], "nothing partial left");
    // The quota is a preference: it is back after a restart (read by main, set in settings).
    assert_eq!(
        invoke(&main, "preferences", json!({})).unwrap()["downloadQuotaMib"],
        2048
    );
}

#[test]
fn a_local_network_is_allowed_only_by_the_users_ok_in_the_dialog_from_the_settings_window() {
    let app = app();
    let settings = app.window("settings");
    let main = app.window("main");
    assert_eq!(
        invoke(&settings, "local_networks", json!({})),
        Ok(json!([]))
    );
    // The user cancels: nothing changes.
    assert_eq!(
        invoke(
            &settings,
            "add_local_network",
            json!({ "range": "192.168.1.0/24" })
        ),
        Ok(json!([]))
    );
    app.user_answers(true);
    assert_eq!(
        invoke(
            &settings,
            "add_local_network",
            json!({ "range": "192.168.1.9/24" })
        ),
        Ok(json!(["192.168.1.0/24"]))
    );
    {
        let questions = app.questions.lock().unwrap();
        assert_eq!(questions.len(), 2);
        let (window, question) = &questions[1];
        assert_eq!(
            window, "settings",
            "the dialog is parented to the asking window"
        );
        assert_eq!(question.ok, "Allow");
        assert!(question.message.contains("192.168.1.0/24"), "{question:?}");
    }
    // Saved in the private folder, nowhere readable.
    let saved = std::fs::read_to_string(app.private().join("local-networks.json")).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&saved).unwrap(),
        json!(["192.168.1.0/24"])
    );
    // Refused without a dialog: outside the local networks.
    let error = invoke(
        &settings,
        "add_local_network",
        json!({ "range": "8.8.8.0/24" }),
    );
    assert_eq!(error.unwrap_err()["kind"], "invalidInput");
    assert_eq!(app.questions.lock().unwrap().len(), 2);
    // Main may not ask, list or remove (desktop): only the settings window.
    for command in [
        "add_local_network",
        "remove_local_network",
        "local_networks",
    ] {
        let error = invoke(&main, command, json!({ "range": "10.0.0.0/8" })).unwrap_err();
        assert!(
            error.as_str().is_some_and(|e| e.contains("not allowed")),
            "{command}: {error}"
        );
    }
    // The range is in force at once for main's requests (checked, not sent), others are not.
    let network = app.app.state::<ipc_lab_lib::state::Network>();
    let main_scope =
        ipc_lab_lib::services::net::url_scope::UrlScope::from_patterns(&["https://*:443"], &[])
            .unwrap();
    let check = |url: &str| {
        network
            .client()
            .check(&main_scope, &url::Url::parse(url).unwrap())
            .map_err(|e| e.kind())
    };
    assert_eq!(check("https://192.168.1.20/"), Ok(()));
    let refused = Err(ipc_lab_lib::error::ErrorKind::OutsideScope);
    assert_eq!(check("https://192.168.2.20/"), refused);
    let error = invoke(
        &main,
        "fetch_data",
        json!({ "url": "https://192.168.2.20/" }),
    );
    assert_eq!(error.unwrap_err()["kind"], "outsideScope");
    assert_eq!(
        invoke(
            &settings,
            "remove_local_network",
            json!({ "range": "192.168.1.0/24" })
        ),
        Ok(json!([]))
    );
    assert_eq!(check("https://192.168.1.20/"), refused);
    assert_eq!(
        invoke(
            &settings,
            "remove_local_network",
            json!({ "range": "192.168.1.0/24" })
        )
        .unwrap_err()["kind"],
        "notFound"
    );
}

/// Grants window `label` the network commands for http on this machine (as main has them).
fn grant_loopback_network(app: &TestApp, label: &str) {
    app.app
        .add_capability(
            CapabilityBuilder::new(format!("test-network-{label}"))
                .window(label)
                .permission_scoped(
                    "network",
                    vec![json!({ "url": "http://127.0.0.1:*" })],
                    vec![],
                ),
        )
        .unwrap();
}
