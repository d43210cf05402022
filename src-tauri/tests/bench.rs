//! The bench's payloads through the real IPC path: each encoding is what it says on the wire
//! (raw frames are raw, JSON arrays are JSON), channel runs arrive whole and in order (mixed
//! sizes straddling Tauri's thresholds included), and a run outside `--bench`/`--self-test`
//! cannot end the app.

mod common;

use base64::Engine;
use common::{app, channel_arg, headers, invoke, invoke_raw};
use ipc_lab_lib::services::bench::{bytes, MIXED_SIZES};
use serde_json::{json, Value};
use tauri::ipc::{InvokeBody, InvokeResponseBody};

#[test]
fn bench_bytes_answers_in_the_encoding_asked_for() {
    let app = app();
    let main = app.window("main");
    let call = |encoding: &str| {
        invoke_raw(
            &main,
            "bench_bytes",
            InvokeBody::Json(json!({ "size": 1025, "encoding": encoding })),
            headers(&[]),
        )
        .unwrap()
    };
    let expected = bytes(1025).unwrap();
    match call("raw") {
        InvokeResponseBody::Raw(raw) => assert!(raw == expected),
        other @ InvokeResponseBody::Json(_) => panic!("not raw: {other:?}"),
    }
    match call("jsonArray") {
        InvokeResponseBody::Json(text) => {
            assert_eq!(serde_json::from_str::<Vec<u8>>(&text).unwrap(), expected);
        }
        other @ InvokeResponseBody::Raw(_) => panic!("not JSON: {other:?}"),
    }
    match call("base64") {
        InvokeResponseBody::Json(text) => {
            let encoded: String = serde_json::from_str(&text).unwrap();
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .unwrap();
            assert!(decoded == expected);
        }
        other @ InvokeResponseBody::Raw(_) => panic!("not JSON: {other:?}"),
    }
    // A chunk: the pattern from `offset` on, as the scheme's `bytes/<n>/<offset>` serves it.
    let chunk = invoke_raw(
        &main,
        "bench_bytes",
        InvokeBody::Json(json!({ "size": 3, "encoding": "raw", "offset": 250 })),
        headers(&[]),
    );
    assert!(matches!(chunk, Ok(InvokeResponseBody::Raw(b)) if b == [250, 0, 1]));
    let too_big = invoke(
        &main,
        "bench_bytes",
        json!({ "size": 64 * 1024 * 1024 + 1, "encoding": "raw" }),
    );
    assert_eq!(too_big.unwrap_err()["kind"], "tooLarge");
}

#[test]
fn bench_upload_counts_bytes_in_every_encoding() {
    let app = app();
    let main = app.window("main");
    let upload = |body: InvokeBody| {
        invoke_raw(&main, "bench_upload", body, headers(&[]))
            .map(|b| b.deserialize::<Value>().unwrap())
    };
    let pattern = bytes(4096).unwrap();
    assert_eq!(upload(InvokeBody::Raw(pattern.to_vec())), Ok(json!(4096)));
    assert_eq!(upload(InvokeBody::Json(json!([0, 1, 2]))), Ok(json!(3)));
    let encoded = base64::engine::general_purpose::STANDARD.encode(&pattern[..10]);
    assert_eq!(upload(InvokeBody::Json(json!(encoded))), Ok(json!(10)));
    // The command checks what it got as the scheme's POST floor does: the pattern, in place.
    assert_eq!(
        upload(InvokeBody::Raw(vec![7; 4096])).unwrap_err()["kind"],
        "invalidInput"
    );
    assert_eq!(
        upload(InvokeBody::Json(json!([1, 256]))).unwrap_err()["kind"],
        "invalidInput"
    );
    assert_eq!(
        upload(InvokeBody::Json(json!({ "a": 1 }))).unwrap_err()["kind"],
        "invalidInput"
    );
}

/// The messages of a channel, decoded: raw frames as their first 4 bytes (LE) and length, JSON
/// as the sequence number and pad length.
fn decoded(app: &common::TestApp, channel: u32) -> Vec<(u32, usize, bool)> {
    app.frames(channel)
        .iter()
        .map(|frame| {
            if frame.raw {
                let mut tag = [0u8; 4];
                let n = frame.bytes.len().min(4);
                tag[..n].copy_from_slice(&frame.bytes[..n]);
                (u32::from_le_bytes(tag), frame.bytes.len(), true)
            } else {
                match serde_json::from_slice::<Value>(&frame.bytes).unwrap() {
                    Value::Number(n) => (n.as_u64().unwrap() as u32, 0, false),
                    Value::Array(parts) => (
                        parts[0].as_u64().unwrap() as u32,
                        parts[1].as_str().unwrap().len(),
                        false,
                    ),
                    other => panic!("unexpected {other}"),
                }
            }
        })
        .collect()
}

#[test]
fn a_mixed_channel_run_arrives_whole_in_order_with_every_size() {
    let app = app();
    let main = app.window("main");
    let run = json!({ "kind": "mixed", "count": 900, "size": 0, "batch": 1 });
    let sent = invoke(
        &main,
        "bench_channel",
        json!({ "onMessage": channel_arg(4), "run": run }),
    );
    assert_eq!(sent, Ok(json!(900)));
    let got = decoded(&app, 4);
    assert_eq!(got.len(), 900);
    for (i, (seq, size, raw)) in got.iter().enumerate() {
        let expected_size = MIXED_SIZES[i % MIXED_SIZES.len()];
        // A raw frame shorter than 4 bytes carries only part of its sequence number.
        if *raw && expected_size < 4 {
            assert_eq!(*size, expected_size);
            continue;
        }
        assert_eq!(
            (*seq as usize, *size, *raw),
            (i, expected_size, i % 2 == 0),
            "message {i}"
        );
    }
}

#[test]
fn a_tagged_run_ends_with_one_terminal_message_carrying_the_count() {
    let app = app();
    let main = app.window("main");
    let tagged = json!({ "kind": "tagged", "count": 3, "size": 0, "batch": 1 });
    let sent = invoke(
        &main,
        "bench_channel",
        json!({ "onMessage": channel_arg(8), "run": tagged }),
    );
    assert_eq!(sent, Ok(json!(3)));
    let frames: Vec<Value> = app
        .frames(8)
        .iter()
        .map(|f| serde_json::from_slice(&f.bytes).unwrap())
        .collect();
    assert_eq!(
        frames,
        vec![
            json!({ "event": "data", "data": 0 }),
            json!({ "event": "data", "data": 1 }),
            json!({ "event": "end", "data": 3 })
        ]
    );
}

#[test]
fn a_batched_run_puts_consecutive_messages_in_each_frame() {
    let app = app();
    let main = app.window("main");
    let run = json!({ "kind": "json", "count": 10, "size": 0, "batch": 4 });
    invoke(
        &main,
        "bench_channel",
        json!({ "onMessage": channel_arg(5), "run": run }),
    )
    .unwrap();
    let frames: Vec<Value> = app
        .frames(5)
        .iter()
        .map(|f| serde_json::from_slice(&f.bytes).unwrap())
        .collect();
    assert_eq!(
        frames,
        vec![json!([0, 1, 2, 3]), json!([4, 5, 6, 7]), json!([8, 9])]
    );
    let bad = json!({ "kind": "raw", "count": 10, "size": 0, "batch": 0 });
    let error = invoke(
        &main,
        "bench_channel",
        json!({ "onMessage": channel_arg(6), "run": bad }),
    );
    assert_eq!(error.unwrap_err()["kind"], "invalidInput");
}

#[test]
fn outside_a_suite_the_run_mode_is_normal_and_finish_run_is_refused() {
    let app = app();
    let main = app.window("main");
    // The mock IPC sends no headers of its own: as over postMessage.
    assert_eq!(
        invoke(&main, "run_mode", json!({})),
        Ok(json!({
            "suite": null,
            "quick": false,
            "transport": "postMessage",
            // The app ships without the isolation pattern (tauri.conf.json).
            "pattern": "brownfield",
            "scale": {
                "name": "full", "mixed": 200_000, "small": 1_000_000, "tagged": 10_000,
                "mounts": 1000, "reloads": 20
            },
            // Built for the desktop it runs on: its name is the target's OS.
            "platform": std::env::consts::OS,
            "mobile": false,
        }))
    );
    // Over the ipc: custom protocol Tauri's own Tauri-Callback header comes with the request.
    let over_protocol = invoke_raw(
        &main,
        "run_mode",
        InvokeBody::Json(json!({})),
        headers(&[("Tauri-Callback", "1")]),
    );
    match over_protocol {
        Ok(InvokeResponseBody::Json(text)) => assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap()["transport"],
            "customProtocol"
        ),
        other => panic!("not JSON: {other:?}"),
    }
    assert_eq!(
        invoke(
            &main,
            "finish_run",
            json!({ "results": {}, "passed": true })
        ),
        Err(json!({
            "kind": "permissionDenied",
            "message": "permission denied: the app was not started with --bench or --self-test"
        }))
    );
    assert_eq!(
        invoke(
            &main,
            "run_progress",
            json!({ "suite": "channel", "reload": null })
        ),
        Err(json!({
            "kind": "permissionDenied",
            "message": "permission denied: the app was not started with --self-test"
        }))
    );
}

#[test]
fn bench_reports_are_kept_newest_first_across_a_restart() {
    let app = app();
    let main = app.window("main");
    assert_eq!(invoke(&main, "bench_reports", json!({})), Ok(json!([])));
    for n in 1..=7 {
        let results =
            json!({ "environment": {}, "figures": [{ "id": "invoke.sync.p50", "value": n }] });
        let saved = invoke(
            &main,
            "save_bench_report",
            json!({ "results": results, "quick": n == 7, "completed": true }),
        )
        .unwrap();
        assert_eq!(saved["id"], n);
        assert_eq!(saved["results"], results);
        assert!(saved["savedMs"].as_f64().unwrap() > 1.7e12);
    }
    let kept = invoke(&main, "bench_reports", json!({})).unwrap();
    let ids: Vec<_> = kept
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(ids, [7, 6, 5, 4, 3, 2], "newest first, six kept");
    assert_eq!(kept[0]["quick"], true);

    let restarted = ipc_lab_lib::state::BenchHistory::open(&app.private()).unwrap();
    assert_eq!(serde_json::to_value(restarted.reports()).unwrap(), kept);
}

#[test]
fn the_json_payload_and_its_serde_cost() {
    let app = app();
    let main = app.window("main");
    let records = invoke(&main, "bench_json", json!({ "records": 3 })).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 3);
    assert_eq!(records[2]["email"], "user2@example.com");
    let by_eval = invoke(
        &main,
        "bench_json_eval",
        json!({ "records": 3, "callback": 5 }),
    );
    assert_eq!(by_eval, Ok(json!(3)));
    let nanos = invoke(&main, "bench_serde", json!({ "records": 100 })).unwrap();
    assert!(nanos.as_f64().unwrap() > 0.0);
    assert_eq!(
        invoke(&main, "bench_events", json!({ "count": 3 })),
        Ok(json!(3))
    );
    assert_eq!(
        invoke(&main, "bench_eval", json!({ "count": 3 })),
        Ok(json!(3))
    );
    assert_eq!(
        invoke(&main, "bench_eval", json!({ "count": 3, "callback": 9 })),
        Ok(json!(3))
    );
}

#[test]
fn a_batched_run_arrives_as_json_arrays_in_order_under_the_eval_threshold() {
    let app = app();
    let main = app.window("main");
    let sent = invoke(
        &main,
        "bench_batched",
        json!({ "onMessage": channel_arg(6), "count": 5000 }),
    );
    assert_eq!(sent, Ok(json!(5000)));
    let frames = app.frames(6);
    assert!(
        frames.len() > 1 && frames.len() < 100,
        "{} frames",
        frames.len()
    );
    let mut numbers = Vec::new();
    for frame in &frames {
        assert!(
            !frame.raw && frame.bytes.len() < 8192,
            "a frame Tauri evaluates"
        );
        numbers.extend(serde_json::from_slice::<Vec<u32>>(&frame.bytes).unwrap());
    }
    // Every message once, in order, the last (the end) last.
    assert_eq!(numbers, (0..5000).collect::<Vec<u32>>());
    let none = invoke(
        &main,
        "bench_batched",
        json!({ "onMessage": channel_arg(7), "count": 0 }),
    );
    assert_eq!(none, Ok(json!(0)));
    assert!(app.frames(7).is_empty());
}

#[test]
fn a_batched_run_of_one_is_its_end_alone() {
    let app = app();
    let main = app.window("main");
    let sent = invoke(
        &main,
        "bench_batched",
        json!({ "onMessage": channel_arg(8), "count": 1 }),
    );
    assert_eq!(sent, Ok(json!(1)));
    let frames = app.frames(8);
    assert_eq!(frames.len(), 1);
    assert_eq!(frames[0].bytes, b"[0]");
}

#[test]
fn the_no_ops_answer_null() {
    let app = app();
    let main = app.window("main");
    for command in ["bench_noop", "bench_noop_async"] {
        assert_eq!(
            invoke(&main, command, json!({})),
            Ok(Value::Null),
            "{command}"
        );
    }
}

/// Hostile calls on the bench: every size and count is bounded (the runner, the fixture and what "refused" means are in
/// `common/hostile.rs`).
// The hostile fixture is Linux's (a FIFO, links into /proc and /dev): see common/hostile.rs.
#[cfg(target_os = "linux")]
mod hostile {
    use serde_json::json;

    use crate::common::channel_arg;
    use crate::common::hostile::Expect::{BadArgs, BadChannel, Kind};
    use crate::common::hostile::{fixture, run, ten_mb, Case, Fixture};

    fn cases(_f: &Fixture) -> Vec<Case> {
        let ten_mb = ten_mb();
        let mut cases = vec![];
        // The bench: every size and count is bounded.
        let run = |kind: &str, count: u64, size: u64, batch: u64| json!({ "onMessage": channel_arg(5), "run": { "kind": kind, "count": count, "size": size, "batch": batch } });
        for (what, command, args, expect) in [
            (
                "bench: 64 MiB + 1",
                "bench_bytes",
                json!({ "size": 67_108_865, "encoding": "raw" }),
                Kind("tooLarge"),
            ),
            (
                "bench: a chunk's offset past 4 GiB",
                "bench_bytes",
                json!({ "size": 1, "encoding": "raw", "offset": 4_294_967_296u64 }),
                BadArgs("offset"),
            ),
            (
                "bench: eval into a callback id that is not a number",
                "bench_eval",
                json!({ "count": 1, "callback": "1); alert(1" }),
                BadArgs("callback"),
            ),
            (
                "bench: bad encoding",
                "bench_bytes",
                json!({ "size": 1, "encoding": "utf16" }),
                BadArgs("encoding"),
            ),
            (
                "bench: channel count",
                "bench_channel",
                run("raw", 1_000_001, 0, 1),
                Kind("invalidInput"),
            ),
            (
                "bench: channel total",
                "bench_channel",
                run("raw", 100_000, 65_536, 1),
                Kind("tooLarge"),
            ),
            (
                "bench: channel batch 0",
                "bench_channel",
                run("json", 10, 0, 0),
                Kind("invalidInput"),
            ),
            (
                "bench: channel frame past 16 MiB",
                "bench_channel",
                run("raw", 2, 8 * 1024 * 1024 + 1, 2),
                Kind("tooLarge"),
            ),
            (
                "bench: channel kind",
                "bench_channel",
                run("utf7", 1, 0, 1),
                BadArgs("run"),
            ),
            (
                "bench: batched count",
                "bench_batched",
                json!({ "onMessage": channel_arg(5), "count": 1_000_001 }),
                Kind("invalidInput"),
            ),
            (
                "bench: batched on a channel that is not one",
                "bench_batched",
                json!({ "onMessage": "not a channel", "count": 3 }),
                BadChannel("onMessage"),
            ),
            (
                "bench: events count",
                "bench_events",
                json!({ "count": 200_001 }),
                Kind("invalidInput"),
            ),
            (
                "bench: eval count",
                "bench_eval",
                json!({ "count": 4_000_000_000u64 }),
                Kind("invalidInput"),
            ),
            (
                "bench: records",
                "bench_json",
                json!({ "records": 100_001 }),
                Kind("tooLarge"),
            ),
            (
                "bench: records by eval",
                "bench_json_eval",
                json!({ "records": 100_001, "callback": 1 }),
                Kind("tooLarge"),
            ),
            (
                "bench: records by eval into a callback that is not a number",
                "bench_json_eval",
                json!({ "records": 1, "callback": "0);alert(1" }),
                BadArgs("callback"),
            ),
            (
                "bench: serde records",
                "bench_serde",
                json!({ "records": 100_001 }),
                Kind("tooLarge"),
            ),
            (
                "bench: upload object",
                "bench_upload",
                json!({ "bytes": [1] }),
                Kind("invalidInput"),
            ),
            (
                "bench: upload 256",
                "bench_upload",
                json!([1, 256]),
                Kind("invalidInput"),
            ),
            (
                "bench: upload negative",
                "bench_upload",
                json!([0, -1]),
                Kind("invalidInput"),
            ),
            (
                "bench: upload fraction",
                "bench_upload",
                json!([0.5]),
                Kind("invalidInput"),
            ),
            (
                "bench: upload null",
                "bench_upload",
                json!([1, null]),
                Kind("invalidInput"),
            ),
            (
                "bench: upload a 10 MB string item (not echoed)",
                "bench_upload",
                json!([1, ten_mb]),
                Kind("invalidInput"),
            ),
            (
                "bench: a report that is not one",
                "save_bench_report",
                json!({ "results": [1, 2], "quick": false, "completed": true }),
                Kind("invalidInput"),
            ),
            (
                "bench: a report of 10 MB",
                "save_bench_report",
                json!({ "results": { "figures": [], "pad": ten_mb }, "quick": false, "completed": true }),
                Kind("invalidInput"),
            ),
            (
                "bench: a report without its flags",
                "save_bench_report",
                json!({ "results": { "figures": [] } }),
                BadArgs("quick"),
            ),
            (
                "bench: finish outside a run",
                "finish_run",
                json!({ "results": 1, "passed": false }),
                Kind("permissionDenied"),
            ),
            (
                "bench: progress outside a run",
                "run_progress",
                json!({ "suite": "hygiene", "reload": 4_000_000_000u64 }),
                Kind("permissionDenied"),
            ),
            (
                "bench: progress of a suite that does not exist",
                "run_progress",
                json!({ "suite": "x".repeat(100_000) }),
                BadArgs("suite"),
            ),
            (
                "bench: progress of a negative reload",
                "run_progress",
                json!({ "suite": "seeds", "reload": -1 }),
                BadArgs("reload"),
            ),
        ] {
            cases.push(Case::new(what, command, args, expect));
        }
        cases
    }

    #[test]
    fn hostile_calls_are_refused_in_bounded_time_and_leave_nothing() {
        let f = fixture();
        run(&f, "bench", cases(&f), 30);
    }
}
