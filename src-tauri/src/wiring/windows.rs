//! The app's windows: how they are built, what they may show, and what ends with them.
//!
//! Every window is built here, behind the same guard: it may only navigate to the app's own
//! pages (and the dev server in development), and `window.open` never opens anything. A built
//! window gets its own Rust listeners (`window_events`). When a page goes, the work started for
//! it stops; when a window is destroyed, its listeners are unlistened, its session ends and its
//! downloads stop.

use tauri::webview::{NewWindowResponse, PageLoadEvent, PageLoadPayload};
use tauri::{
    AppHandle, Manager, Runtime, Url, Webview, WebviewWindow, WebviewWindowBuilder, Window,
    WindowEvent,
};

use crate::error::Result;
use crate::models::WindowOpened;
use crate::services::bench::run_mode::RunMode;
use crate::services::page::navigation;
use crate::state::{Auth, FileViewer, Network, Pages};
use crate::wiring::labels::{WindowSpec, FILE_VIEWER_WINDOW, MAIN_WINDOW};
use crate::wiring::{listeners, window_events};

/// With `--post-message-ipc`: every `fetch` of the `ipc:` custom protocol fails before it is
/// sent, so Tauri's own fallback (its `ipc-protocol.js`: "IPC custom protocol failed, Tauri will
/// now use the postMessage interface instead") sends that invoke and every later one through
/// `window.ipc.postMessage`, as on Android. Other fetches (the `frames:` and `bench:` schemes)
/// are untouched.
pub const FORCE_POST_MESSAGE: &str = r"(() => {
  const fetch = window.fetch;
  const ipc = /^(ipc:|https?:\/\/ipc\.localhost\/)/;
  window.fetch = function (input, init) {
    const url = input instanceof Request ? input.url : String(input);
    if (ipc.test(url)) return Promise.reject(new TypeError('the ipc: custom protocol is off (--post-message-ipc)'));
    return fetch.call(this, input, init);
  };
})();";

/// `builder` with the navigation guard and new windows refused (and, with
/// `--post-message-ipc`, the custom protocol off).
pub fn guarded<'a, R: Runtime, M: Manager<R>>(
    builder: WebviewWindowBuilder<'a, R, M>,
    app: &AppHandle<R>,
) -> WebviewWindowBuilder<'a, R, M> {
    let dev_server = tauri::is_dev()
        .then(|| app.config().build.dev_url.clone())
        .flatten();
    let builder = if app.state::<RunMode>().post_message_ipc {
        builder.initialization_script(FORCE_POST_MESSAGE)
    } else {
        builder
    };
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

/// Builds `builder` [`guarded`], and gives the new window its own listeners.
pub fn build<R: Runtime, M: Manager<R>>(
    builder: WebviewWindowBuilder<'_, R, M>,
    app: &AppHandle<R>,
) -> tauri::Result<WebviewWindow<R>> {
    let window = guarded(builder, app).build()?;
    window_events::on_created(&window.as_ref().window());
    Ok(window)
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
    build(WebviewWindowBuilder::from_config(app, &config)?, app)?;
    Ok(())
}

/// Focuses the secondary window `spec` if it is open, or builds it. On mobile there is one
/// webview: the frontend shows the screen as a route instead.
pub fn open_or_focus<R: Runtime>(app: &AppHandle<R>, spec: WindowSpec) -> Result<WindowOpened> {
    #[cfg(mobile)]
    {
        let _ = (app, spec);
        Ok(WindowOpened::Route)
    }
    #[cfg(desktop)]
    {
        use crate::error::Error;
        let failed = |e: tauri::Error| Error::Internal(format!("{}: {e}", spec.label));
        let focus = |window: WebviewWindow<R>| {
            window.set_focus().map_err(failed)?;
            Ok(WindowOpened::Focused)
        };
        if let Some(open) = app.get_webview_window(spec.label) {
            return focus(open);
        }
        let url = tauri::WebviewUrl::App("index.html".into());
        let builder = WebviewWindowBuilder::new(app, spec.label, url)
            .title(spec.title)
            .inner_size(spec.size.0, spec.size.1)
            .min_inner_size(360.0, 400.0);
        match build(builder, app) {
            Ok(_) => Ok(WindowOpened::Created),
            // Another call built it in the meantime.
            Err(
                tauri::Error::WebviewLabelAlreadyExists(_)
                | tauri::Error::WindowLabelAlreadyExists(_),
            ) => match app.get_webview_window(spec.label) {
                Some(open) => focus(open),
                None => Err(Error::Busy(format!("{} is closing", spec.label))),
            },
            Err(e) => Err(failed(e)),
        }
    }
}

/// A page started loading in `webview`: whatever ran for the previous page stops.
pub fn on_page_load<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() == PageLoadEvent::Started {
        webview.state::<Pages>().gone(webview.label());
    }
}

// #region recipe:window-events
/// A window was destroyed: its listeners go, its page is gone, its session ends and its
/// downloads stop; the viewer forgets its file.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::Destroyed = event {
        let label = window.label();
        listeners::window_gone(window.app_handle(), label);
        window.state::<Pages>().gone(label);
        if let Some(auth) = window.try_state::<Auth>() {
            auth.sessions().sign_out(label);
        }
        if let Some(network) = window.try_state::<Network>() {
            network.window_gone(label);
        }
        if label == FILE_VIEWER_WINDOW {
            if let Some(viewer) = window.try_state::<FileViewer>() {
                viewer.closed();
            }
        }
    }
}
// #endregion recipe:window-events
