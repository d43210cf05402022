//! A page that never takes what it is sent (it can replace `window.fetch`) cannot make the app
//! hold more than the page's budget: measured as this process's resident size. Alone in its
//! test binary, so nothing else moves the figure.
//!
//! Linux only: the figure is read from `/proc/self/status`.
#![cfg(target_os = "linux")]

mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{app, channel_arg, invoke};
use ipc_lab_lib::services::transport::outbox::Budget;
use ipc_lab_lib::state::Pages;
use serde_json::json;
use tauri::Manager;

const MIB: u64 = 1024 * 1024;

/// A resident-size figure of this process from /proc/self/status (`VmRSS`, `VmHWM`), in bytes.
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

#[test]
fn a_page_that_never_fetches_pins_at_most_its_budget_and_its_stalled_streams_end_freeing_it() {
    let app = app();
    app.app.state::<Pages>().set_budget(Budget {
        stall: Duration::from_millis(1500),
        ..Budget::default()
    });
    // 65 MiB: no call can finish within the 64 MiB budget unless the page takes something.
    let file = app.put("big.bin", &vec![7u8; 65 * MIB as usize]);
    app.page_never_fetches();
    let main = app.window("main");
    let page = app.app.state::<Pages>().current("main");
    // The most the page held at once, sampled while the streams run.
    let peak_held = Arc::new(AtomicU64::new(0));
    let running = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, running, page) = (peak_held.clone(), running.clone(), page.clone());
        std::thread::spawn(move || {
            while running.load(Ordering::SeqCst) {
                peak.fetch_max(page.outbox().in_flight().bytes, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let resident_before = status_bytes("VmRSS:");
    // Six load_image calls of the file at once: 390 MiB if nothing bounded them.
    let calls: Vec<_> = (0..6)
        .map(|i| {
            let (main, file) = (main.clone(), file.clone());
            std::thread::spawn(move || {
                invoke(
                    &main,
                    "load_image",
                    json!({ "path": file, "reader": channel_arg(100 + i) }),
                )
            })
        })
        .collect();
    let answers: Vec<_> = calls.into_iter().map(|c| c.join().unwrap()).collect();
    running.store(false, Ordering::SeqCst);
    sampler.join().unwrap();
    let resident_peak = status_bytes("VmHWM:");

    for answer in &answers {
        let kind = &answer.as_ref().expect_err("none can finish")["kind"];
        assert!(kind == "timeout" || kind == "busy", "{answer:?}");
    }
    assert!(
        answers
            .iter()
            .any(|a| a.as_ref().is_err_and(|e| e["kind"] == "timeout")),
        "{answers:?}"
    );
    let peak = peak_held.load(Ordering::SeqCst);
    // The budget, plus at most one 1 MiB chunk from each of the 4 reads at once.
    assert!(peak <= 68 * MIB, "the page held {} MiB", peak / MIB);
    assert!(
        peak >= 60 * MIB,
        "the budget was reached: {} MiB",
        peak / MIB
    );
    let grew = resident_peak.saturating_sub(resident_before);
    println!(
        "held at most {} MiB; resident size grew by {} MiB at its peak",
        peak / MIB,
        grew / MIB
    );
    assert!(
        grew < 200 * MIB,
        "resident size grew by {} MiB (390 MiB unbounded)",
        grew / MIB
    );
    assert_eq!(
        page.outbox().in_flight().bytes,
        0,
        "the page took nothing for the stall: what it held was dropped"
    );
}
