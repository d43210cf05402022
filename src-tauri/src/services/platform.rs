//! The platform the app was built for, read from the Rust target rather than guessed in the
//! webview: a user agent cannot tell an iPad (its web view says "Macintosh") from a Mac.

use crate::models::Platform;

/// The platform of `os`, a `std::env::consts::OS` value. Any OS Tauri does not name (the BSDs)
/// runs the GTK desktop, as Linux does.
pub fn from_os(os: &str) -> Platform {
    match os {
        "android" => Platform::Android,
        "ios" => Platform::Ios,
        "macos" => Platform::Macos,
        "windows" => Platform::Windows,
        _ => Platform::Linux,
    }
}

/// The platform this binary was built for.
pub fn current() -> Platform {
    from_os(std::env::consts::OS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn android_and_ios_are_mobile_and_the_desktops_are_not() {
        let answers: Vec<_> = ["android", "ios", "macos", "windows", "linux", "freebsd"]
            .into_iter()
            .map(|os| (from_os(os), from_os(os).is_mobile()))
            .collect();
        assert_eq!(
            answers,
            [
                (Platform::Android, true),
                (Platform::Ios, true),
                (Platform::Macos, false),
                (Platform::Windows, false),
                (Platform::Linux, false),
                (Platform::Linux, false),
            ]
        );
    }

    #[test]
    fn the_build_target_agrees_with_tauris_mobile_cfg() {
        assert_eq!(current(), from_os(std::env::consts::OS));
        assert_eq!(current().is_mobile(), cfg!(mobile));
        // The names the frontend reads are the target's own OS names.
        for os in ["android", "ios", "macos", "windows", "linux"] {
            assert_eq!(serde_json::to_value(from_os(os)).unwrap(), os);
        }
    }
}
