//! Channel delivery under a hostile or slow page, through the app's own delivery
//! (`channel_frames`): what a page has not taken stays within its budget, a sender waits for
//! room, a page that takes nothing ends the stream with `timeout`, and a page that takes its
//! frames gets every byte in order. (Memory, as resident size: `channel_memory.rs`.)

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{app, channel_arg, invoke};
use ipc_lab_lib::services::transport::outbox::Budget;
use ipc_lab_lib::state::Pages;
use ipc_lab_lib::wiring::channel_frames;
use serde_json::json;
use tauri::Manager;

const MIB: u64 = 1024 * 1024;

fn short_stall(app: &common::TestApp, bytes: u64, messages: u64) {
    app.app.state::<Pages>().set_budget(Budget {
        bytes,
        messages,
        stall: Duration::from_millis(1500),
    });
}

#[test]
fn small_messages_count_until_the_page_has_run_them() {
    let app = app();
    short_stall(&app, 64 * MIB, 1000);
    app.page_never_fetches();
    let main = app.window("main");
    let run = json!({ "kind": "json", "count": 5000, "size": 0, "batch": 1 });
    let answer = invoke(
        &main,
        "bench_channel",
        json!({ "onMessage": channel_arg(9), "run": run }),
    );
    assert_eq!(answer.unwrap_err()["kind"], "timeout");
    let page = app.app.state::<Pages>().current("main");
    assert_eq!(
        page.outbox().in_flight().messages,
        1000,
        "the sender stopped at the budget of messages the page had not run"
    );
}

#[test]
fn a_page_that_takes_its_frames_gets_every_byte_in_order_through_a_budget_smaller_than_the_file() {
    let app = app();
    short_stall(&app, 8 * MIB, 8192);
    let size = 40 * MIB as usize + 12_345;
    let bytes: Vec<u8> = (0..size).map(|i| (i * 7 % 251) as u8).collect();
    let file = app.put("stream.bin", &bytes);
    app.page_never_fetches();
    let main = app.window("main");
    let page = app.app.state::<Pages>().current("main");
    let done = Arc::new(AtomicBool::new(false));
    // The page: fetches frame 0, 1, 2… from the frames: scheme as they come, as the script
    // the app evaluates in it does.
    let reader = {
        let (page, done) = (page.clone(), done.clone());
        std::thread::spawn(move || {
            let (mut received, mut next, mut peak) = (Vec::new(), 0u64, 0u64);
            while !done.load(Ordering::SeqCst) || page.outbox().in_flight().held > 0 {
                peak = peak.max(page.outbox().in_flight().bytes);
                let response = channel_frames::respond(&page, &format!("/{next}"));
                if response.status() == 200 {
                    received.extend_from_slice(response.body());
                    next += 1;
                } else {
                    std::thread::sleep(Duration::from_millis(2));
                }
            }
            (received, peak)
        })
    };
    let total = invoke(
        &main,
        "load_image",
        json!({ "path": file, "reader": channel_arg(5) }),
    );
    done.store(true, Ordering::SeqCst);
    let (received, peak) = reader.join().unwrap();
    assert_eq!(total, Ok(json!(size)));
    assert!(received == bytes, "every byte, in order, once");
    assert!(
        peak <= 9 * MIB,
        "held at most the budget and one chunk: {peak}"
    );
}

#[test]
fn a_reload_drops_what_the_page_held_and_cancels_the_waiting_stream() {
    let app = app();
    app.app.state::<Pages>().set_budget(Budget {
        bytes: 4 * MIB,
        messages: 8192,
        stall: Duration::from_secs(60),
    });
    let file = app.put("big.bin", &vec![1u8; 16 * MIB as usize]);
    app.page_never_fetches();
    let main = app.window("main");
    let page = app.app.state::<Pages>().current("main");
    let call = {
        let main = main.clone();
        std::thread::spawn(move || {
            invoke(
                &main,
                "load_image",
                json!({ "path": file, "reader": channel_arg(6) }),
            )
        })
    };
    while page.outbox().in_flight().bytes < 4 * MIB {
        std::thread::sleep(Duration::from_millis(5));
    }
    app.app.state::<Pages>().gone("main");
    assert_eq!(
        call.join().unwrap().unwrap_err(),
        json!({ "kind": "cancelled", "message": "cancelled" })
    );
    assert_eq!(page.outbox().in_flight().bytes, 0);
}
