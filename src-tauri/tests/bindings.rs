//! `gen/bindings.ts` is generated, never edited: this test fails when it is stale.
//! `IPC_LAB_WRITE_BINDINGS=1 cargo test --test bindings` (or `npm run bindings`) rewrites it.

use ipc_lab_lib::commands::NAMES as COMMANDS;
use std::path::PathBuf;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../gen/bindings.ts")
}

#[test]
fn committed_bindings_are_current() {
    let fresh = ipc_lab_lib::bindings::render().expect("bindings render");
    let path = committed_path();
    if std::env::var_os("IPC_LAB_WRITE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "gen/bindings.ts is stale: run `npm run bindings` and commit the result"
    );
}

#[test]
fn the_bindings_hold_exactly_the_listed_commands() {
    let rendered = ipc_lab_lib::bindings::render().expect("bindings render");
    let mut registered: Vec<&str> = rendered
        .split("__TAURI_INVOKE")
        .skip(1)
        .filter(|call| call.starts_with('(') || call.starts_with('<'))
        .filter_map(|call| call.split('"').nth(1))
        .collect();
    registered.sort_unstable();
    let mut listed = COMMANDS.to_vec();
    listed.sort_unstable();
    assert_eq!(
        registered, listed,
        "the bindings and commands/list.rs disagree"
    );
}
