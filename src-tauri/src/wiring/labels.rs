//! Every window's label, in one place: the Tauri wiring, the commands and the capabilities'
//! `windows` lists all name the same windows.

pub const MAIN_WINDOW: &str = "main";
/// The desktop sign-in window (a route of `main` on mobile).
pub const LOGIN_WINDOW: &str = "login";
/// The desktop window that shows one file it is sent through `open-file`.
pub const FILE_VIEWER_WINDOW: &str = "file-viewer";
/// The desktop settings window.
pub const SETTINGS_WINDOW: &str = "settings";

/// A secondary window: its label, title and size.
#[derive(Debug, Clone, Copy)]
pub struct WindowSpec {
    pub label: &'static str,
    pub title: &'static str,
    pub size: (f64, f64),
}

pub const LOGIN: WindowSpec = WindowSpec {
    label: LOGIN_WINDOW,
    title: "Sign in — IPC Lab",
    size: (420.0, 560.0),
};
pub const FILE_VIEWER: WindowSpec = WindowSpec {
    label: FILE_VIEWER_WINDOW,
    title: "File viewer — IPC Lab",
    size: (720.0, 640.0),
};
pub const SETTINGS: WindowSpec = WindowSpec {
    label: SETTINGS_WINDOW,
    title: "Settings — IPC Lab",
    size: (560.0, 680.0),
};
