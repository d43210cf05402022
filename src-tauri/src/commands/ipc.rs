//! IPC types the commands take or answer with beyond plain JSON, typed for the bindings:
//! [`RawBytes`] answers (or streams on a `Channel`) as an `ArrayBuffer`, so bulk data never
//! travels as JSON number arrays; [`RawRequest`] hands a command the request's raw body and
//! headers; [`PageChannel`] is a `Channel` whose sender waits while the page holds its
//! budget, and [`OptionalChannel`] one the frontend may leave out; [`CallerUrlScope`]
//! hands a network command the URL scope of the calling window; [`BenchBody`] carries the
//! bench's payloads of any shape.

use serde::Deserialize;
use specta::datatype::DataType;
use specta::function::FunctionArg;
use specta::{Type, Types};
use tauri::http::HeaderMap;
use tauri::ipc::{
    Channel, CommandArg, CommandItem, CommandScope, InvokeBody, InvokeError, InvokeResponseBody,
    IpcResponse, JavaScriptChannelId,
};
use tauri::{Manager, Runtime, Webview};

use crate::error::{Error, Result as AppResult};
use crate::models::{DownloadEvent, IpcTransport};
use crate::services::net::url_scope::{UrlEntry, UrlScope};
use crate::services::transport::outbox::Frame;
use crate::services::transport::raw_body::Body;
use crate::state::{PageToken, Pages};

// #region recipe:raw-response
/// Bytes sent to the webview as one raw `ArrayBuffer` (a `tauri::ipc::Response` body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBytes(pub Vec<u8>);

impl IpcResponse for RawBytes {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        tauri::ipc::Response::new(self.0).body()
    }
}

impl Type for RawBytes {
    fn definition(_: &mut Types) -> DataType {
        specta_typescript::define("ArrayBuffer").into()
    }
}
// #endregion recipe:raw-response

// #region recipe:raw-request
/// The raw IPC request, borrowed: `invoke(cmd, body, { headers })` on the JS side. Nothing is
/// copied until the command decides to (after checking the size).
#[derive(Debug, Clone, Copy)]
pub struct RawRequest<'a> {
    body: &'a InvokeBody,
    pub headers: &'a HeaderMap,
}

impl<'a> RawRequest<'a> {
    pub fn body(&self) -> Body<'a> {
        match self.body {
            InvokeBody::Raw(bytes) => Body::Raw(bytes),
            InvokeBody::Json(value) => Body::Json(value),
        }
    }

    /// A header as text; a header that is not visible ASCII counts as missing.
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The transport that carried this request, read from the request itself: only the custom
    /// protocol hands a command Tauri's own `Tauri-Callback` header (on postMessage the headers
    /// are the caller's alone). A page that writes that header itself over postMessage is told
    /// `customProtocol`: the answer only feeds the page's own report, never a decision.
    pub fn transport(&self) -> IpcTransport {
        if self.headers.contains_key("tauri-callback") {
            IpcTransport::CustomProtocol
        } else {
            IpcTransport::PostMessage
        }
    }
}

impl<'a, R: Runtime> CommandArg<'a, R> for RawRequest<'a> {
    fn from_command(command: CommandItem<'a, R>) -> Result<Self, InvokeError> {
        Ok(Self {
            body: command.message.payload(),
            headers: command.message.headers(),
        })
    }
}

/// Not an argument the frontend passes by name: the bindings leave it out.
impl FunctionArg for RawRequest<'_> {
    fn to_datatype(_: &mut Types) -> Option<DataType> {
        None
    }
}
// #endregion recipe:raw-request

// #region recipe:capabilities
/// The URLs the calling window may reach with this command: the `{ "url": … }` allow and deny
/// entries its capability attaches to the command's permission (Tauri's `CommandScope`).
/// Injected by Tauri, not passed by the frontend.
#[derive(Debug, Clone)]
pub struct CallerUrlScope(pub UrlScope);

impl<'a, R: Runtime> CommandArg<'a, R> for CallerUrlScope {
    fn from_command(command: CommandItem<'a, R>) -> Result<Self, InvokeError> {
        let scope = CommandScope::<UrlEntry>::from_command(command)?;
        Ok(Self(UrlScope::new(
            scope.allows().clone(),
            scope.denies().clone(),
        )))
    }
}

impl FunctionArg for CallerUrlScope {
    fn to_datatype(_: &mut Types) -> Option<DataType> {
        None
    }
}
// #endregion recipe:capabilities

// #region recipe:channel
/// A `Channel<T>` to the calling page whose sender waits while the page holds its budget of
/// messages it has not taken yet (`services::transport::outbox`): what the app streams is bounded in
/// memory however slowly — or whether — the page reads. Typed as a plain `Channel<T>`.
pub struct PageChannel<T> {
    channel: Channel<T>,
    page: PageToken,
}

impl<T: IpcResponse> PageChannel<T> {
    /// Sends once the page has room. `cancelled` once the page is gone; `timeout` when it took
    /// nothing for the budget's stall (what it left is dropped then).
    pub async fn send(&self, message: T) -> AppResult<()> {
        self.room().await?;
        self.send_now(message)
    }

    /// Resolves once the page has room for another message (see [`PageChannel::send`]).
    pub async fn room(&self) -> AppResult<()> {
        self.page.outbox().room().await
    }

    /// Sends without waiting for room: for a few small messages paced by time (a download's
    /// progress), which still count against the page's budget. `cancelled` once it is gone.
    pub fn send_now(&self, message: T) -> AppResult<()> {
        if !self.page.is_live() {
            return Err(Error::Cancelled);
        }
        self.channel
            .send(message)
            .map_err(|e| Error::Internal(format!("the channel failed: {e}")))
    }
}
// #endregion recipe:channel

fn page_of<R: Runtime>(webview: &Webview<R>) -> PageToken {
    webview.state::<Pages>().current(webview.label())
}

// #region recipe:channel
impl<'a, R: Runtime, T> CommandArg<'a, R> for PageChannel<T> {
    fn from_command(command: CommandItem<'a, R>) -> Result<Self, InvokeError> {
        let page = page_of(&command.message.webview());
        let channel = Channel::from_command(command)?;
        Ok(Self { channel, page })
    }
}
// #endregion recipe:channel

impl<T: Type> Type for PageChannel<T> {
    fn definition(types: &mut Types) -> DataType {
        Channel::<T>::definition(types)
    }
}

// #region recipe:channel-enum
/// A [`PageChannel`] the frontend may leave out or pass as `null` (Tauri's own `Channel`
/// argument is required): `invoke('download', { url })` and `{ url, onEvent }` both work.
pub struct OptionalChannel<T>(pub Option<PageChannel<T>>);

impl<'a, R: Runtime, T> CommandArg<'a, R> for OptionalChannel<T> {
    fn from_command(command: CommandItem<'a, R>) -> Result<Self, InvokeError> {
        let (name, key) = (command.name, command.key);
        let webview = command.message.webview();
        let id = Option::<JavaScriptChannelId>::deserialize(command)
            .map_err(|e| tauri::Error::InvalidArgs(name, key, e))?;
        Ok(Self(id.map(|id| PageChannel {
            page: page_of(&webview),
            channel: id.channel_on(webview),
        })))
    }
}

/// tauri-specta only takes a `Channel` as a whole argument, so the optional one is spelled out
/// per payload type (each such payload is exported by `bindings::specta_builder`).
impl Type for OptionalChannel<DownloadEvent> {
    fn definition(_: &mut Types) -> DataType {
        specta_typescript::define("Channel<DownloadEvent> | null").into()
    }
}
// #endregion recipe:channel-enum

/// A bench payload: raw bytes (an `ArrayBuffer`) or JSON text, answered or sent on a channel
/// as it is, so the bench times exactly the encoding it asked for.
#[derive(Debug, Clone)]
pub struct BenchBody(InvokeResponseBody);

impl BenchBody {
    pub fn raw(bytes: Vec<u8>) -> Self {
        Self(InvokeResponseBody::Raw(bytes))
    }

    pub fn json(value: &impl serde::Serialize) -> AppResult<Self> {
        serde_json::to_string(value)
            .map(|text| Self(InvokeResponseBody::Json(text)))
            .map_err(|e| Error::Internal(format!("could not serialize: {e}")))
    }

    pub fn frame(frame: Frame) -> Self {
        match frame {
            Frame::Raw(bytes) => Self::raw(bytes),
            Frame::Json(text) => Self(InvokeResponseBody::Json(text)),
        }
    }
}

impl IpcResponse for BenchBody {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        Ok(self.0)
    }
}

impl Type for BenchBody {
    fn definition(_: &mut Types) -> DataType {
        specta_typescript::define("ArrayBuffer | number | unknown[] | string").into()
    }
}
