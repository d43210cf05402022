//! Logging: everything goes through the `log` macros. Android gets `android_logger` (logcat),
//! every other platform `env_logger` on stderr. The level comes from `IPC_LAB_LOG`
//! (`off`, `error` .. `trace`), default `info`.

/// The environment variable that sets the log level / filter.
pub const LEVEL_ENV: &str = "IPC_LAB_LOG";

/// Parses a level name; anything unknown falls back to `Info`.
pub fn level_from(value: Option<&str>) -> log::LevelFilter {
    value
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(log::LevelFilter::Info)
}

/// Initialises the platform logger once; later calls are ignored.
pub fn init() {
    let level = level_from(std::env::var(LEVEL_ENV).ok().as_deref());
    #[cfg(target_os = "android")]
    android_logger::init_once(
        android_logger::Config::default()
            .with_max_level(level)
            .with_tag("ipc-lab"),
    );
    #[cfg(not(target_os = "android"))]
    {
        let _ = env_logger::Builder::new().filter_level(level).try_init();
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
}
