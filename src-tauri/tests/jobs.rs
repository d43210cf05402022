//! Jobs through the real IPC path: the seed's `start_job` events, hash jobs over files and
//! folders with their `job-update` events (exactly one ending each), cancelling, the bound on
//! jobs at once, and a panicking job contained while the next one runs.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{app, invoke, TestApp};
use ipc_lab_lib::models::JobKind;
use ipc_lab_lib::state::Jobs;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tauri::test::MockRuntime;
use tauri::{AppHandle, Emitter, Listener, Manager};

/// Every `job-update` payload, in the order Rust emitted them.
#[derive(Clone)]
struct Updates(Arc<Mutex<Vec<Value>>>, AppHandle<MockRuntime>);

impl Updates {
    fn listen(app: &TestApp) -> Self {
        let updates = Self(Arc::default(), app.app.handle().clone());
        let sink = updates.clone();
        app.app.listen("job-update", move |event| {
            let job: Value = serde_json::from_str(event.payload()).unwrap();
            sink.0.lock().unwrap().push(job);
        });
        updates
    }

    /// The positive control before a check that an update did not come: emits a marker
    /// `job-update` (its id a string, no job's) and waits until it is heard. The listener is
    /// then live, and every update emitted before the marker has been heard.
    fn settle(&self) {
        static MARKERS: AtomicU32 = AtomicU32::new(0);
        let marker = json!({ "id": format!("marker {}", MARKERS.fetch_add(1, Ordering::SeqCst)) });
        self.1.emit("job-update", &marker).unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.0.lock().unwrap().contains(&marker) {
            assert!(Instant::now() < deadline, "the marker was never heard");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn of(&self, id: &Value) -> Vec<Value> {
        let all = self.0.lock().unwrap();
        all.iter().filter(|job| &job["id"] == id).cloned().collect()
    }

    /// Waits (at most 20 s) for job `id`'s update in an ended state; checks it is the only one
    /// and the last one, and returns it.
    fn ending(&self, id: &Value) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let updates = self.of(id);
            let ended: Vec<&Value> = updates.iter().filter(|job| is_ended(job)).collect();
            if let Some(last) = ended.first() {
                self.settle(); // a stray late update emitted by now has been heard
                let updates = self.of(id);
                assert_eq!(
                    updates.iter().filter(|job| is_ended(job)).count(),
                    1,
                    "{updates:?}"
                );
                assert_eq!(updates.last(), Some(*last), "the ending is the last update");
                return (*last).clone();
            }
            assert!(
                Instant::now() < deadline,
                "job {id} never ended: {updates:?}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until job `id` has hashed at least one byte.
    fn wait_for_bytes(&self, id: &Value) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self
            .of(id)
            .iter()
            .any(|job| job["bytes"].as_f64() > Some(0.0))
        {
            assert!(Instant::now() < deadline, "job {id} made no progress");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn is_ended(job: &Value) -> bool {
    matches!(
        job["state"].as_str(),
        Some("finished" | "failed" | "cancelled")
    )
}

/// A sparse file of `len` bytes in the readable folder (no disk used); its path.
fn sparse(app: &TestApp, name: &str, len: u64) -> String {
    let path = app.readable().join(name);
    std::fs::File::create(&path).unwrap().set_len(len).unwrap();
    path.display().to_string()
}

#[test]
fn the_seed_start_job_emits_1_to_100_then_job_done_one_at_a_time() {
    let app = app();
    let heard: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    for name in ["job-progress", "job-done"] {
        let sink = Arc::clone(&heard);
        app.app.listen(name, move |event| {
            sink.lock()
                .unwrap()
                .push((name.to_owned(), event.payload().to_owned()));
        });
    }
    let main = app.window("main");
    let first = {
        let main = main.clone();
        std::thread::spawn(move || invoke(&main, "start_job", json!({})))
    };
    while heard.lock().unwrap().is_empty() {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        invoke(&main, "start_job", json!({})),
        Err(json!({ "kind": "busy", "message": "busy: the seed job is already running" }))
    );
    assert_eq!(first.join().unwrap(), Ok(Value::Null));
    let heard = heard.lock().unwrap();
    let mut expected: Vec<(String, String)> = (1..=100)
        .map(|n| ("job-progress".to_owned(), n.to_string()))
        .collect();
    expected.push(("job-done".into(), "null".into()));
    assert_eq!(*heard, expected);
}

#[test]
fn a_file_hash_job_reports_progress_and_ends_once_with_the_digest() {
    let app = app();
    let updates = Updates::listen(&app);
    let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i % 253) as u8).collect();
    let path = app.put("data.bin", &bytes);
    let job = invoke(
        &app.window("main"),
        "start_hash_job",
        json!({ "path": path }),
    )
    .unwrap();
    assert_eq!(job["kind"], "hashFile");
    assert_eq!(job["target"], path);
    let ending = updates.ending(&job["id"]);
    assert_eq!(ending["state"], "finished");
    assert_eq!(ending["digest"], hex::encode(Sha256::digest(&bytes)));
    assert_eq!(ending["bytes"], 3_000_000.0);
    assert_eq!(ending["totalBytes"], 3_000_000.0);
    let seen = updates.of(&job["id"]);
    assert_eq!(seen[0]["state"], "queued");
    let progress: Vec<f64> = seen.iter().map(|j| j["bytes"].as_f64().unwrap()).collect();
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
    let listed = invoke(&app.window("main"), "list_jobs", json!({})).unwrap();
    assert_eq!(listed, json!([ending]));
}

#[test]
fn a_folder_hash_job_digests_the_sorted_manifest_of_its_files() {
    let app = app();
    let updates = Updates::listen(&app);
    let folder = app.readable().join("tree");
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    std::fs::write(folder.join("b.txt"), "bee").unwrap();
    std::fs::write(folder.join("sub/a.txt"), "ay").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", folder.join("skipped-link")).unwrap();
    let manifest = format!(
        "{}  b.txt\n{}  sub/a.txt\n",
        hex::encode(Sha256::digest("bee")),
        hex::encode(Sha256::digest("ay"))
    );
    let path = folder.display().to_string();
    let job = invoke(
        &app.window("main"),
        "start_hash_job",
        json!({ "path": path }),
    )
    .unwrap();
    assert_eq!(job["kind"], "hashFolder");
    let ending = updates.ending(&job["id"]);
    assert_eq!(ending["digest"], hex::encode(Sha256::digest(manifest)));
    assert_eq!(
        (ending["files"].clone(), ending["totalFiles"].clone()),
        (json!(2), json!(2))
    );
}

/// Linux: names of any bytes, and GNU `find -printf` and `sha256sum` to compare with.
#[cfg(target_os = "linux")]
#[test]
fn a_folder_holding_the_private_folder_and_odd_names_hashes_its_readable_files_as_sha256sum_does() {
    use std::os::unix::ffi::OsStrExt;
    let app = app();
    let updates = Updates::listen(&app);
    let main = app.window("main");
    // The user adds the app's data folder, which holds the private one (carved out).
    let data = dunce::canonicalize(app.data.path()).unwrap();
    app.user_picks(Some(&data));
    invoke(&main, "add_scope_folder", json!({})).unwrap();
    std::fs::write(app.private().join("big-secret.bin"), vec![0u8; 1 << 20]).unwrap();
    let odd = app.readable().join("odd");
    std::fs::create_dir_all(odd.join("a")).unwrap();
    std::fs::write(odd.join("a/b"), "slash").unwrap();
    std::fs::write(odd.join("a\\b"), "backslash").unwrap();
    std::fs::write(odd.join("new\nline"), "newline").unwrap();
    std::fs::write(odd.join(std::ffi::OsStr::from_bytes(b"raw\xff")), "raw").unwrap();
    let job = invoke(&main, "start_hash_job", json!({ "path": data })).unwrap();
    let ending = updates.ending(&job["id"]);
    assert_eq!(ending["state"], "finished", "{ending}");
    // What the real tool says of the same folder without the private one.
    let shell = "find . -path ./private -prune -o -type f -printf '%P\\0' \
                 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum";
    let out = std::process::Command::new("sh")
        .args(["-c", shell])
        .current_dir(&data)
        .output()
        .unwrap();
    let expected = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        ending["digest"],
        expected.split_whitespace().next().unwrap()
    );
    // Nothing of the private folder was ever counted.
    let readable_bytes: u64 = ["slash", "backslash", "newline", "raw"]
        .iter()
        .map(|s| s.len() as u64)
        .sum();
    for update in updates.of(&job["id"]) {
        let total = update["totalBytes"].as_f64().unwrap();
        assert!(total < f64::from(1 << 20), "{update}");
    }
    assert!(ending["totalBytes"].as_f64().unwrap() >= readable_bytes as f64);
}

#[test]
fn a_job_cancelled_mid_way_ends_once_as_cancelled_within_a_second() {
    let app = app();
    let updates = Updates::listen(&app);
    let path = sparse(&app, "huge.bin", 64 << 30);
    let main = app.window("main");
    let job = invoke(&main, "start_hash_job", json!({ "path": path })).unwrap();
    updates.wait_for_bytes(&job["id"]);
    let asked = Instant::now();
    assert_eq!(
        invoke(&main, "cancel_job", json!({ "jobId": job["id"] })),
        Ok(Value::Null)
    );
    let ending = updates.ending(&job["id"]);
    // Hashing the rest of 64 GiB takes far longer than this (half a minute even at 2 GB/s),
    // and `cancelled` says the cancel ended it; 5 s leaves a loaded machine room and still
    // fails a cancel that is looked at only now and then.
    assert!(asked.elapsed() < Duration::from_secs(5));
    assert_eq!(ending["state"], "cancelled");
    assert_eq!(ending["digest"], Value::Null);
    // Idempotent; an unknown id is notFound.
    assert_eq!(
        invoke(&main, "cancel_job", json!({ "jobId": job["id"] })),
        Ok(Value::Null)
    );
    assert_eq!(
        invoke(&main, "cancel_job", json!({ "jobId": 777 })),
        Err(json!({ "kind": "notFound", "message": "not found: no job 777" }))
    );
}

#[test]
fn two_jobs_run_at_once_the_rest_queue_and_past_sixteen_it_is_busy() {
    let app = app();
    let updates = Updates::listen(&app);
    let main = app.window("main");
    let path = sparse(&app, "huge.bin", 64 << 30);
    let ids: Vec<Value> = (0..16)
        .map(|_| invoke(&main, "start_hash_job", json!({ "path": path })).unwrap()["id"].clone())
        .collect();
    let extra = invoke(&main, "start_hash_job", json!({ "path": path })).unwrap_err();
    assert_eq!(extra["kind"], "busy");
    updates.wait_for_bytes(&ids[0]);
    updates.wait_for_bytes(&ids[1]);
    let listed = invoke(&main, "list_jobs", json!({})).unwrap();
    let running = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["state"] == "running")
        .count();
    let queued = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["state"] == "queued")
        .count();
    assert_eq!((running, queued), (2, 14));
    for id in &ids {
        invoke(&main, "cancel_job", json!({ "jobId": id })).unwrap();
    }
    for id in &ids {
        assert_eq!(updates.ending(id)["state"], "cancelled");
    }
    // A job that was only queued never ran.
    assert!(updates.of(&ids[15]).iter().all(|j| j["state"] != "running"));
}

#[test]
fn a_panicking_job_ends_as_failed_and_the_next_job_runs() {
    let app = app();
    let updates = Updates::listen(&app);
    let jobs = app.app.state::<Jobs>();
    let boom = jobs
        .start(JobKind::HashFile, "a job that panics".into(), |_| {
            panic!("boom")
        })
        .unwrap();
    let ending = updates.ending(&json!(boom.id));
    assert_eq!(ending["state"], "failed");
    assert_eq!(
        ending["error"],
        json!({ "kind": "internal", "message": "internal error: the job panicked: boom" })
    );
    let path = app.put("after.txt", b"abc");
    let next = invoke(
        &app.window("main"),
        "start_hash_job",
        json!({ "path": path }),
    )
    .unwrap();
    assert_eq!(updates.ending(&next["id"])["state"], "finished");
    assert_eq!(
        invoke(&app.window("main"), "greet", json!({ "name": "up" })),
        Ok(json!("Hello, up!"))
    );
}

#[test]
fn a_path_outside_the_scope_starts_no_job() {
    let app = app();
    let updates = Updates::listen(&app);
    let main = app.window("main");
    let outside = tempfile::tempdir().unwrap();
    for (path, kind) in [
        (outside.path().display().to_string(), "outsideScope"),
        (app.private().display().to_string(), "outsideScope"),
        ("/proc".to_owned(), "outsideScope"),
        (
            app.readable().join("missing").display().to_string(),
            "notFound",
        ),
        ("relative/path".to_owned(), "invalidInput"),
    ] {
        let error = invoke(&main, "start_hash_job", json!({ "path": path })).unwrap_err();
        assert_eq!(error["kind"], kind, "{path}");
    }
    updates.settle();
    let heard = updates.0.lock().unwrap().clone();
    assert!(
        heard.iter().all(|u| u["id"].is_string()),
        "only the marker: {heard:?}"
    );
    assert_eq!(invoke(&main, "list_jobs", json!({})), Ok(json!([])));
}

/// Hostile calls on hash jobs: the path probes of their own (a folder is a fine target here) and
/// cancel (the runner, the fixture and what "refused" means are in
/// `common/hostile.rs`).
// The hostile fixture is Linux's (a FIFO, links into /proc and /dev): see common/hostile.rs.
#[cfg(target_os = "linux")]
mod hostile {
    use serde_json::json;

    use crate::common::hostile::Expect::{BadArgs, Kind};
    use crate::common::hostile::{fixture, run, ten_mb, Case, Fixture};

    fn cases(f: &Fixture) -> Vec<Case> {
        let ten_mb = ten_mb();
        let mut cases = vec![];
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
            ("job: path as number", json!(5), BadArgs("path")),
        ] {
            cases.push(Case::new(
                what,
                "start_hash_job",
                json!({ "path": path }),
                expect,
            ));
        }
        for (what, id, expect) in [
            ("cancel job: id as text", json!("1"), BadArgs("jobId")),
            ("cancel job: negative id", json!(-5), BadArgs("jobId")),
            ("cancel job: unknown id", json!(31337), Kind("notFound")),
        ] {
            cases.push(Case::new(
                what,
                "cancel_job",
                json!({ "jobId": id }),
                expect,
            ));
        }
        cases
    }

    #[test]
    fn hostile_calls_are_refused_in_bounded_time_and_leave_nothing() {
        let f = fixture();
        run(&f, "jobs", cases(&f), 17);
    }
}
