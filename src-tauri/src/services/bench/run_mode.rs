//! How the app was started: normally, or to run a suite in its webview and exit with a report
//! (`--bench [--quick] [--out FILE]`, `--self-test [--scale full|emulator] [--out FILE]`,
//! either with `--post-message-ipc`). Desktop reads the command line; a mobile app has none, so
//! a build for a device CI bakes the same words in at compile time
//! (`IPC_LAB_RUN_MODE="--self-test --scale emulator"`), and its report goes to a file in the
//! app's data folder and to the log as one line.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::models::{IpcPattern, IpcTransport, ScaleName, SelfTestSuite, Suite};
use crate::services::bench::scale;
use crate::services::store::atomic;

/// The mode from the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunMode {
    pub suite: Option<Suite>,
    /// `--quick`: small sizes and few repetitions (proves the bench runs end to end).
    pub quick: bool,
    /// `--scale`: how much the self-test moves (`services::bench::scale`); full by default.
    pub scale: ScaleName,
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
/// left alone (platforms and tools add their own); `--out` and `--scale` need a value.
pub fn parse(args: impl IntoIterator<Item = String>) -> std::result::Result<RunMode, String> {
    let mut mode = RunMode::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => mode.suite = Some(Suite::Bench),
            "--self-test" => mode.suite = Some(Suite::SelfTest),
            "--quick" => mode.quick = true,
            "--exit-when-ready" => mode.exit_when_ready = true,
            "--post-message-ipc" => mode.post_message_ipc = true,
            "--scale" => {
                let word = args.next().ok_or("--scale needs full or emulator")?;
                mode.scale = scale::parse(&word)?;
            }
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
pub fn from_build(words: Option<&str>) -> std::result::Result<RunMode, String> {
    parse(words.unwrap_or("").split_whitespace().map(str::to_owned))
}

/// The marker of the log line a run on mobile ends with (see [`report_line`]).
pub const REPORT_MARKER: &str = "IPC_LAB_REPORT";

/// The marker of the progress lines a suite run logs (see [`progress_line`]).
pub const PROGRESS_MARKER: &str = "IPC_LAB_PROGRESS";

/// The log line a run without `--out` on mobile ends with: a marker, then the report as one
/// line of JSON (a device CI reads the file [`report_file`]; this line is for a person
/// watching logcat or the simulator's console).
pub fn report_line(report: &serde_json::Value) -> String {
    format!("{REPORT_MARKER} {report}")
}

/// The line logged as a suite run reaches `suite` (and, in the reload loop, page `reload`): a
/// device CI shows them, so a run that stops can be seen to stop somewhere. Refused outside a
/// suite run, like the report.
pub fn progress_line(mode: &RunMode, suite: SelfTestSuite, reload: Option<u32>) -> Result<String> {
    if mode.suite != Some(Suite::SelfTest) {
        return Err(Error::PermissionDenied(
            "the app was not started with --self-test".into(),
        ));
    }
    let counts = scale::of(mode.scale);
    let title = match suite {
        SelfTestSuite::Seeds => "seed conformance",
        SelfTestSuite::Channel => "channel torture",
        SelfTestSuite::Hygiene => "listener hygiene",
        SelfTestSuite::EarlyEvents => "early events",
    };
    Ok(match reload {
        Some(page) => format!(
            "{PROGRESS_MARKER} self-test: {title}, reload {page} of {}",
            counts.reloads
        ),
        None => format!("{PROGRESS_MARKER} self-test: {title}"),
    })
}

/// The report of a run: the page's `results`, whether it `passed`, what is known here of the
/// build (the app's and Tauri's versions, OS, build profile, the IPC pattern: `brownfield` or
/// `isolation`) and, for a self-test, its scale.
pub fn report(
    mode: &RunMode,
    results: serde_json::Value,
    passed: bool,
    transport: IpcTransport,
    app_version: &str,
    tauri_version: &str,
    pattern: IpcPattern,
) -> Result<serde_json::Value> {
    let suite = mode.suite.ok_or_else(|| {
        Error::PermissionDenied("the app was not started with --bench or --self-test".into())
    })?;
    let mut report = serde_json::json!({
        "suite": suite,
        "passed": passed,
        "quick": mode.quick,
        "transport": transport,
        "pattern": pattern,
        "app": { "name": "IPC Lab", "version": app_version },
        "tauri": tauri_version,
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "results": results,
    });
    if suite == Suite::SelfTest {
        report["scale"] = serde_json::to_value(scale::of(mode.scale))
            .map_err(|e| Error::Internal(e.to_string()))?;
    }
    Ok(report)
}

/// The folder under the app's data folder that reports go to on mobile.
pub const REPORTS: &str = "reports";

/// Where a mobile run's report is kept: `<app data>/reports/<suite>.json`. On Android the app
/// data folder is the app's own data directory (Tauri's `PathResolver::app_data_dir` is the
/// activity's `dataDir`, where `adb shell run-as <id>` starts), so a debug build's report reads
/// with `adb shell run-as dev.ipclab.lab cat reports/self-test.json`; on iOS it is
/// `Library/Application Support/<id>/reports/…` in the app's data container.
pub fn report_file(data_dir: &Path, suite: Suite) -> PathBuf {
    let name = match suite {
        Suite::Bench => "bench.json",
        Suite::SelfTest => "self-test.json",
    };
    data_dir.join(REPORTS).join(name)
}

/// Where a run's report goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportTarget {
    /// `--out FILE`.
    File(PathBuf),
    /// Stdout: a desktop run without `--out`.
    Stdout,
    /// A mobile run without `--out`, which has no stdout to read: the file ([`report_file`])
    /// and the log ([`report_line`]).
    FileAndLog(PathBuf),
}

/// Where `mode`'s report goes: `--out`, else stdout on desktop, else (`mobile`) the report
/// file under the app data folder `data_dir` answers.
pub fn report_target(
    mode: &RunMode,
    mobile: bool,
    data_dir: impl FnOnce() -> Result<PathBuf>,
) -> Result<ReportTarget> {
    let suite = mode.suite.ok_or_else(|| {
        Error::PermissionDenied("the app was not started with --bench or --self-test".into())
    })?;
    Ok(match (&mode.out, mobile) {
        (Some(out), _) => ReportTarget::File(out.clone()),
        (None, false) => ReportTarget::Stdout,
        (None, true) => ReportTarget::FileAndLog(report_file(&data_dir()?, suite)),
    })
}

/// Writes the report to its target: a file atomically (never half a report); on mobile the
/// line is logged even when the file cannot be written, then the file's error is answered.
pub fn write_report(target: &ReportTarget, report: &serde_json::Value) -> Result<()> {
    let text = serde_json::to_string_pretty(report).map_err(|e| Error::Internal(e.to_string()))?;
    match target {
        ReportTarget::File(path) => write_file(path, &text),
        ReportTarget::Stdout => {
            println!("{text}");
            Ok(())
        }
        ReportTarget::FileAndLog(path) => {
            let written = write_file(path, &text);
            match &written {
                Ok(()) => log::info!("report written to {}", path.display()),
                Err(e) => log::error!("could not write the report to {}: {e}", path.display()),
            }
            log::info!("{}", report_line(report));
            written
        }
    }
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::InvalidInput(format!("{} is not a file name", path.display())))?;
    atomic::write(dir, &name.to_string_lossy(), text.as_bytes())
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
            IpcPattern::Isolation,
        )
        .unwrap();
        let target = report_target(&mode, true, || panic!("no data folder with --out")).unwrap();
        assert_eq!(target, ReportTarget::File(out.clone()));
        write_report(&target, &made).unwrap();
        let written: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(written["suite"], "selfTest");
        assert_eq!(written["passed"], true);
        assert_eq!(written["results"]["ok"], 3);
        assert_eq!(written["tauri"], "2.12.5");
        assert_eq!(written["transport"], "postMessage");
        assert_eq!(written["pattern"], "isolation");
        assert_eq!(
            written["scale"],
            serde_json::json!({
                "name": "full", "mixed": 200_000, "small": 1_000_000, "tagged": 10_000,
                "mounts": 1000, "reloads": 20
            })
        );
        let normal = report(
            &RunMode::default(),
            serde_json::json!({}),
            true,
            IpcTransport::CustomProtocol,
            "0",
            "0",
            IpcPattern::Brownfield,
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
                scale: ScaleName::Full,
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

    #[test]
    fn the_scale_is_read_and_stated_in_a_self_test_report_only() {
        let emulator = from_build(Some("--self-test --scale emulator")).unwrap();
        assert_eq!(emulator.scale, ScaleName::Emulator);
        assert_eq!(parse(args("--self-test")).unwrap().scale, ScaleName::Full);
        assert_eq!(
            parse(args("--self-test --scale")).unwrap_err(),
            "--scale needs full or emulator"
        );
        assert!(parse(args("--self-test --scale big")).is_err());
        let made = report(
            &emulator,
            serde_json::json!({}),
            true,
            IpcTransport::PostMessage,
            "0",
            "0",
            IpcPattern::Brownfield,
        )
        .unwrap();
        assert_eq!(made["scale"]["name"], "emulator");
        assert_eq!(made["scale"]["mixed"], scale::EMULATOR.mixed);
        assert_eq!(made["scale"]["reloads"], scale::EMULATOR.reloads);
        let bench = RunMode {
            suite: Some(Suite::Bench),
            ..RunMode::default()
        };
        let made = report(
            &bench,
            serde_json::json!({}),
            true,
            IpcTransport::PostMessage,
            "0",
            "0",
            IpcPattern::Brownfield,
        );
        assert!(made.unwrap().get("scale").is_none());
    }

    #[test]
    fn a_mobile_report_goes_to_a_file_in_the_data_folder_and_to_the_log() {
        let data = tempfile::tempdir().unwrap();
        assert_eq!(
            report_file(Path::new("/data/user/0/dev.ipclab.lab"), Suite::SelfTest),
            Path::new("/data/user/0/dev.ipclab.lab/reports/self-test.json")
        );
        assert_eq!(
            report_file(Path::new("/d"), Suite::Bench),
            Path::new("/d/reports/bench.json")
        );
        let mode = from_build(Some("--self-test --scale emulator")).unwrap();
        let target = report_target(&mode, true, || Ok(data.path().to_owned())).unwrap();
        let file = data.path().join("reports").join("self-test.json");
        assert_eq!(target, ReportTarget::FileAndLog(file.clone()));
        assert_eq!(
            report_target(&mode, false, || panic!("desktop reads no data folder")).unwrap(),
            ReportTarget::Stdout
        );
        assert_eq!(
            report_target(&RunMode::default(), true, || Ok(data.path().to_owned()))
                .unwrap_err()
                .kind(),
            crate::error::ErrorKind::PermissionDenied
        );
        let made = serde_json::json!({ "passed": true, "suite": "selfTest" });
        write_report(&target, &made).unwrap();
        let written: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(written, made);
        // A folder where the file should be: the error is answered (the line is still logged).
        let blocked = ReportTarget::FileAndLog(data.path().join("reports"));
        assert!(write_report(&blocked, &made).is_err());
    }

    #[test]
    fn progress_lines_name_the_suite_and_the_reload_and_only_in_a_self_test_run() {
        let mode = from_build(Some("--self-test --scale emulator")).unwrap();
        assert_eq!(
            progress_line(&mode, SelfTestSuite::Channel, None).unwrap(),
            "IPC_LAB_PROGRESS self-test: channel torture"
        );
        assert_eq!(
            progress_line(&mode, SelfTestSuite::Hygiene, Some(3)).unwrap(),
            "IPC_LAB_PROGRESS self-test: listener hygiene, reload 3 of 5"
        );
        for other in [RunMode::default(), parse(args("--bench")).unwrap()] {
            assert_eq!(
                progress_line(&other, SelfTestSuite::Seeds, None)
                    .unwrap_err()
                    .kind(),
                crate::error::ErrorKind::PermissionDenied
            );
        }
    }
}
