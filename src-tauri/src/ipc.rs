//! IPC types for raw bytes, so bulk data never travels as JSON number arrays:
//! [`RawBytes`] answers (or streams on a `Channel`) as an `ArrayBuffer`, and [`RawRequest`]
//! hands a command the request's raw body and headers. Both are typed for the bindings.

use specta::datatype::DataType;
use specta::function::FunctionArg;
use specta::{Type, Types};
use tauri::http::HeaderMap;
use tauri::ipc::{
    CommandArg, CommandItem, InvokeBody, InvokeError, InvokeResponseBody, IpcResponse,
};
use tauri::Runtime;

use crate::services::raw_body::Body;

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
