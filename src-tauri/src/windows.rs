//! The app's windows: how they are built, what they may show, and what ends with them.
//!
//! Every window is built here, behind the same guard: it may only navigate to the app's own
//! pages (and the dev server in development), and `window.open` never opens anything. When a
//! page goes, the work started for it stops; when a window is destroyed, its session ends and
//! its downloads stop.

use tauri::webview::{NewWindowResponse, PageLoadEvent, PageLoadPayload};
use tauri::{AppHandle, Manager, Runtime, Url, Webview, WebviewWindowBuilder, Window, WindowEvent};

use crate::services::navigation;
use crate::state::{Auth, Network, Pages};

pub const MAIN_WINDOW: &str = "main";

/// `builder` with the navigation guard and new windows refused.
pub fn guarded<'a, R: Runtime, M: Manager<R>>(
    builder: WebviewWindowBuilder<'a, R, M>,
    app: &AppHandle<R>,
) -> WebviewWindowBuilder<'a, R, M> {
    let dev_server = tauri::is_dev()
        .then(|| app.config().build.dev_url.clone())
        .flatten();
    builder
        .on_navigation(move |url| allow_navigation(url, dev_server.as_ref()))
        .on_new_window(|url, _| {
            log::warn!(
                "refused to open a window for {}",
                url.origin().ascii_serialization()
            );
            NewWindowResponse::Deny
        })
}

fn allow_navigation(url: &Url, dev_server: Option<&Url>) -> bool {
    let allowed = navigation::is_app_url(url, dev_server);
    if !allowed {
        log::warn!(
            "refused to navigate to {}",
            url.origin().ascii_serialization()
        );
    }
    allowed
}

/// Builds the main window from its entry in `tauri.conf.json` (`create: false` there, so that
/// it is built here, guarded).
pub fn create_main<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    guarded(WebviewWindowBuilder::from_config(app, &config)?, app).build()?;
    Ok(())
}

/// A page started loading in `webview`: whatever ran for the previous page stops.
pub fn on_page_load<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() == PageLoadEvent::Started {
        webview.state::<Pages>().gone(webview.label());
    }
}

/// A window was destroyed: its page is gone, its session ends and its downloads stop.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::Destroyed = event {
        let label = window.label();
        window.state::<Pages>().gone(label);
        if let Some(auth) = window.try_state::<Auth>() {
            auth.sessions().sign_out(label);
        }
        if let Some(network) = window.try_state::<Network>() {
            network.window_gone(label);
        }
    }
}
