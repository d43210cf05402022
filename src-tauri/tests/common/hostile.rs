//! The hostile-page case runner the domain tests share: each call gets the exact error kind (or
//! Tauri's refusal of the named argument, or the ACL's refusal) within a bounded time, and leaves
//! nothing behind — no file or folder added, removed or rewritten (each file's bytes hashed),
//! inside the app's folders or outside them, no channel message sent, no question asked. A
//! domain's cases run in order on one app (the sign-in throttle cases depend on the attempts
//! before them), and each domain states its case count so none silently disappears.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tauri::ipc::InvokeBody;
use tauri::Manager;

use super::{headers, invoke, invoke_raw, main_scope, TestApp};

/// What a hostile call must end in.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    /// A typed error of this kind.
    Kind(&'static str),
    /// Tauri refused this argument (named by its key) before the command ran: missing, or of
    /// the wrong type. With several bad keys, the first one the command's signature takes.
    BadArgs(&'static str),
    /// Tauri refused the channel this key carries: a string that is not a channel id (Tauri's
    /// text names the value, not the key, so the runner checks the value the case sent).
    BadChannel(&'static str),
    /// The ACL refused the command for this window before it ran: no permission of the
    /// window grants it, or the window has no capability at all.
    Acl,
}

/// The upload token a case sends as `Authorization: Bearer …`.
#[derive(Debug, Clone, Copy)]
pub enum Token {
    /// Issued just before the call.
    Fresh,
    /// Issued, then replaced by a newer one for the same window.
    Superseded,
}

pub struct Case {
    pub what: String,
    pub window: &'static str,
    pub command: &'static str,
    pub body: InvokeBody,
    pub headers: Vec<(&'static str, String)>,
    pub bearer: Option<Token>,
    /// What the user picks in the folder dialog the call opens.
    pub pick: Option<PathBuf>,
    pub expect: Expect,
}

impl Case {
    pub fn new(
        what: impl Into<String>,
        command: &'static str,
        args: Value,
        expect: Expect,
    ) -> Self {
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

    pub fn from(mut self, window: &'static str) -> Self {
        self.window = window;
        self
    }

    pub fn picking(mut self, folder: impl Into<PathBuf>) -> Self {
        self.pick = Some(folder.into());
        self
    }
}

/// An upload with `body`, the file name header `name` (when given) and a token.
pub fn upload(
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

/// The time each hostile call must be answered in.
pub const BOUND: Duration = Duration::from_secs(3);
pub const TEN_MB: usize = 10 * 1024 * 1024;

/// A 10 MB string.
pub fn ten_mb() -> String {
    "x".repeat(TEN_MB)
}

/// An app with `main` signed in, and files to probe with: in the readable folder (text, not
/// UTF-8, over each size cap, a folder, a FIFO, symlinks out of it), a private file, and a
/// folder outside the app's.
pub struct Fixture {
    pub app: TestApp,
    pub outside: tempfile::TempDir,
    /// The app's data folder, canonical.
    pub data: String,
    pub readable: PathBuf,
}

impl Fixture {
    /// `name` in the readable folder.
    pub fn path(&self, name: &str) -> String {
        self.readable.join(name).display().to_string()
    }
}

#[cfg(target_os = "linux")]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// A sparse file of `len` bytes (no disk used).
#[cfg(target_os = "linux")]
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

/// Linux's: a FIFO, links to `/dev/zero`, `/proc/self/environ` and `/proc`, sparse files (the
/// test binaries' `mod hostile` are Linux-only for it).
#[cfg(target_os = "linux")]
pub fn fixture() -> Fixture {
    use super::{app, sign_in};
    use std::os::unix::fs::symlink;
    let app = app();
    sign_in(&app.window("main"));
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

/// Whether `error` is what `case` expects.
pub fn matches(case: &Case, error: &Value) -> bool {
    let text = || error.as_str().unwrap_or_default();
    match case.expect {
        Expect::Kind(kind) => {
            error["kind"] == kind
                && error["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty() && m.len() < 1024)
        }
        Expect::BadArgs(key) => text().starts_with(&format!(
            "invalid args `{key}` for command `{}`",
            case.command
        )),
        Expect::BadChannel(key) => {
            let InvokeBody::Json(args) = &case.body else {
                return false;
            };
            let sent = args[key]
                .as_str()
                .expect("a bad channel case sends a string");
            text().starts_with(&format!("invalid channel value `{sent}`"))
        }
        Expect::Acl => {
            let m = text();
            m.contains(" not allowed. Permissions associated with this command")
                || m.contains(" not allowed on window ")
        }
    }
}

/// What a path holds, as far as "leave nothing" can tell.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    Folder,
    /// A regular file: the SHA-256 of its bytes.
    File([u8; 32]),
    /// A symlink (never followed): where it points.
    Link(PathBuf),
    /// A FIFO or another special file (never opened).
    Special,
}

/// Every path under `dir` (relative) with what it holds.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            let held = if kind.is_dir() {
                stack.push(path.clone());
                Entry::Folder
            } else if kind.is_symlink() {
                Entry::Link(std::fs::read_link(&path).unwrap())
            } else if kind.is_file() {
                let mut hasher = Sha256::new();
                std::io::copy(&mut std::fs::File::open(&path).unwrap(), &mut hasher).unwrap();
                Entry::File(hasher.finalize().into())
            } else {
                Entry::Special
            };
            out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), held);
        }
    }
    out
}

/// The first difference between two trees, if any.
pub fn changed(
    before: &BTreeMap<PathBuf, Entry>,
    after: &BTreeMap<PathBuf, Entry>,
) -> Option<String> {
    let paths = before.keys().chain(after.keys());
    paths
        .into_iter()
        .find_map(|path| match (before.get(path), after.get(path)) {
            (Some(a), Some(b)) if a == b => None,
            (a, b) => Some(format!("{}: {a:?} became {b:?}", path.display())),
        })
}

/// Runs `cases` in order from their windows on `f`'s app: each is refused as it expects within
/// [`BOUND`], and all together leave the folders as they were, send no channel message and ask
/// the user nothing. `count` is the number of cases the domain states (so none silently goes).
pub fn run(f: &Fixture, domain: &str, cases: Vec<Case>, count: usize) {
    println!("{domain}: {} hostile cases", cases.len());
    assert_eq!(cases.len(), count, "{domain}: hostile case count");
    let main = f.app.window("main");
    let token = || {
        invoke(&main, "upload_token", json!({}))
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    // No case may reach a network: every URL a case expects refused as outsideScope is refused
    // by the check the request makes first, before any case runs.
    let network = f.app.app.state::<ipc_lab_lib::state::Network>();
    for case in &cases {
        let (InvokeBody::Json(args), Expect::Kind("outsideScope")) = (&case.body, case.expect)
        else {
            continue;
        };
        if let Some(url) = args["url"].as_str() {
            let refused = ipc_lab_lib::services::net::url_scope::parse_url(url)
                .and_then(|url| network.client().check(&main_scope(), &url));
            assert!(refused.is_err(), "{}: {url} would be sent", case.what);
        }
    }
    let data_before = tree(f.app.data.path());
    let outside_before = tree(f.outside.path());

    for case in cases {
        if let Some(folder) = &case.pick {
            f.app.user_picks(Some(folder));
        }
        let mut sent = case.headers.clone();
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
        let body = match &case.body {
            InvokeBody::Json(args) => InvokeBody::Json(args.clone()),
            InvokeBody::Raw(bytes) => InvokeBody::Raw(bytes.clone()),
        };
        let started = Instant::now();
        let result = invoke_raw(&window, case.command, body, headers(&sent));
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
            matches(&case, &error),
            "{} ({}): expected {:?}, got {error:.300}",
            case.what,
            case.command,
            case.expect
        );
        assert!(took < BOUND, "{} took {took:?}", case.what);
    }

    // Nothing written, nothing partial, nothing saved: not in the app's folders, not outside.
    let data_changed = changed(&data_before, &tree(f.app.data.path()));
    assert_eq!(data_changed, None, "{domain}: the app's folders changed");
    let outside_changed = changed(&outside_before, &tree(f.outside.path()));
    assert_eq!(
        outside_changed, None,
        "{domain}: the outside folder changed"
    );
    assert!(
        f.app.frames.lock().unwrap().is_empty(),
        "{domain}: a refused call sent channel messages"
    );
    assert!(
        f.app.questions.lock().unwrap().is_empty(),
        "{domain}: a refused call reached the user's dialog"
    );
}
