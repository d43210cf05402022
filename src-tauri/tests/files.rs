//! read_file, read_file_bytes, load_image and the scope, through the real IPC path.

mod common;

use common::{app, channel_arg, invoke, invoke_raw, TestApp};
use serde_json::json;
use tauri::ipc::{InvokeBody, InvokeResponseBody};

fn write(app: &TestApp, name: &str, bytes: &[u8]) -> String {
    let path = app.data.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.canonicalize().unwrap().display().to_string()
}

#[test]
fn read_file_returns_text_inside_the_data_folder() {
    let app = app();
    let path = write(&app, "hello.txt", "Grüße from a file\n".as_bytes());
    let main = app.window("main");
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": path })),
        Ok(json!("Grüße from a file\n"))
    );
}

#[test]
fn read_file_errors_are_typed_exactly() {
    let app = app();
    let main = app.window("main");
    let missing = app.data.path().canonicalize().unwrap().join("missing.txt");
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": missing })),
        Err(json!({ "kind": "notFound", "message": format!("not found: {}", missing.display()) }))
    );
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": "/etc/hostname" })),
        Err(
            json!({ "kind": "outsideScope", "message": "outside the allowed scope: /etc/hostname" })
        )
    );
}

#[test]
fn read_file_bytes_answers_a_raw_array_buffer() {
    let app = app();
    let bytes: Vec<u8> = (0..=255).collect();
    let path = write(&app, "all.bin", &bytes);
    let main = app.window("main");
    let body = invoke_raw(
        &main,
        "read_file_bytes",
        InvokeBody::Json(json!({ "path": path })),
        Default::default(),
    )
    .unwrap();
    match body {
        InvokeResponseBody::Raw(raw) => assert_eq!(raw, bytes),
        InvokeResponseBody::Json(json) => panic!("bytes came back as JSON: {json:.60}"),
    }
}

#[test]
fn load_image_streams_ordered_raw_chunks_that_add_up_to_the_file() {
    let app = app();
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let path = write(&app, "picture.png", &bytes);
    let main = app.window("main");
    let total = invoke(
        &main,
        "load_image",
        json!({ "path": path, "reader": channel_arg(77) }),
    );
    assert_eq!(total, Ok(json!(300_000)));
    let frames = app.frames(77);
    assert_eq!(frames.len(), 5, "64 KiB chunks");
    assert!(frames.iter().all(|f| f.raw), "chunks must be raw frames");
    assert_eq!(
        frames.iter().map(|f| f.index).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    let joined: Vec<u8> = frames.into_iter().flat_map(|f| f.bytes).collect();
    assert_eq!(joined, bytes);
}

#[test]
fn reads_are_remembered_across_restarts() {
    let app = app();
    let a = write(&app, "a.txt", b"a");
    let b = write(&app, "b.txt", b"b");
    let main = app.window("main");
    invoke(&main, "read_file", json!({ "path": a })).unwrap();
    invoke(&main, "read_file_bytes", json!({ "path": b })).unwrap();
    assert_eq!(invoke(&main, "recent_files", json!({})), Ok(json!([b, a])));
    let restarted = ipc_lab_lib::state::Files::open(app.data.path()).unwrap();
    let recent: Vec<String> = restarted
        .recent()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(recent, [b, a]);
}

#[test]
fn added_folders_join_the_scope_and_can_leave_it() {
    let app = app();
    let extra = tempfile::tempdir().unwrap();
    let file = extra.path().join("notes.md");
    std::fs::write(&file, "# notes").unwrap();
    let file = file.canonicalize().unwrap().display().to_string();
    let folder = extra.path().canonicalize().unwrap().display().to_string();
    let main = app.window("main");
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": file })).unwrap_err()["kind"],
        "outsideScope"
    );
    let folders = invoke(&main, "add_scope_folder", json!({ "path": folder })).unwrap();
    assert!(
        folders.as_array().unwrap().contains(&json!(folder)),
        "{folders}"
    );
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": file })),
        Ok(json!("# notes"))
    );
    let info = invoke(&main, "file_info", json!({ "path": file })).unwrap();
    assert_eq!(
        info,
        json!({ "path": file, "name": "notes.md", "size": 7, "mime": "text/plain" })
    );
    invoke(&main, "remove_scope_folder", json!({ "path": folder })).unwrap();
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": file })).unwrap_err()["kind"],
        "outsideScope"
    );
}

#[test]
fn a_file_picked_through_the_dialog_becomes_readable_alone() {
    use tauri_plugin_fs::FsExt;
    let app = app();
    let elsewhere = tempfile::tempdir().unwrap();
    let picked = elsewhere.path().join("picked.txt");
    let sibling = elsewhere.path().join("sibling.txt");
    std::fs::write(&picked, "picked").unwrap();
    std::fs::write(&sibling, "sibling").unwrap();
    // What the dialog plugin does when the user picks a file.
    app.app.fs_scope().allow_file(&picked).unwrap();
    let main = app.window("main");
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": picked })),
        Ok(json!("picked"))
    );
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": sibling })).unwrap_err()["kind"],
        "outsideScope"
    );
}
