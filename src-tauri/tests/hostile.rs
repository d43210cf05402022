//! Bad input: each hostile call gets the exact error kind (or Tauri's argument refusal) within a
//! bounded time, and leaves nothing behind — no file written, none partial.

mod common;

use std::time::{Duration, Instant};

use common::{app, channel_arg, headers, invoke_raw, sign_in, TestApp};
use serde_json::{json, Value};
use tauri::ipc::InvokeBody;

/// What a hostile call must end in.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// A typed error of this kind.
    Kind(&'static str),
    /// Tauri refused the arguments before the command ran (a bad channel included).
    BadArgs,
}

struct Case {
    what: &'static str,
    command: &'static str,
    body: InvokeBody,
    headers: Vec<(&'static str, String)>,
    expect: Expect,
}

fn json_case(what: &'static str, command: &'static str, args: Value, expect: Expect) -> Case {
    Case {
        what,
        command,
        body: InvokeBody::Json(args),
        headers: vec![],
        expect,
    }
}

fn upload_case(
    what: &'static str,
    body: InvokeBody,
    headers: Vec<(&'static str, String)>,
    expect: Expect,
) -> Case {
    Case {
        what,
        command: "upload",
        body,
        headers,
        expect,
    }
}

const BOUND: Duration = Duration::from_secs(3);

struct Fixture {
    app: TestApp,
    outside: tempfile::TempDir,
    text: String,
    binary: String,
    big_text: String,
    folder: String,
    fifo: String,
    link_out: String,
    secret: String,
}

fn fixture() -> Fixture {
    let app = app();
    let outside = tempfile::tempdir().unwrap();
    let data = app.data.path().canonicalize().unwrap();
    let put = |name: &str, bytes: &[u8]| {
        let path = data.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    };
    let text = put("ok.txt", b"fine");
    let binary = put("latin1.txt", b"caf\xe9");
    let big_text = put("big.txt", &vec![b'a'; 10 * 1024 * 1024 + 1]);
    let folder = data.join("sub");
    std::fs::create_dir(&folder).unwrap();
    let fifo = data.join("pipe");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "secret").unwrap();
    let link_out = data.join("escape.txt");
    std::os::unix::fs::symlink(&secret, &link_out).unwrap();
    Fixture {
        app,
        text,
        binary,
        big_text,
        folder: folder.display().to_string(),
        fifo: fifo.display().to_string(),
        link_out: link_out.display().to_string(),
        secret: secret.display().to_string(),
        outside,
    }
}

fn cases(f: &Fixture, token: &str) -> Vec<Case> {
    use Expect::*;
    let data = f
        .app
        .data
        .path()
        .canonicalize()
        .unwrap()
        .display()
        .to_string();
    let ten_mb = "x".repeat(10 * 1024 * 1024);
    let bearer = format!("Bearer {token}");
    let auth = |name: &str| {
        vec![
            ("authorization", bearer.clone()),
            ("x-file-name", name.to_owned()),
        ]
    };
    let mut cases = vec![];
    for command in ["read_file", "read_file_bytes", "file_info"] {
        cases.extend([
            json_case("missing key", command, json!({}), BadArgs),
            json_case("wrong type", command, json!({ "path": 42 }), BadArgs),
            json_case("array body", command, json!(["/etc/passwd"]), BadArgs),
            json_case(
                "empty path",
                command,
                json!({ "path": "" }),
                Kind("invalidInput"),
            ),
            json_case(
                "relative path",
                command,
                json!({ "path": "ok.txt" }),
                Kind("invalidInput"),
            ),
            json_case(
                "NUL byte",
                command,
                json!({ "path": format!("{}\0.txt", f.text) }),
                Kind("invalidInput"),
            ),
            json_case(
                "10 MB path",
                command,
                json!({ "path": format!("/{ten_mb}") }),
                Kind("invalidInput"),
            ),
            json_case(
                "traversal",
                command,
                json!({ "path": format!("{data}/../../etc/passwd") }),
                Kind("outsideScope"),
            ),
            json_case(
                "outside",
                command,
                json!({ "path": f.secret }),
                Kind("outsideScope"),
            ),
            json_case(
                "symlink out",
                command,
                json!({ "path": f.link_out }),
                Kind("outsideScope"),
            ),
            json_case(
                "directory",
                command,
                json!({ "path": f.folder }),
                Kind("invalidInput"),
            ),
            json_case(
                "fifo",
                command,
                json!({ "path": f.fifo }),
                Kind("invalidInput"),
            ),
            json_case(
                "missing file",
                command,
                json!({ "path": format!("{data}/nope.txt") }),
                Kind("notFound"),
            ),
        ]);
    }
    cases.extend([
        json_case(
            "not UTF-8",
            "read_file",
            json!({ "path": f.binary }),
            Kind("notUtf8"),
        ),
        json_case(
            "over the text cap",
            "read_file",
            json!({ "path": f.big_text }),
            Kind("tooLarge"),
        ),
        json_case(
            "bad channel id",
            "load_image",
            json!({ "path": f.text, "reader": "not-a-channel" }),
            BadArgs,
        ),
        json_case(
            "channel as number",
            "load_image",
            json!({ "path": f.text, "reader": 12 }),
            BadArgs,
        ),
        json_case(
            "channel missing",
            "load_image",
            json!({ "path": f.text }),
            BadArgs,
        ),
        json_case(
            "image outside",
            "load_image",
            json!({ "path": f.secret, "reader": channel_arg(5) }),
            Kind("outsideScope"),
        ),
        json_case(
            "image is a fifo",
            "load_image",
            json!({ "path": f.fifo, "reader": channel_arg(5) }),
            Kind("invalidInput"),
        ),
        json_case(
            "login: missing password",
            "login",
            json!({ "user": "tauri" }),
            BadArgs,
        ),
        json_case(
            "login: wrong types",
            "login",
            json!({ "user": 1, "password": true }),
            BadArgs,
        ),
        json_case(
            "login: wrong password",
            "login",
            json!({ "user": "tauri", "password": "pass" }),
            Kind("unauthorized"),
        ),
        json_case(
            "login: unknown user",
            "login",
            json!({ "user": "root", "password": "tauri" }),
            Kind("unauthorized"),
        ),
        json_case(
            "login: 10 MB password",
            "login",
            json!({ "user": "tauri", "password": ten_mb }),
            Kind("tooLarge"),
        ),
        json_case(
            "login: 10 MB user",
            "login",
            json!({ "user": ten_mb, "password": "x" }),
            Kind("invalidInput"),
        ),
        json_case(
            "add folder: a file",
            "add_scope_folder",
            json!({ "path": f.text }),
            Kind("invalidInput"),
        ),
        json_case(
            "add folder: traversal",
            "add_scope_folder",
            json!({ "path": "/tmp/../etc" }),
            Kind("outsideScope"),
        ),
        json_case(
            "remove folder: never added",
            "remove_scope_folder",
            json!({ "path": data }),
            Kind("notFound"),
        ),
        upload_case(
            "upload: JSON object body",
            InvokeBody::Json(json!({ "bytes": [1, 2] })),
            auth("a.bin"),
            Kind("invalidInput"),
        ),
        upload_case(
            "upload: number array",
            InvokeBody::Json(json!([1, 2, 3])),
            auth("a.bin"),
            Kind("invalidInput"),
        ),
        upload_case(
            "upload: bad base64",
            InvokeBody::Json(json!("@@@")),
            auth("a.bin"),
            Kind("invalidInput"),
        ),
        upload_case(
            "upload: no auth",
            InvokeBody::Raw(vec![1]),
            vec![("x-file-name", "a.bin".into())],
            Kind("unauthorized"),
        ),
        upload_case(
            "upload: basic auth",
            InvokeBody::Raw(vec![1]),
            vec![
                ("authorization", "Basic dGF1cmk6dGF1cmk=".into()),
                ("x-file-name", "a.bin".into()),
            ],
            Kind("unauthorized"),
        ),
        upload_case(
            "upload: invented token",
            InvokeBody::Raw(vec![1]),
            vec![
                ("authorization", "Bearer 0123".into()),
                ("x-file-name", "a.bin".into()),
            ],
            Kind("unauthorized"),
        ),
        upload_case(
            "upload: traversal name",
            InvokeBody::Raw(vec![1]),
            auth("..%2F..%2Fevil"),
            Kind("invalidInput"),
        ),
        upload_case(
            "upload: hidden name",
            InvokeBody::Raw(vec![1]),
            auth(".bashrc"),
            Kind("invalidInput"),
        ),
        upload_case(
            "upload: NUL in name",
            InvokeBody::Raw(vec![1]),
            auth("a%00b"),
            Kind("invalidInput"),
        ),
        upload_case(
            "upload: no name",
            InvokeBody::Raw(vec![1]),
            vec![("authorization", bearer.clone())],
            Kind("invalidInput"),
        ),
        upload_case(
            "upload: oversize body",
            InvokeBody::Raw(vec![0; 32 * 1024 * 1024 + 1]),
            auth("big.bin"),
            Kind("tooLarge"),
        ),
    ]);
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
    }
}

#[test]
fn hostile_inputs_are_refused_with_the_right_kind_in_bounded_time_and_leave_nothing() {
    let f = fixture();
    let main = f.app.window("main");
    let before = f.app.data_files();
    let outside_before: Vec<_> = std::fs::read_dir(f.outside.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();

    // The upload cases that need a valid token get a fresh one each, so only the input is wrong.
    sign_in(&main);
    let cases_len = cases(&f, "x").len();
    assert!(cases_len >= 40, "only {cases_len} hostile cases");
    for index in 0..cases_len {
        let token = common::invoke(&main, "upload_token", json!({})).unwrap();
        let case = cases(&f, token.as_str().unwrap()).swap_remove(index);
        let started = Instant::now();
        let headers = headers(
            &case
                .headers
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        );
        let result = invoke_raw(&main, case.command, case.body, headers);
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
    }

    // Nothing written, nothing partial: only the account store appeared (from sign-in).
    let after = f.app.data_files();
    let added: Vec<_> = after.iter().filter(|f| !before.contains(f)).collect();
    assert!(
        added.iter().all(|f| *f == "accounts.json"),
        "left behind: {added:?}"
    );
    let outside_after: Vec<_> = std::fs::read_dir(f.outside.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(outside_before, outside_after);
    assert!(
        f.app.frames(5).is_empty(),
        "a refused load_image sent chunks"
    );
}
