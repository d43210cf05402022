//! Logging: everything goes through the `log` macros into `tauri-plugin-log`, which writes each
//! line to the console (stderr; logcat under the tag `ipc-lab` on Android) and to a file in the
//! app's log folder that a user can attach to a bug report. The level comes from `IPC_LAB_LOG`
//! (`off`, `error` .. `trace`), default `info`. Nothing goes to the page: no webview target, and
//! no window is granted the plugin's `log` command (a page could write lines into the file).
//! Panics go to the log too ([`log_panics`]): Android discards stderr, where Rust prints them.

use std::any::Any;
use std::panic::Location;
use std::path::PathBuf;

use tauri::plugin::TauriPlugin;
use tauri::Runtime;
use tauri_plugin_log::fern::Dispatch;
use tauri_plugin_log::{Builder, RotationStrategy, Target, TargetKind};

/// The logcat tag of the app's lines on Android.
pub const TAG: &str = "ipc-lab";

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
/// simulator console a person running the self-test there watches.
fn console() -> TargetKind {
    TargetKind::Dispatch(console_dispatch())
}

fn console_dispatch() -> Dispatch {
    #[cfg(target_os = "android")]
    let output: Box<dyn log::Log> = Box::new(android_logger::AndroidLogger::new(
        android_logger::Config::default()
            .with_tag(TAG)
            // The line as the plugin formatted it, without android_logger's module prefix.
            .format(|f, record| write!(f, "{}", record.args())),
    ));
    #[cfg(not(target_os = "android"))]
    let output = std::io::stderr();
    Dispatch::new().chain(output)
}

/// Logs `message` as an error straight to the console (stderr; logcat on Android), for what
/// happens before the app and its logger exist: a run mode that does not parse stops the app
/// before it is built, and Android would drop an `eprintln!`.
pub fn error_on_console(message: std::fmt::Arguments<'_>) {
    let (_, console) = console_dispatch().into_log();
    console.log(
        &log::Record::builder()
            .level(log::Level::Error)
            .target(TAG)
            .args(message)
            .build(),
    );
    console.flush();
}

/// Sends every panic to the log (where it happened and its message; stderr, where Rust's own
/// hook prints it, goes nowhere on Android), then runs the hook that was there before. Installed
/// first thing in `run()`. A panic before the app's logger is up goes straight to logcat on
/// Android; elsewhere the default hook's stderr line is that console.
pub fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let line = panic_line(info.location(), info.payload());
        if log::max_level() >= log::LevelFilter::Error {
            log::error!("{line}");
        } else if cfg!(target_os = "android") {
            error_on_console(format_args!("{line}"));
        }
        previous(info);
    }));
}

/// `panicked at <file>:<line>:<column>: <message>`, as Rust's own hook words it.
pub fn panic_line(location: Option<&Location<'_>>, payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("Box<dyn Any>");
    match location {
        Some(at) => format!("panicked at {at}: {message}"),
        None => format!("panicked: {message}"),
    }
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

    #[test]
    fn a_panic_line_says_where_and_what() {
        let here = Location::caller();
        let line = panic_line(Some(here), &"index out of bounds");
        assert_eq!(
            line,
            format!(
                "panicked at {}:{}:{}: index out of bounds",
                here.file(),
                here.line(),
                here.column()
            )
        );
        let formatted: Box<dyn Any + Send> = Box::new(format!("{} failed", "setup"));
        assert_eq!(panic_line(None, &*formatted), "panicked: setup failed");
        assert_eq!(panic_line(None, &42_u8), "panicked: Box<dyn Any>");
    }
}
