//! How every channel message reaches its page, bounded and lossless (installed with
//! `Builder::channel_interceptor`).
//!
//! Tauri 2.12's own path keeps each large message (raw ≥ 1 KiB, JSON ≥ 8 KiB) in Rust until
//! the page fetches it — forever, if the page never does — and the page fetches it by an
//! `invoke` whose callbacks get random ids that are never checked against the ids in use, so
//! with ~10⁵ in flight two share one and a message is lost (docs/upstream/callback-id-collisions.md).
//! Here, small messages are evaluated in the page as Tauri does, and count against the page's
//! [`Outbox`](crate::services::transport::outbox::Outbox) until the webview reports it ran them; large ones
//! wait in the outbox and the page fetches them by sequential id from the `frames:` URI scheme
//! (no invoke, no callback id). Senders wait for room ([`PageChannel`](crate::commands::ipc::PageChannel)).

use std::borrow::Cow;

use tauri::http::{header, Request, Response, StatusCode};
use tauri::ipc::{CallbackFn, InvokeResponseBody};
use tauri::{Manager, Runtime, UriSchemeContext, Webview};

use crate::services::transport::outbox::Frame;
use crate::state::{PageToken, Pages};

// #region recipe:channel-frames
/// The scheme large frames are fetched from: `frames://localhost/<id>`
/// (`http://frames.localhost/<id>` on Windows and Android).
pub const SCHEME: &str = "frames";
/// Tauri's thresholds: smaller messages are evaluated in the page directly.
const RAW_EVAL_BELOW: usize = 1024;
const JSON_EVAL_BELOW: usize = 8192;
/// Evaluated messages per report from the webview that it ran them.
const ACK_EVERY: u64 = 64;

/// The channel interceptor: delivers message `index` of channel `callback` to `webview`'s page.
/// Always consumes the message (a page that is gone gets nothing, as with Tauri's own path).
pub fn intercept<R: Runtime>(
    webview: &Webview<R>,
    callback: CallbackFn,
    index: usize,
    body: &InvokeResponseBody,
) -> bool {
    let page = webview.state::<Pages>().current(webview.label());
    let channel = callback.0;
    let delivered = match body {
        InvokeResponseBody::Json(json) if json.len() < JSON_EVAL_BELOW => {
            evaluate(webview, page, run_callback(channel, json, index))
        }
        InvokeResponseBody::Raw(bytes) if bytes.len() < RAW_EVAL_BELOW => {
            let array = serde_json::to_string(bytes).unwrap_or_default();
            let message = format!("new Uint8Array({array}).buffer");
            evaluate(webview, page, run_callback(channel, &message, index))
        }
        InvokeResponseBody::Json(json) => {
            hold(webview, &page, channel, index, Frame::Json(json.clone()))
        }
        InvokeResponseBody::Raw(bytes) => {
            hold(webview, &page, channel, index, Frame::Raw(bytes.clone()))
        }
    };
    if let Err(e) = delivered {
        log::debug!("a channel message was not delivered: {e}");
    }
    true
}
// #endregion recipe:channel-frames

/// What Tauri's `Channel` class in the page expects for message `index` (also the bench's
/// like-for-like floor for small channel messages, `bench_eval` with a callback).
pub fn run_callback(channel: u32, message: &str, index: usize) -> String {
    format!("window.__TAURI_INTERNALS__.runCallback({channel},{{message:{message},index:{index}}})")
}

/// Evaluates `script` in the page; it counts as in flight until the webview reports it ran —
/// which it is asked for every [`ACK_EVERY`]th message (a page runs them in order, so one report
/// covers those before it; at most `ACK_EVERY - 1` wait for the next).
fn evaluate<R: Runtime>(
    webview: &Webview<R>,
    page: PageToken,
    script: String,
) -> tauri::Result<()> {
    let Some(seq) = page.outbox().sent(script.len() as u64) else {
        return Ok(());
    };
    if seq % ACK_EVERY != ACK_EVERY - 1 {
        return webview.eval(script);
    }
    let ran = page.clone();
    webview
        .eval_with_callback(script, move |_| ran.outbox().ran_through(seq))
        .inspect_err(|_| page.outbox().ran_through(seq))
}

// #region recipe:channel-frames
/// Keeps `frame` in the page's outbox and has the page fetch it by its id.
fn hold<R: Runtime>(
    webview: &Webview<R>,
    page: &PageToken,
    channel: u32,
    index: usize,
    frame: Frame,
) -> tauri::Result<()> {
    let read = match frame {
        Frame::Raw(_) => "arrayBuffer",
        Frame::Json(_) => "json",
    };
    let Some(id) = page.outbox().hold(frame.len() as u64, frame) else {
        return Ok(());
    };
    webview.eval(format!(
        "(()=>{{const t=window.__TAURI_INTERNALS__;\
fetch(t.convertFileSrc('{id}','{SCHEME}'))\
.then(r=>r.ok?r.{read}():Promise.reject(new Error('channel frame {id}: '+r.status)))\
.then(m=>t.runCallback({channel},{{message:m,index:{index}}}))\
.catch(console.error)}})()"
    ))
}

/// The `frames:` scheme: hands the calling webview's page its frame `<id>`, once. A page can
/// only ever fetch its own frames (the webview is Tauri's word, not the URL's).
pub fn serve<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
) -> Response<Cow<'static, [u8]>> {
    let page = context
        .app_handle()
        .state::<Pages>()
        .current(context.webview_label());
    respond(&page, request.uri().path())
}
// #endregion recipe:channel-frames

/// The answer to a fetch of `path` (`/<id>`) from `page`.
pub fn respond(page: &PageToken, path: &str) -> Response<Cow<'static, [u8]>> {
    let frame = path
        .trim_start_matches('/')
        .parse::<u64>()
        .ok()
        .and_then(|id| page.outbox().take(id));
    let (status, kind, body) = match frame {
        Some(Frame::Raw(bytes)) => (StatusCode::OK, "application/octet-stream", bytes),
        Some(Frame::Json(text)) => (StatusCode::OK, "application/json", text.into_bytes()),
        None => (
            StatusCode::NOT_FOUND,
            "text/plain",
            b"no such frame".to_vec(),
        ),
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, kind)
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .header(header::CACHE_CONTROL, "no-store")
        .body(Cow::Owned(body))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_is_served_once_with_its_type_and_only_by_its_id() {
        let pages = Pages::default();
        let page = pages.current("main");
        page.outbox().hold(3, Frame::Raw(vec![1, 2, 3])).unwrap();
        page.outbox().hold(4, Frame::Json("[42]".into())).unwrap();
        let raw = respond(&page, "/0");
        assert_eq!(raw.status(), StatusCode::OK);
        assert_eq!(
            raw.headers()[header::CONTENT_TYPE],
            "application/octet-stream"
        );
        assert_eq!(raw.body().as_ref(), [1, 2, 3]);
        assert_eq!(respond(&page, "/0").status(), StatusCode::NOT_FOUND);
        let json = respond(&page, "/1");
        assert_eq!(json.headers()[header::CONTENT_TYPE], "application/json");
        assert_eq!(json.body().as_ref(), b"[42]");
        for path in ["/x", "/", "/-1", "/1/../0", "/99999999999999999999999"] {
            assert_eq!(
                respond(&page, path).status(),
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        assert_eq!(page.outbox().in_flight().bytes, 0);
    }

    #[test]
    fn the_script_hands_tauris_channel_class_its_message_and_index() {
        assert_eq!(
            run_callback(7, "[1,2]", 3),
            "window.__TAURI_INTERNALS__.runCallback(7,{message:[1,2],index:3})"
        );
    }
}
