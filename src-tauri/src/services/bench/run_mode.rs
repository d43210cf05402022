//! How the app was started: normally, or to run a suite in its webview and exit with a report
//! (`--bench [--quick] [--out FILE]`, `--self-test [--out FILE]`, either with
//! `--post-message-ipc`). Desktop reads the command
//! line; a mobile app has none, so a build for a device CI bakes the same words in at compile
//! time (`IPC_LAB_RUN_MODE="--self-test"`), and its report goes to the log as one line.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::models::{IpcTransport, Suite};
use crate::services::store::atomic;

/// The mode from the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunMode {
    pub suite: Option<Suite>,
    /// `--quick`: small sizes and few repetitions (proves the bench runs end to end).
    pub quick: bool,
    /// Where the JSON report goes (stdout when not given).
    pub out: Option<PathBuf>,
    /// `--exit-when-ready`: print `IPC_LAB_READY` and exit once the page's first `ready`
    /// reaches Rust (the startup benchmark, `scripts/compare-template.sh`, times this).
    pub exit_when_ready: bool,
    /// `--post-message-ipc`: every invoke goes through Tauri's postMessage interface, as on
    /// Android, instead of the `ipc:` custom protocol (see `wiring::windows::FORCE_POST_MESSAGE`).
    pub post_message_ipc: bool,
}

/// Reads the mode from the arguments after the program name. Arguments it does not know are
/// left alone (platforms and tools add their own); `--out` needs a value.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<RunMode, String> {
    let mut mode = RunMode::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => mode.suite = Some(Suite::Bench),
            "--self-test" => mode.suite = Some(Suite::SelfTest),
            "--quick" => mode.quick = true,
            "--exit-when-ready" => mode.exit_when_ready = true,
            "--post-message-ipc" => mode.post_message_ipc = true,
            "--out" => {
                let file = args.next().ok_or("--out needs a file name")?;
                mode.out = Some(PathBuf::from(file));
            }
            _ => {}
        }
    }
    Ok(mode)
}

/// The compile-time variable a mobile build reads its mode from (the same words as the command line).
pub const BUILD_ENV: &str = "IPC_LAB_RUN_MODE";

/// The mode a build baked in (`option_env!(BUILD_ENV)`); none is a normal run.
pub fn from_build(words: Option<&str>) -> Result<RunMode, String> {
    parse(words.unwrap_or("").split_whitespace().map(str::to_owned))
}

/// The log line a run without `--out` on mobile ends with: a marker, then the report as one
/// line of JSON (what a device CI looks for in logcat or the simulator's console).
pub fn report_line(report: &serde_json::Value) -> String {
    format!("IPC_LAB_REPORT {report}")
}

/// The report of a run: the page's `results`, whether it `passed`, and what is known here of
/// the build (the app's and Tauri's versions, OS, profile).
pub fn report(
    mode: &RunMode,
    results: serde_json::Value,
    passed: bool,
    transport: IpcTransport,
    app_version: &str,
    tauri_version: &str,
) -> crate::error::Result<serde_json::Value> {
    let suite = mode.suite.ok_or_else(|| {
        Error::PermissionDenied("the app was not started with --bench or --self-test".into())
    })?;
    Ok(serde_json::json!({
        "suite": suite,
        "passed": passed,
        "quick": mode.quick,
        "transport": transport,
        "app": { "name": "IPC Lab", "version": app_version },
        "tauri": tauri_version,
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "results": results,
    }))
}

/// Writes the report to `out` (atomically), or else to stdout — on mobile, which has none
/// to read, to the log as [`report_line`].
pub fn write_report(out: Option<&Path>, report: &serde_json::Value) -> crate::error::Result<()> {
    let text = serde_json::to_string_pretty(report).map_err(|e| Error::Internal(e.to_string()))?;
    match out {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path.file_name().ok_or_else(|| {
                Error::InvalidInput(format!("{} is not a file name", path.display()))
            })?;
            atomic::write(dir, &name.to_string_lossy(), text.as_bytes())
        }
        None if cfg!(mobile) => {
            log::info!("{}", report_line(report));
            Ok(())
        }
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn a_report_is_written_whole_and_only_for_a_suite() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.json");
        let mode = parse(args(&format!("--self-test --out {}", out.display()))).unwrap();
        let made = report(
            &mode,
            serde_json::json!({ "ok": 3 }),
            true,
            IpcTransport::PostMessage,
            "0.1.0",
            "2.12.5",
        )
        .unwrap();
        write_report(mode.out.as_deref(), &made).unwrap();
        let written: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(written["suite"], "selfTest");
        assert_eq!(written["passed"], true);
        assert_eq!(written["results"]["ok"], 3);
        assert_eq!(written["tauri"], "2.12.5");
        assert_eq!(written["transport"], "postMessage");
        let normal = report(
            &RunMode::default(),
            serde_json::json!({}),
            true,
            IpcTransport::CustomProtocol,
            "0",
            "0",
        );
        assert_eq!(
            normal.unwrap_err().kind(),
            crate::error::ErrorKind::PermissionDenied
        );
    }

    #[test]
    fn a_mobile_build_reads_the_same_words_baked_in_and_logs_one_line() {
        assert_eq!(from_build(None).unwrap(), RunMode::default());
        assert_eq!(
            from_build(Some(" --self-test ")).unwrap().suite,
            Some(Suite::SelfTest)
        );
        let quick = from_build(Some("--bench --quick")).unwrap();
        assert_eq!((quick.suite, quick.quick), (Some(Suite::Bench), true));
        let line = report_line(&serde_json::json!({ "passed": true, "suite": "selfTest" }));
        assert_eq!(line, r#"IPC_LAB_REPORT {"passed":true,"suite":"selfTest"}"#);
        let json: serde_json::Value =
            serde_json::from_str(line.strip_prefix("IPC_LAB_REPORT ").unwrap()).unwrap();
        assert_eq!(json["passed"], true);
    }

    #[test]
    fn reads_the_suite_the_out_file_and_quick() {
        assert_eq!(parse(args("")).unwrap(), RunMode::default());
        assert_eq!(
            parse(args("--bench --quick --out /tmp/r.json")).unwrap(),
            RunMode {
                suite: Some(Suite::Bench),
                quick: true,
                out: Some("/tmp/r.json".into()),
                exit_when_ready: false,
                post_message_ipc: false,
            }
        );
        assert!(parse(args("--exit-when-ready")).unwrap().exit_when_ready);
        assert!(
            parse(args("--self-test --post-message-ipc"))
                .unwrap()
                .post_message_ipc
        );
        assert!(!parse(args("--self-test")).unwrap().post_message_ipc);
        let self_test = parse(args("-psn_0_1 --self-test")).unwrap();
        assert_eq!(self_test.suite, Some(Suite::SelfTest));
        assert_eq!(
            parse(args("--self-test --out")).unwrap_err(),
            "--out needs a file name"
        );
    }
}
