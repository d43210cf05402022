//! `read_file`, `read_file_bytes`, `load_image` and the scope, through the real IPC path.

mod common;

use common::{app, channel_arg, invoke, invoke_raw};
use ipc_lab_lib::services::fs::files::CHUNK_BYTES;
use ipc_lab_lib::state::Pages;
use serde_json::{json, Value};
use tauri::ipc::{InvokeBody, InvokeResponseBody};
use tauri::Manager;

#[test]
fn read_file_returns_text_inside_the_readable_folder() {
    let app = app();
    let path = app.put("hello.txt", "Grüße from a file\n".as_bytes());
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
    let missing = app.readable().join("missing.txt");
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
    let path = app.put("all.bin", &bytes);
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
fn read_file_chunk_answers_the_raw_piece_at_its_offset() {
    let app = app();
    let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let path = app.put("big.bin", &bytes);
    let main = app.window("main");
    let piece = |offset: u32, length: u32| {
        invoke_raw(
            &main,
            "read_file_chunk",
            InvokeBody::Json(json!({ "path": path, "offset": offset, "length": length })),
            Default::default(),
        )
    };
    match piece(60_000, 1000).unwrap() {
        InvokeResponseBody::Raw(raw) => assert_eq!(raw, &bytes[60_000..61_000]),
        InvokeResponseBody::Json(json) => panic!("bytes came back as JSON: {json:.60}"),
    }
    match piece(99_000, 4096).unwrap() {
        InvokeResponseBody::Raw(raw) => assert_eq!(raw, &bytes[99_000..]),
        other @ InvokeResponseBody::Json(_) => panic!("not raw: {other:?}"),
    }
    match piece(200_000, 10).unwrap() {
        InvokeResponseBody::Raw(raw) => assert!(raw.is_empty(), "none past the end"),
        other @ InvokeResponseBody::Json(_) => panic!("not raw: {other:?}"),
    }
}

#[test]
fn load_image_streams_ordered_raw_chunks_that_add_up_to_the_file() {
    let app = app();
    let size = 4 * CHUNK_BYTES + 12_345;
    let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    let path = app.put("picture.png", &bytes);
    let main = app.window("main");
    let total = invoke(
        &main,
        "load_image",
        json!({ "path": path, "reader": channel_arg(77) }),
    );
    assert_eq!(total, Ok(json!(size)));
    let frames = app.frames(77);
    assert_eq!(frames.len(), 5, "4 whole chunks and the rest");
    assert!(frames.iter().all(|f| f.raw), "chunks must be raw frames");
    assert_eq!(
        frames.iter().map(|f| f.index).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    let joined: Vec<u8> = frames.into_iter().flat_map(|f| f.bytes).collect();
    assert_eq!(joined, bytes);
}

#[test]
fn load_image_stops_once_the_page_that_asked_is_gone() {
    let app = app();
    let path = app.put("big.png", &vec![7u8; 4 * CHUNK_BYTES]);
    let main = app.window("main");
    let handle = app.app.handle().clone();
    // The page reloads while the second chunk is on its way (once).
    let mut reloaded = false;
    app.on_frame(move |frame| {
        if frame.index == 1 && !reloaded {
            handle.state::<Pages>().gone("main");
            reloaded = true;
        }
    });
    let answer = invoke(
        &main,
        "load_image",
        json!({ "path": path, "reader": channel_arg(3) }),
    );
    assert_eq!(
        answer,
        Err(json!({ "kind": "cancelled", "message": "cancelled" }))
    );
    assert_eq!(
        app.frames(3).len(),
        2,
        "nothing is sent after the page went"
    );
    // The next page streams again.
    let again = invoke(
        &main,
        "load_image",
        json!({ "path": path, "reader": channel_arg(4) }),
    );
    assert_eq!(again, Ok(json!(4 * CHUNK_BYTES)));
}

#[test]
fn reads_are_remembered_across_restarts() {
    let app = app();
    let a = app.put("a.txt", b"a");
    let b = app.put("b.txt", b"b");
    let main = app.window("main");
    invoke(&main, "read_file", json!({ "path": a })).unwrap();
    invoke(&main, "read_file_bytes", json!({ "path": b })).unwrap();
    assert_eq!(invoke(&main, "recent_files", json!({})), Ok(json!([b, a])));
    let restarted = ipc_lab_lib::state::Files::open(app.dirs.clone()).unwrap();
    let recent: Vec<String> = restarted
        .recent()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(recent, [b, a]);
    assert!(app.private().join("recent.json").is_file());
}

#[test]
fn a_folder_the_user_picks_joins_the_scope_and_can_leave_it() {
    let app = app();
    let extra = tempfile::tempdir().unwrap();
    std::fs::write(extra.path().join("notes.md"), "# notes").unwrap();
    let folder = dunce::canonicalize(extra.path()).unwrap();
    let file = folder.join("notes.md").display().to_string();
    let main = app.window("main");
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": file })).unwrap_err()["kind"],
        "outsideScope"
    );
    app.user_picks(Some(extra.path()));
    let folders = invoke(&main, "add_scope_folder", json!({})).unwrap();
    let readable = app.readable().display().to_string();
    let folder = folder.display().to_string();
    assert_eq!(
        folders,
        json!([
            { "path": readable, "removable": false },
            { "path": folder, "removable": true },
        ])
    );
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": file })),
        Ok(json!("# notes"))
    );
    let info = invoke(&main, "file_info", json!({ "path": file })).unwrap();
    assert_eq!(
        info,
        json!({ "path": file, "name": "notes.md", "size": 7, "mime": "text/markdown" })
    );
    let left = invoke(&main, "remove_scope_folder", json!({ "path": folder })).unwrap();
    assert_eq!(left, json!([{ "path": readable, "removable": false }]));
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": file })).unwrap_err()["kind"],
        "outsideScope"
    );
    // The app's own folder cannot be knocked out.
    assert_eq!(
        invoke(&main, "remove_scope_folder", json!({ "path": readable })).unwrap_err()["kind"],
        "permissionDenied"
    );
}

#[test]
fn the_page_cannot_name_a_folder_only_the_user_picks_one() {
    let app = app();
    let main = app.window("main");
    let before = invoke(&main, "scope_folders", json!({})).unwrap();
    // A script names "/"; the user cancels the dialog that opens.
    app.user_picks(None);
    let after = invoke(&main, "add_scope_folder", json!({ "path": "/" })).unwrap();
    assert_eq!(after, before);
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": "/etc/passwd" })).unwrap_err()["kind"],
        "outsideScope"
    );
    // Even when the user does pick the root (`/`; on Windows the temp folder's drive), it is
    // refused.
    let root = std::env::temp_dir()
        .ancestors()
        .last()
        .unwrap()
        .to_path_buf();
    app.user_picks(Some(root.as_path()));
    let message = format!(
        "permission denied: {} can never be readable",
        dunce::canonicalize(&root).unwrap().display()
    );
    assert_eq!(
        invoke(&main, "add_scope_folder", json!({})).unwrap_err(),
        json!({ "kind": "permissionDenied", "message": message })
    );
    assert!(!app.private().join("settings.json").exists());
}

/// `plugin:fs|read_text_file` as the seed's `readTextFile` calls it: the text, or the refusal.
fn read_text_file(app: &common::TestApp, path: &str) -> Result<String, Value> {
    invoke_raw(
        &app.window("main"),
        "plugin:fs|read_text_file",
        InvokeBody::Json(json!({ "path": path })),
        Default::default(),
    )
    .map(|body| match body {
        InvokeResponseBody::Raw(bytes) => String::from_utf8(bytes).unwrap(),
        InvokeResponseBody::Json(json) => json,
    })
}

/// The refusal the ACL gives a command no permission of the window grants (it names
/// `plugin:fs|read_text_file` as `fs.read_text_file`).
fn assert_acl_refused(refused: &Value, command: &str) {
    let named = command.replace("plugin:", "").replace('|', ".");
    let text = refused.as_str().unwrap_or_default();
    assert!(
        text.contains(&format!(
            "{named} not allowed. Permissions associated with this command"
        )),
        "{command}: {refused}"
    );
}

#[test]
fn read_text_file_is_refused_by_the_acl_where_read_file_reads() {
    let app = app();
    let path = app.put("plugin.txt", b"read by read_file");
    let main = app.window("main");
    // The fs plugin's read commands have no size or concurrency bound and open a FIFO
    // blocking: none is granted, not even inside the readable folder.
    assert_acl_refused(
        &read_text_file(&app, &path).unwrap_err(),
        "plugin:fs|read_text_file",
    );
    for command in [
        "plugin:fs|read_file",
        "plugin:fs|read_text_file_lines",
        "plugin:fs|open",
        "plugin:fs|stat",
    ] {
        let refused = invoke(&main, command, json!({ "path": path })).unwrap_err();
        assert_acl_refused(&refused, command);
    }
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": path })),
        Ok(json!("read by read_file"))
    );
}

#[test]
fn no_read_path_reaches_the_private_folder() {
    use tauri_plugin_fs::FsExt;
    let app = app();
    let main = app.window("main");
    let accounts = app.private().join("accounts.json").display().to_string();
    assert!(std::path::Path::new(&accounts).is_file());
    #[allow(unused_mut)]
    let mut paths = vec![accounts.clone()];
    #[cfg(unix)]
    {
        let link = app.readable().join("accounts-link.json");
        std::os::unix::fs::symlink(&accounts, &link).unwrap();
        paths.push(link.display().to_string());
    }
    // Even after the user adds the folder that holds the private one, in Settings and through
    // a dialog the page opened (which widens the fs plugin's scope).
    app.user_picks(Some(app.data.path()));
    invoke(&main, "add_scope_folder", json!({})).unwrap();
    app.app
        .fs_scope()
        .allow_directory(app.data.path(), true)
        .unwrap();
    let beside = app.data.path().join("beside.txt");
    std::fs::write(&beside, "beside").unwrap();
    let beside = beside.display().to_string();
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": beside })),
        Ok(json!("beside"))
    );
    for path in &paths {
        for command in ["read_file", "read_file_bytes", "file_info"] {
            let err = invoke(&main, command, json!({ "path": path })).unwrap_err();
            assert_eq!(err["kind"], "outsideScope", "{command} {path}: {err}");
        }
        let err = invoke(
            &main,
            "load_image",
            json!({ "path": path, "reader": channel_arg(8) }),
        )
        .unwrap_err();
        assert_eq!(err["kind"], "outsideScope");
        assert_acl_refused(
            &read_text_file(&app, path).unwrap_err(),
            "plugin:fs|read_text_file",
        );
    }
    assert!(app.frames(8).is_empty());
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
    // What the dialog plugin does when the user picks a file (it records the pick in the fs
    // plugin's scope only, which is why that plugin stays initialized).
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

#[test]
fn a_refused_pick_through_the_dialog_stays_unreadable() {
    use tauri_plugin_fs::FsExt;
    let app = app();
    // A script opens the folder dialog and the user picks the root.
    app.app
        .fs_scope()
        .allow_directory(std::path::Path::new("/"), true)
        .unwrap();
    let main = app.window("main");
    assert_eq!(
        invoke(&main, "read_file", json!({ "path": "/etc/hostname" })).unwrap_err()["kind"],
        "outsideScope"
    );
    assert_acl_refused(
        &read_text_file(&app, "/etc/hostname").unwrap_err(),
        "plugin:fs|read_text_file",
    );
}

/// Hostile calls on the file commands: every path probe for each command that reads a file, the
/// size caps, bad channels, the scope folders, and the fs plugin's reads (none granted) (the runner, the fixture and what "refused" means are in
/// `common/hostile.rs`).
// The hostile fixture is Linux's (a FIFO, links into /proc and /dev): see common/hostile.rs.
#[cfg(target_os = "linux")]
mod hostile {
    use serde_json::{json, Value};
    use tauri::Manager;

    use crate::common::channel_arg;
    use crate::common::hostile::Expect::{Acl, BadArgs, BadChannel, Kind};
    use crate::common::hostile::{changed, fixture, matches, run, ten_mb, tree, Case, Fixture};

    /// The same path probes for every command that reads a file.
    fn path_cases(f: &Fixture, command: &'static str, extra: Value) -> Vec<Case> {
        let with = |path: Value| {
            let mut args = extra.clone();
            args["path"] = path;
            args
        };
        let secret = f.outside.path().join("secret.txt");
        let accounts = f.app.private().join("accounts.json");
        vec![
            Case::new("missing key", command, extra.clone(), BadArgs("path")),
            Case::new("wrong type", command, with(json!(42)), BadArgs("path")),
            Case::new(
                "array body",
                command,
                json!(["/etc/passwd"]),
                BadArgs("path"),
            ),
            Case::new("empty path", command, with(json!("")), Kind("invalidInput")),
            Case::new(
                "relative path",
                command,
                with(json!("ok.txt")),
                Kind("invalidInput"),
            ),
            Case::new(
                "NUL byte",
                command,
                with(json!(format!("{}\0.txt", f.path("ok.txt")))),
                Kind("invalidInput"),
            ),
            Case::new(
                "10 MB path",
                command,
                with(json!(format!("/{}", ten_mb()))),
                Kind("invalidInput"),
            ),
            Case::new(
                "traversal",
                command,
                with(json!(format!("{}/files/../../../etc/passwd", f.data))),
                Kind("outsideScope"),
            ),
            Case::new(
                "outside",
                command,
                with(json!(secret)),
                Kind("outsideScope"),
            ),
            Case::new(
                "symlink out",
                command,
                with(json!(f.path("escape.txt"))),
                Kind("outsideScope"),
            ),
            Case::new(
                "through a folder symlink",
                command,
                with(json!(f.path("outdir/secret.txt"))),
                Kind("outsideScope"),
            ),
            Case::new(
                "private file",
                command,
                with(json!(accounts)),
                Kind("outsideScope"),
            ),
            Case::new(
                "symlink to the private file",
                command,
                with(json!(f.path("accounts.json"))),
                Kind("outsideScope"),
            ),
            Case::new(
                "beside the readable folder",
                command,
                with(json!(format!("{}/beside.txt", f.data))),
                Kind("outsideScope"),
            ),
            Case::new(
                "/proc",
                command,
                with(json!("/proc/self/environ")),
                Kind("outsideScope"),
            ),
            Case::new(
                "symlink to /proc",
                command,
                with(json!(f.path("environ"))),
                Kind("outsideScope"),
            ),
            Case::new(
                "symlink to /dev/zero",
                command,
                with(json!(f.path("zero"))),
                Kind("outsideScope"),
            ),
            Case::new(
                "directory",
                command,
                with(json!(f.path("sub"))),
                Kind("invalidInput"),
            ),
            Case::new(
                "FIFO",
                command,
                with(json!(f.path("pipe"))),
                Kind("invalidInput"),
            ),
            Case::new(
                "missing file",
                command,
                with(json!(f.path("nope.txt"))),
                Kind("notFound"),
            ),
        ]
    }
    fn cases(f: &Fixture) -> Vec<Case> {
        let ten_mb = ten_mb();
        let image = |path: String| json!({ "path": path, "reader": channel_arg(5) });
        let mut cases = vec![];
        for command in [
            "read_file",
            "read_file_bytes",
            "file_info",
            "open_file_viewer",
        ] {
            cases.extend(path_cases(f, command, json!({})));
        }
        cases.extend(path_cases(
            f,
            "load_image",
            json!({ "reader": channel_arg(5) }),
        ));
        cases.extend(path_cases(
            f,
            "read_file_chunk",
            json!({ "offset": 0, "length": 16 }),
        ));
        cases.extend([
            // Reads: content and size.
            Case::new(
                "not UTF-8",
                "read_file",
                json!({ "path": f.path("latin1.txt") }),
                Kind("notUtf8"),
            ),
            Case::new(
                "over the text cap",
                "read_file",
                json!({ "path": f.path("big.txt") }),
                Kind("tooLarge"),
            ),
            Case::new(
                "over the bytes cap",
                "read_file_bytes",
                json!({ "path": f.path("big.bin") }),
                Kind("tooLarge"),
            ),
            Case::new(
                "a piece over 4 MiB",
                "read_file_chunk",
                json!({ "path": f.path("big.bin"), "offset": 0, "length": 4 * 1024 * 1024 + 1 }),
                Kind("tooLarge"),
            ),
            Case::new(
                "a piece of a file over the stream cap",
                "read_file_chunk",
                json!({ "path": f.path("huge.bin"), "offset": 0, "length": 16 }),
                Kind("tooLarge"),
            ),
            Case::new(
                "a negative offset",
                "read_file_chunk",
                json!({ "path": f.path("big.bin"), "offset": -1, "length": 16 }),
                BadArgs("offset"),
            ),
            Case::new(
                "an offset past 4 GiB",
                "read_file_chunk",
                json!({ "path": f.path("big.bin"), "offset": 4_294_967_296u64, "length": 16 }),
                BadArgs("offset"),
            ),
            Case::new(
                "a length that is text",
                "read_file_chunk",
                json!({ "path": f.path("big.bin"), "offset": 0, "length": ten_mb.clone() }),
                BadArgs("length"),
            ),
            Case::new(
                "over the stream cap",
                "load_image",
                image(f.path("huge.bin")),
                Kind("tooLarge"),
            ),
            Case::new(
                "info over the stream cap",
                "file_info",
                json!({ "path": f.path("huge.bin") }),
                Kind("tooLarge"),
            ),
            Case::new(
                "viewer: over the stream cap",
                "open_file_viewer",
                json!({ "path": f.path("huge.bin") }),
                Kind("tooLarge"),
            ),
            Case::new(
                "bad channel id",
                "load_image",
                json!({ "path": f.path("ok.txt"), "reader": "not-a-channel" }),
                BadChannel("reader"),
            ),
            Case::new(
                "channel as number",
                "load_image",
                json!({ "path": f.path("ok.txt"), "reader": 12 }),
                BadArgs("reader"),
            ),
            Case::new(
                "channel missing",
                "load_image",
                json!({ "path": f.path("ok.txt") }),
                BadArgs("reader"),
            ),
            // The scope grows only by the user's pick, and never to these.
            Case::new(
                "pick: the root",
                "add_scope_folder",
                json!({}),
                Kind("permissionDenied"),
            )
            .picking("/"),
            Case::new(
                "pick: /proc",
                "add_scope_folder",
                json!({}),
                Kind("permissionDenied"),
            )
            .picking("/proc"),
            Case::new(
                "pick: /sys",
                "add_scope_folder",
                json!({}),
                Kind("permissionDenied"),
            )
            .picking("/sys"),
            Case::new(
                "pick: /dev",
                "add_scope_folder",
                json!({ "path": "/home" }),
                Kind("permissionDenied"),
            )
            .picking("/dev"),
            Case::new(
                "pick: a symlink to /proc",
                "add_scope_folder",
                json!({}),
                Kind("permissionDenied"),
            )
            .picking(f.outside.path().join("proc-link")),
            Case::new(
                "pick: the private folder",
                "add_scope_folder",
                json!({}),
                Kind("permissionDenied"),
            )
            .picking(f.app.private()),
            Case::new(
                "pick: a file",
                "add_scope_folder",
                json!({}),
                Kind("invalidInput"),
            )
            .picking(f.readable.join("ok.txt")),
            Case::new(
                "pick: a folder that vanished",
                "add_scope_folder",
                json!({}),
                Kind("notFound"),
            )
            .picking(f.outside.path().join("gone")),
            Case::new(
                "remove: the built-in folder",
                "remove_scope_folder",
                json!({ "path": f.readable }),
                Kind("permissionDenied"),
            ),
            Case::new(
                "remove: never added",
                "remove_scope_folder",
                json!({ "path": f.outside.path() }),
                Kind("notFound"),
            ),
            Case::new(
                "remove: relative",
                "remove_scope_folder",
                json!({ "path": "files" }),
                Kind("invalidInput"),
            ),
            Case::new(
                "remove: empty",
                "remove_scope_folder",
                json!({ "path": "" }),
                Kind("invalidInput"),
            ),
            Case::new(
                "remove: NUL",
                "remove_scope_folder",
                json!({ "path": "/tmp\0" }),
                Kind("invalidInput"),
            ),
            Case::new(
                "remove: traversal",
                "remove_scope_folder",
                json!({ "path": format!("{}/..", f.readable.display()) }),
                Kind("outsideScope"),
            ),
            Case::new(
                "remove: 10 MB",
                "remove_scope_folder",
                json!({ "path": format!("/{ten_mb}") }),
                Kind("invalidInput"),
            ),
            Case::new(
                "remove: number",
                "remove_scope_folder",
                json!({ "path": 3 }),
                BadArgs("path"),
            ),
        ]);
        // The fs plugin's reads have no size or concurrency bound and open a FIFO blocking: none is
        // granted, inside the readable folder too (`read_file` reads there, within its bounds).
        for (what, command, path) in [
            (
                "fs: readTextFile in scope",
                "plugin:fs|read_text_file",
                f.path("ok.txt"),
            ),
            (
                "fs: readTextFile of a FIFO",
                "plugin:fs|read_text_file",
                f.path("pipe"),
            ),
            (
                "fs: readTextFile, 64 MiB",
                "plugin:fs|read_text_file",
                f.path("big.bin"),
            ),
            (
                "fs: readFile, 256 MiB",
                "plugin:fs|read_file",
                f.path("huge.bin"),
            ),
            (
                "fs: readTextFileLines",
                "plugin:fs|read_text_file_lines",
                f.path("ok.txt"),
            ),
            ("fs: open a FIFO", "plugin:fs|open", f.path("pipe")),
            (
                "fs: readDir",
                "plugin:fs|read_dir",
                f.readable.display().to_string(),
            ),
            ("fs: stat", "plugin:fs|stat", f.path("ok.txt")),
            ("fs: exists", "plugin:fs|exists", f.path("ok.txt")),
        ] {
            cases.push(Case::new(what, command, json!({ "path": path }), Acl));
        }
        cases
    }

    #[test]
    fn hostile_calls_are_refused_in_bounded_time_and_leave_nothing() {
        let f = fixture();
        run(&f, "files", cases(&f), 159);
        assert!(
            f.app.app.get_webview_window("file-viewer").is_none(),
            "a refused open_file_viewer opened the viewer"
        );
    }

    /// The runner's checks can fail: a refusal of another argument is not the one expected, and
    /// "leave nothing" sees a file rewritten under the same name and a new empty folder.
    #[test]
    fn the_runner_sees_another_argument_a_rewritten_file_and_a_new_folder() {
        let case = Case::new("missing key", "read_file", json!({}), BadArgs("path"));
        let refused = |key: &str| json!(format!("invalid args `{key}` for command `read_file`: x"));
        assert!(matches(&case, &refused("path")));
        assert!(!matches(&case, &refused("reader")));

        let f = fixture();
        let data = f.app.data.path();
        let before = tree(data);
        assert_eq!(changed(&before, &tree(data)), None);
        let accounts = f.app.private().join("accounts.json");
        let bytes = std::fs::read(&accounts).unwrap();
        let mut rewritten = bytes.clone();
        rewritten.push(b' ');
        std::fs::write(&accounts, &rewritten).unwrap();
        let seen = changed(&before, &tree(data)).unwrap();
        assert!(seen.contains("accounts.json"), "{seen}");
        std::fs::write(&accounts, &bytes).unwrap();
        assert_eq!(changed(&before, &tree(data)), None);
        std::fs::create_dir(f.readable.join("new")).unwrap();
        let seen = changed(&before, &tree(data)).unwrap();
        assert!(seen.contains("new"), "{seen}");
    }
}
