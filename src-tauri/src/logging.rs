//! Logging: everything goes through the `log` macros into `tauri-plugin-log`, which writes each
//! line to the console (stderr; logcat under the tag `ipc-lab` on Android) and to a file in the
//! app's log folder that a user can attach to a bug report. The level comes from `IPC_LAB_LOG`
//! (`off`, `error` .. `trace`), default `info`. Nothing goes to the page: no webview target, and
//! no window is granted the plugin's `log` command (a page could write lines into the file).

use std::path::PathBuf;

use tauri::plugin::TauriPlugin;
use tauri::Runtime;
use tauri_plugin_log::{Builder, RotationStrategy, Target, TargetKind};

/// The environment variable that sets the log level / filter.
pub const LEVEL_ENV: &str = "IPC_LAB_LOG";

/// The log file's name in its folder, without the `.log` the plugin adds.
pub const FILE_NAME: &str = "ipc-lab";

/// The log file's size at which it is started afresh. Whatever a page makes the app log, the log
/// folder holds at most this plus one line: the plugin's `KeepOne` deletes the full file. (Its
/// strategies that keep dated files move a same-second name clash aside as `.bak` and never delete
/// those, so a page flooding the log could grow them without bound.)
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// Parses a level name; anything unknown falls back to `Info`.
pub fn level_from(value: Option<&str>) -> log::LevelFilter {
    value
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(log::LevelFilter::Info)
}

/// The app's logger: the console, and the file in the app's log folder. It becomes the process's
/// logger when the app is built (lines logged before that are not kept).
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    let file = TargetKind::LogDir {
        file_name: Some(FILE_NAME.into()),
    };
    with_targets([console(), file])
}

/// The same logger with its file in `folder` and no console (tests: their output stays readable).
pub fn plugin_in<R: Runtime>(folder: PathBuf) -> TauriPlugin<R> {
    let file = TargetKind::Folder {
        path: folder,
        file_name: Some(FILE_NAME.into()),
    };
    with_targets([file])
}

fn with_targets<R: Runtime>(targets: impl IntoIterator<Item = TargetKind>) -> TauriPlugin<R> {
    Builder::new()
        .level(level_from(std::env::var(LEVEL_ENV).ok().as_deref()))
        .targets(targets.into_iter().map(Target::new))
        .max_file_size(MAX_FILE_BYTES.into())
        .rotation_strategy(RotationStrategy::KeepOne)
        .build()
}

/// Stderr, or logcat under the `ipc-lab` tag on Android. Not the plugin's own console targets:
/// on Android they tag each line with its module, on iOS they go to `os_log`, which is not the
/// simulator console the device CI reads the self-test report from.
fn console() -> TargetKind {
    #[cfg(target_os = "android")]
    let output: Box<dyn log::Log> = Box::new(android_logger::AndroidLogger::new(
        android_logger::Config::default()
            .with_tag("ipc-lab")
            // The line as the plugin formatted it, without android_logger's module prefix.
            .format(|f, record| write!(f, "{}", record.args())),
    ));
    #[cfg(not(target_os = "android"))]
    let output = std::io::stderr();
    TargetKind::Dispatch(tauri_plugin_log::fern::Dispatch::new().chain(output))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_and_default_to_info() {
        assert_eq!(level_from(Some("debug")), log::LevelFilter::Debug);
        assert_eq!(level_from(Some(" WARN ")), log::LevelFilter::Warn);
        assert_eq!(level_from(Some("nonsense")), log::LevelFilter::Info);
        assert_eq!(level_from(None), log::LevelFilter::Info);
    }
}
