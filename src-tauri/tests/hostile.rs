//! A hostile page: each call gets the exact error kind (or Tauri's argument refusal) within a
//! bounded time, and leaves nothing behind — no file written, none partial, inside the app's
//! folders or outside them. The cases are built once and run in order (the sign-in throttle
//! cases depend on the attempts before them).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{app, channel_arg, headers, invoke, invoke_raw, sign_in, TestApp};
use serde_json::{json, Value};
use tauri::ipc::InvokeBody;
use tauri::Manager;

/// What a hostile call must end in.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// A typed error of this kind.
    Kind(&'static str),
    /// Tauri refused the arguments before the command ran (a bad channel included).
    BadArgs,
    /// The ACL refused the command for this window before it ran: no permission of the
    /// window grants it, or the window has no capability at all.
    Acl,
}
use Expect::{Acl, BadArgs, Kind};

/// The upload token a case sends as `Authorization: Bearer …`.
#[derive(Debug, Clone, Copy)]
enum Token {
    /// Issued just before the call.
    Fresh,
    /// Issued, then replaced by a newer one for the same window.
    Superseded,
}

struct Case {
    what: String,
    window: &'static str,
    command: &'static str,
    body: InvokeBody,
    headers: Vec<(&'static str, String)>,
    bearer: Option<Token>,
    /// What the user picks in the folder dialog the call opens.
    pick: Option<PathBuf>,
    expect: Expect,
}

impl Case {
    fn new(what: impl Into<String>, command: &'static str, args: Value, expect: Expect) -> Self {
        Self {
            what: what.into(),
            window: "main",
            command,
            body: InvokeBody::Json(args),
            headers: vec![],
            bearer: None,
            pick: None,
            expect,
        }
    }

    fn from(mut self, window: &'static str) -> Self {
        self.window = window;
        self
    }

    fn picking(mut self, folder: impl Into<PathBuf>) -> Self {
        self.pick = Some(folder.into());
        self
    }
}

/// An upload with `body`, the file name header `name` (when given) and a token.
fn upload(
    what: &'static str,
    body: InvokeBody,
    name: Option<&str>,
    bearer: Option<Token>,
    expect: Expect,
) -> Case {
    Case {
        body,
        headers: name
            .map(|n| vec![("x-file-name", n.to_owned())])
            .unwrap_or_default(),
        bearer,
        ..Case::new(what, "upload", Value::Null, expect)
    }
}

const BOUND: Duration = Duration::from_secs(3);
const TEN_MB: usize = 10 * 1024 * 1024;

struct Fixture {
    app: TestApp,
    outside: tempfile::TempDir,
    data: String,
    readable: PathBuf,
}

impl Fixture {
    fn path(&self, name: &str) -> String {
        self.readable.join(name).display().to_string()
    }
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// A sparse file of `len` bytes (no disk used).
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

fn fixture() -> Fixture {
    use std::os::unix::fs::symlink;
    let app = app();
    let outside = tempfile::tempdir().unwrap();
    let readable = app.readable();
    let at = |name: &str| readable.join(name);
    std::fs::write(at("ok.txt"), b"fine").unwrap();
    std::fs::write(at("latin1.txt"), b"caf\xe9").unwrap();
    std::fs::write(at("big.txt"), vec![b'a'; TEN_MB + 1]).unwrap();
    sparse(&at("big.bin"), 64 * 1024 * 1024 + 1);
    sparse(&at("huge.bin"), 256 * 1024 * 1024 + 1);
    std::fs::create_dir(at("sub")).unwrap();
    mkfifo(&at("pipe"));
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "secret").unwrap();
    symlink(&secret, at("escape.txt")).unwrap();
    symlink(outside.path(), at("outdir")).unwrap();
    symlink(app.private().join("accounts.json"), at("accounts.json")).unwrap();
    symlink("/dev/zero", at("zero")).unwrap();
    symlink("/proc/self/environ", at("environ")).unwrap();
    symlink("/proc", outside.path().join("proc-link")).unwrap();
    std::fs::write(app.data.path().join("beside.txt"), "not readable").unwrap();
    Fixture {
        data: app
            .data
            .path()
            .canonicalize()
            .unwrap()
            .display()
            .to_string(),
        app,
        outside,
        readable,
    }
}

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
        Case::new("missing key", command, extra.clone(), BadArgs),
        Case::new("wrong type", command, with(json!(42)), BadArgs),
        Case::new("array body", command, json!(["/etc/passwd"]), BadArgs),
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
            with(json!(format!("/{}", "x".repeat(TEN_MB)))),
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
    let ten_mb = "x".repeat(TEN_MB);
    let image = |path: String| json!({ "path": path, "reader": channel_arg(5) });
    let raw = |bytes: &[u8]| InvokeBody::Raw(bytes.to_vec());
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
            BadArgs,
        ),
        Case::new(
            "channel as number",
            "load_image",
            json!({ "path": f.path("ok.txt"), "reader": 12 }),
            BadArgs,
        ),
        Case::new(
            "channel missing",
            "load_image",
            json!({ "path": f.path("ok.txt") }),
            BadArgs,
        ),
        // The seed's first commands.
        Case::new(
            "greet: empty",
            "greet",
            json!({ "name": "" }),
            Kind("invalidInput"),
        ),
        Case::new(
            "greet: blank",
            "greet",
            json!({ "name": " \n\t" }),
            Kind("invalidInput"),
        ),
        Case::new(
            "greet: 10 MB",
            "greet",
            json!({ "name": ten_mb }),
            Kind("tooLarge"),
        ),
        Case::new("greet: number", "greet", json!({ "name": 7 }), BadArgs),
        Case::new("greet: missing", "greet", json!({}), BadArgs),
        Case::new(
            "custom: number",
            "my_custom_command",
            json!({ "invokeMessage": 42 }),
            BadArgs,
        ),
        Case::new(
            "snake twin: camelCase key",
            "my_custom_command_snake",
            json!({ "invokeMessage": "x" }),
            BadArgs,
        ),
        Case::new(
            "snake twin: number",
            "my_custom_command_snake",
            json!({ "invoke_message": 1 }),
            BadArgs,
        ),
        // Password change (main is signed in); before the sign-in cases, which throttle the user.
        Case::new(
            "change: missing argument",
            "change_password",
            json!({ "currentPassword": "tauri" }),
            BadArgs,
        ),
        Case::new(
            "change: new too short",
            "change_password",
            json!({ "currentPassword": "tauri", "newPassword": "abc" }),
            Kind("invalidInput"),
        ),
        Case::new(
            "change: new 10 MB",
            "change_password",
            json!({ "currentPassword": "tauri", "newPassword": ten_mb }),
            Kind("tooLarge"),
        ),
        Case::new(
            "change: current 10 MB",
            "change_password",
            json!({ "currentPassword": ten_mb, "newPassword": "abcd" }),
            Kind("tooLarge"),
        ),
        Case::new(
            "change: wrong current",
            "change_password",
            json!({ "currentPassword": "wrong", "newPassword": "abcd" }),
            Kind("unauthorized"),
        ),
        // Sign-in from the sign-in window: bad shapes, wrong guesses, then the throttle.
        Case::new(
            "login: missing password",
            "login",
            json!({ "user": "tauri" }),
            BadArgs,
        )
        .from("login"),
        Case::new(
            "login: wrong types",
            "login",
            json!({ "user": 1, "password": true }),
            BadArgs,
        )
        .from("login"),
        Case::new(
            "login: 10 MB password",
            "login",
            json!({ "user": "tauri", "password": ten_mb }),
            Kind("tooLarge"),
        )
        .from("login"),
        Case::new(
            "login: 10 MB user",
            "login",
            json!({ "user": ten_mb, "password": "x" }),
            Kind("invalidInput"),
        )
        .from("login"),
        Case::new(
            "login: empty user",
            "login",
            json!({ "user": "", "password": "x" }),
            Kind("invalidInput"),
        )
        .from("login"),
        Case::new(
            "login: wrong password",
            "login",
            json!({ "user": "tauri", "password": "pass" }),
            Kind("unauthorized"),
        )
        .from("login"),
        Case::new(
            "login: unknown user",
            "login",
            json!({ "user": "root", "password": "tauri" }),
            Kind("unauthorized"),
        )
        .from("login"),
        Case::new(
            "login: empty password",
            "login",
            json!({ "user": "tauri", "password": "" }),
            Kind("unauthorized"),
        )
        .from("login"),
        Case::new(
            "login: fourth wrong guess",
            "login",
            json!({ "user": "tauri", "password": "pass2" }),
            Kind("unauthorized"),
        )
        .from("login"),
        Case::new(
            "login: throttled, even the right password",
            "login",
            json!({ "user": "tauri", "password": "tauri" }),
            Kind("busy"),
        )
        .from("login"),
        Case::new(
            "login: throttled window, another user",
            "login",
            json!({ "user": "admin", "password": "admin" }),
            Kind("busy"),
        )
        .from("login"),
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
            BadArgs,
        ),
        // Network: the URL scope, and the arguments.
        Case::new("download: missing url", "download", json!({}), BadArgs),
        Case::new(
            "download: url as number",
            "download",
            json!({ "url": 1 }),
            BadArgs,
        ),
        Case::new(
            "download: bad channel",
            "download",
            json!({ "url": "https://example.com/", "onEvent": "not-a-channel" }),
            BadArgs,
        ),
        Case::new(
            "download: channel as object",
            "download",
            json!({ "url": "https://example.com/", "onEvent": { "id": 1 } }),
            BadArgs,
        ),
        Case::new(
            "fetch: missing url",
            "fetch_data",
            json!({ "link": "https://example.com/" }),
            BadArgs,
        ),
        Case::new(
            "cancel: id as text",
            "cancel_download",
            json!({ "downloadId": "1" }),
            BadArgs,
        ),
        Case::new(
            "cancel: negative id",
            "cancel_download",
            json!({ "downloadId": -1 }),
            BadArgs,
        ),
        Case::new(
            "cancel: id past u32",
            "cancel_download",
            json!({ "downloadId": 1u64 << 40 }),
            BadArgs,
        ),
        Case::new(
            "cancel: unknown id",
            "cancel_download",
            json!({ "downloadId": 4242 }),
            Kind("notFound"),
        ),
        Case::new(
            "stream_progress: bad channel",
            "stream_progress",
            json!({ "onProgress": "__CHANNEL__:x" }),
            BadArgs,
        ),
        Case::new(
            "stream_progress: no channel",
            "stream_progress",
            json!({}),
            BadArgs,
        ),
        // Events on request, and the preferences (from the settings window).
        Case::new(
            "broadcast: 10 MB",
            "broadcast",
            json!({ "message": ten_mb }),
            Kind("tooLarge"),
        ),
        Case::new(
            "broadcast: number",
            "broadcast",
            json!({ "message": 1 }),
            BadArgs,
        ),
        Case::new("broadcast: missing", "broadcast", json!({}), BadArgs),
        Case::new(
            "preference: unknown key",
            "set_preference",
            json!({ "key": "theme", "value": "dark" }),
            Kind("invalidInput"),
        )
        .from("settings"),
        Case::new(
            "preference: unknown value",
            "set_preference",
            json!({ "key": "notification", "value": "sometimes" }),
            Kind("invalidInput"),
        )
        .from("settings"),
        Case::new(
            "preference: value in capitals",
            "set_preference",
            json!({ "key": "notification", "value": "ALL" }),
            Kind("invalidInput"),
        )
        .from("settings"),
        Case::new(
            "preference: empty",
            "set_preference",
            json!({ "key": "", "value": "" }),
            Kind("invalidInput"),
        )
        .from("settings"),
        Case::new(
            "preference: 10 MB key",
            "set_preference",
            json!({ "key": ten_mb, "value": "all" }),
            Kind("invalidInput"),
        )
        .from("settings"),
        Case::new(
            "preference: 10 MB value",
            "set_preference",
            json!({ "key": "notification", "value": ten_mb }),
            Kind("invalidInput"),
        )
        .from("settings"),
        Case::new(
            "preference: value as number",
            "set_preference",
            json!({ "key": "notification", "value": 1 }),
            BadArgs,
        )
        .from("settings"),
        Case::new(
            "preference: missing value",
            "set_preference",
            json!({ "key": "notification" }),
            BadArgs,
        )
        .from("settings"),
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
    // Hash jobs: a folder is a fine target here, so the path probes are their own.
    let secret = f.outside.path().join("secret.txt");
    for (what, path, expect) in [
        ("job: empty path", json!(""), Kind("invalidInput")),
        ("job: relative path", json!("ok.txt"), Kind("invalidInput")),
        (
            "job: NUL byte",
            json!(format!("{}\0", f.path("ok.txt"))),
            Kind("invalidInput"),
        ),
        (
            "job: 10 MB path",
            json!(format!("/{ten_mb}")),
            Kind("invalidInput"),
        ),
        (
            "job: traversal",
            json!(format!("{}/files/../private", f.data)),
            Kind("outsideScope"),
        ),
        ("job: outside", json!(secret), Kind("outsideScope")),
        (
            "job: folder outside",
            json!(f.outside.path()),
            Kind("outsideScope"),
        ),
        (
            "job: symlink out",
            json!(f.path("escape.txt")),
            Kind("outsideScope"),
        ),
        (
            "job: folder symlink out",
            json!(f.path("outdir")),
            Kind("outsideScope"),
        ),
        (
            "job: the private folder",
            json!(f.app.private()),
            Kind("outsideScope"),
        ),
        ("job: /proc", json!("/proc"), Kind("outsideScope")),
        ("job: FIFO", json!(f.path("pipe")), Kind("invalidInput")),
        ("job: missing", json!(f.path("nope.txt")), Kind("notFound")),
        ("job: path as number", json!(5), BadArgs),
    ] {
        cases.push(Case::new(
            what,
            "start_hash_job",
            json!({ "path": path }),
            expect,
        ));
    }
    for (what, id, expect) in [
        ("cancel job: id as text", json!("1"), BadArgs),
        ("cancel job: negative id", json!(-5), BadArgs),
        ("cancel job: unknown id", json!(31337), Kind("notFound")),
    ] {
        cases.push(Case::new(
            what,
            "cancel_job",
            json!({ "jobId": id }),
            expect,
        ));
    }
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
            "bench: bad encoding",
            "bench_bytes",
            json!({ "size": 1, "encoding": "utf16" }),
            BadArgs,
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
            BadArgs,
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
            "bench: finish outside a run",
            "finish_run",
            json!({ "results": 1, "passed": false }),
            Kind("permissionDenied"),
        ),
    ] {
        cases.push(Case::new(what, command, args, expect));
    }
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
    cases.extend([
        // Uploads: the token, the name, the body.
        upload(
            "upload: no token",
            raw(b"x"),
            Some("a.bin"),
            None,
            Kind("unauthorized"),
        ),
        upload(
            "upload: superseded token",
            raw(b"x"),
            Some("a.bin"),
            Some(Token::Superseded),
            Kind("unauthorized"),
        ),
        upload(
            "upload: JSON object body",
            InvokeBody::Json(json!({ "bytes": [1, 2] })),
            Some("a.bin"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: number array",
            InvokeBody::Json(json!([1, 2, 3])),
            Some("a.bin"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: bad base64",
            InvokeBody::Json(json!("@@@")),
            Some("a.bin"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: traversal name",
            raw(b"x"),
            Some("..%2F..%2Fevil"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: name `..`",
            raw(b"x"),
            Some(".."),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: backslash",
            raw(b"x"),
            Some("a%5Cb"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: hidden name",
            raw(b"x"),
            Some(".bashrc"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: NUL in name",
            raw(b"x"),
            Some("a%00b"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: newline in name",
            raw(b"x"),
            Some("a%0Ab"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: name not UTF-8",
            raw(b"x"),
            Some("%FF"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: Windows device name",
            raw(b"x"),
            Some("con.txt"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: Windows device name, capitals",
            raw(b"x"),
            Some("NUL"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: COM port",
            raw(b"x"),
            Some("com7.log"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: LPT with a superscript",
            raw(b"x"),
            Some("LPT%C2%B9.txt"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: colon (alternate data stream)",
            raw(b"x"),
            Some("a.txt%3Ahidden"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: question mark",
            raw(b"x"),
            Some("what%3F.txt"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: asterisk",
            raw(b"x"),
            Some("a*.txt"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: pipe",
            raw(b"x"),
            Some("a%7Cb"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: angle brackets and quote",
            raw(b"x"),
            Some("%3Ca%22b%3E"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: tab",
            raw(b"x"),
            Some("a%09b"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: trailing dot",
            raw(b"x"),
            Some("report."),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: trailing space",
            raw(b"x"),
            Some("report.txt%20"),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: 256-byte name",
            raw(b"x"),
            Some(&"n".repeat(256)),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: empty name",
            raw(b"x"),
            Some(""),
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: no name",
            raw(b"x"),
            None,
            Some(Token::Fresh),
            Kind("invalidInput"),
        ),
        upload(
            "upload: oversize body",
            raw(&vec![0; 32 * 1024 * 1024 + 1]),
            Some("big.bin"),
            Some(Token::Fresh),
            Kind("tooLarge"),
        ),
        upload(
            "upload: oversize base64",
            InvokeBody::Json(json!("A".repeat(44 * 1024 * 1024))),
            Some("big.bin"),
            Some(Token::Fresh),
            Kind("tooLarge"),
        ),
    ]);
    let mut refused_auth = |what, header: &str| {
        let mut case = upload(what, raw(b"x"), Some("a.bin"), None, Kind("unauthorized"));
        case.headers.push(("authorization", header.to_owned()));
        cases.push(case);
    };
    refused_auth("upload: basic auth", "Basic dGF1cmk6dGF1cmk=");
    refused_auth("upload: invented token", "Bearer 0123");
    refused_auth("upload: lowercase bearer", "bearer 0123");
    refused_auth("upload: empty bearer", "Bearer ");
    cases.extend(net_cases());
    cases
}

/// The commands of issue 14 (fetch ids, the disk quota, local networks): bad arguments from the
/// windows that may call them.
fn net_cases() -> Vec<Case> {
    let ten_mb = "x".repeat(TEN_MB);
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
            BadArgs,
        ));
        cases.push(Case::new(
            format!("cancel fetch: id as {what}"),
            "cancel_fetch",
            json!({ "fetchId": id }),
            BadArgs,
        ));
    }
    cases.push(Case::new(
        "cancel fetch: no id",
        "cancel_fetch",
        json!({}),
        BadArgs,
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
            BadArgs,
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
                Case::new(format!("{command}: {what}"), command, args, BadArgs).from("settings"),
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
    let ten_mb = "x".repeat(TEN_MB);
    let mut cases = vec![];
    // From every window: granted ones get the typed error above, the others the ACL's refusal.
    let everywhere: [(&'static str, Value, Expect, &[&str]); 6] = [
        (
            "cancel_fetch",
            json!({ "fetchId": "x" }),
            BadArgs,
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

fn matches(expect: Expect, error: &Value) -> bool {
    match expect {
        Expect::Kind(kind) => {
            error["kind"] == kind
                && error["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty() && m.len() < 1024)
        }
        Expect::BadArgs => error
            .as_str()
            .is_some_and(|m| m.contains("invalid args") || m.contains("invalid channel value")),
        Expect::Acl => error.as_str().is_some_and(|m| {
            m.contains(" not allowed. Permissions associated with this command")
                || m.contains(" not allowed on window ")
        }),
    }
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn hostile_inputs_are_refused_with_the_right_kind_in_bounded_time_and_leave_nothing() {
    let f = fixture();
    let main = f.app.window("main");
    sign_in(&main);
    let token = || {
        invoke(&main, "upload_token", json!({}))
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    let cases = cases(&f);
    assert!(cases.len() >= 120, "only {} hostile cases", cases.len());
    println!("{} hostile cases", cases.len());
    // No case may reach a network: every URL a case expects refused as outsideScope is refused
    // by the check the request makes first, before any case runs.
    let network = f.app.app.state::<ipc_lab_lib::state::Network>();
    let later = everywhere_cases();
    for case in cases.iter().chain(&later) {
        let (InvokeBody::Json(args), Kind("outsideScope")) = (&case.body, case.expect) else {
            continue;
        };
        if let Some(url) = args["url"].as_str() {
            let refused = ipc_lab_lib::services::net::url_scope::parse_url(url)
                .and_then(|url| network.client().check(&common::main_scope(), &url));
            assert!(refused.is_err(), "{}: {url} would be sent", case.what);
        }
    }
    let data_before = files_under(f.app.data.path());
    let outside_before = files_under(f.outside.path());

    let run = |case: Case| {
        if let Some(folder) = &case.pick {
            f.app.user_picks(Some(folder));
        }
        let mut sent = case.headers;
        if let Some(kind) = case.bearer {
            let bearer = match kind {
                Token::Fresh => token(),
                Token::Superseded => {
                    let old = token();
                    token();
                    old
                }
            };
            sent.push(("authorization", format!("Bearer {bearer}")));
        }
        let sent: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let window = f.app.window(case.window);
        let started = Instant::now();
        let result = invoke_raw(&window, case.command, case.body, headers(&sent));
        let took = started.elapsed();
        let error = match result {
            Ok(body) => panic!(
                "{} ({}): accepted: {:?}",
                case.what,
                case.command,
                body.deserialize::<Value>()
            ),
            Err(error) => error,
        };
        assert!(
            matches(case.expect, &error),
            "{} ({}): expected {:?}, got {error:.300}",
            case.what,
            case.command,
            case.expect
        );
        assert!(took < BOUND, "{} took {took:?}", case.what);
    };
    cases.into_iter().for_each(run);
    assert!(
        f.app.app.get_webview_window("file-viewer").is_none(),
        "a refused open_file_viewer opened the viewer"
    );
    later.into_iter().for_each(run);

    // Nothing written, nothing partial, nothing saved: not in the app's folders, not outside.
    assert_eq!(files_under(f.app.data.path()), data_before);
    assert_eq!(files_under(f.outside.path()), outside_before);
    assert!(
        f.app.frames(5).is_empty(),
        "a refused load_image sent chunks"
    );
    assert!(
        f.app.questions.lock().unwrap().is_empty(),
        "a refused local network reached the user's dialog"
    );
}
