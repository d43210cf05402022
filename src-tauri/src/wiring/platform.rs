//! What differs between desktop and mobile, as plain functions so the host can test both.
//!
//! On Android and iOS there is one webview, `main`: the desktop's secondary windows are its
//! routes, so events aimed at them go to `main` instead.

/// Whether this build runs on Android or iOS.
pub const MOBILE: bool = cfg!(mobile);

/// The window label an event for `label` should target on this platform.
pub fn window_target(label: &str) -> &str {
    target_for(label, MOBILE)
}

/// `label` on desktop; `main` on mobile, where only `main` exists.
pub fn target_for(label: &str, mobile: bool) -> &str {
    if mobile {
        "main"
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_events_fall_back_to_main_on_mobile() {
        assert_eq!(target_for("login", false), "login");
        assert_eq!(target_for("login", true), "main");
        assert_eq!(target_for("main", true), "main");
    }
}
