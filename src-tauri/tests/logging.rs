//! The log file a user can attach to a bug report, written by the app's real logger on the mock
//! runtime into a temp folder: a page that floods the log cannot grow it without bound.
//! (Its own test binary, so the process-wide logger here is this test's.)

mod common;

use common::{app_logging_to, invoke};
use ipc_lab_lib::logging::{FILE_NAME, LEVEL_ENV, MAX_FILE_BYTES};
use serde_json::json;

/// The size of every file in `folder`.
fn sizes(folder: &std::path::Path) -> Vec<u64> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().metadata().unwrap().len())
        .collect()
}

#[test]
fn a_page_flooding_the_log_leaves_at_most_the_bound_on_disk() {
    // Set before the logger starts, in this binary's only test.
    std::env::set_var(LEVEL_ENV, "info");
    let logs = tempfile::tempdir().unwrap();
    let app = app_logging_to(logs.path());
    let main = app.window("main");
    let first = "the flood begins 0d2b";
    log::info!("{first}");
    let before: u64 = sizes(logs.path()).iter().sum();

    // The longest line a page gets into the log: characters that each escape to ten, capped.
    let payload = "\u{10ffff}".repeat(1_000);
    let emit = || {
        let args = json!({ "event": "frontend-event", "payload": payload });
        invoke(&main, "plugin:event|emit", args).unwrap();
    };
    emit();
    let line = sizes(logs.path()).iter().sum::<u64>() - before;
    assert!(line > 2_000, "one page line is in the file ({line} bytes)");
    let lines = 3 * MAX_FILE_BYTES / line;
    for _ in 0..lines {
        emit();
    }

    log::logger().flush();
    let sizes = sizes(logs.path());
    assert_eq!(sizes.len(), 1, "one file: {sizes:?}");
    assert!(
        sizes[0] > 0 && sizes[0] <= MAX_FILE_BYTES + line,
        "{lines} lines of {line} bytes left {sizes:?}"
    );
    let text = std::fs::read_to_string(logs.path().join(format!("{FILE_NAME}.log"))).unwrap();
    assert!(!text.contains(first), "the file was started afresh");
    assert!(
        text.ends_with("more characters)\"\n"),
        "it ends with a whole page line"
    );
}
