//! The one error contract of the IPC surface.
//!
//! Every command returns `Result<T, Error>`; across the boundary an error is always
//! `{ "kind": "<camelCase kind>", "message": "<text>" }`. `ErrorKind` is the small, stable
//! part the frontend narrows on; messages are for people and may change.

use serde::{Deserialize, Serialize};
use specta::Type;

// #region recipe:typed-errors
/// The stable error categories the frontend may branch on. `quotaExceeded`: the downloads
/// folder would pass its quota (a preference); `diskFull`: the disk would keep less than the
/// free-space reserve, or is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    NotFound,
    PermissionDenied,
    InvalidInput,
    NotUtf8,
    TooLarge,
    QuotaExceeded,
    DiskFull,
    OutsideScope,
    Network,
    Http,
    Timeout,
    Cancelled,
    Unauthorized,
    Busy,
    Io,
    Internal,
}
// #endregion recipe:typed-errors

// #region recipe:typed-errors
/// The application error. Construct it with the variant that says what went wrong;
/// `kind()` maps it onto the contract.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("permission denied: {0}")]
    PermissionDenied(String),
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error("not valid UTF-8 text: {0}")]
    NotUtf8(String),
    #[error("too large: {0}")]
    TooLarge(String),
    #[error("quota exceeded: {0}")]
    QuotaExceeded(String),
    #[error("disk full: {0}")]
    DiskFull(String),
    #[error("outside the allowed scope: {0}")]
    OutsideScope(String),
    #[error("network error: {0}")]
    Network(String),
    #[error("HTTP error: {0}")]
    Http(String),
    #[error("timed out: {0}")]
    Timeout(String),
    #[error("cancelled")]
    Cancelled,
    /// The message is shown verbatim (the seed's `login` rejects with `invalid credentials`).
    #[error("{0}")]
    Unauthorized(String),
    #[error("busy: {0}")]
    Busy(String),
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("internal error: {0}")]
    Internal(String),
}
// #endregion recipe:typed-errors

impl Error {
    /// The stable category of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::PermissionDenied(_) => ErrorKind::PermissionDenied,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::NotUtf8(_) => ErrorKind::NotUtf8,
            Error::TooLarge(_) => ErrorKind::TooLarge,
            Error::QuotaExceeded(_) => ErrorKind::QuotaExceeded,
            Error::DiskFull(_) => ErrorKind::DiskFull,
            Error::OutsideScope(_) => ErrorKind::OutsideScope,
            Error::Network(_) => ErrorKind::Network,
            Error::Http(_) => ErrorKind::Http,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::Unauthorized(_) => ErrorKind::Unauthorized,
            Error::Busy(_) => ErrorKind::Busy,
            Error::Io(e) => match e.kind() {
                std::io::ErrorKind::NotFound => ErrorKind::NotFound,
                std::io::ErrorKind::PermissionDenied => ErrorKind::PermissionDenied,
                std::io::ErrorKind::TimedOut => ErrorKind::Timeout,
                _ if is_disk_full(e) => ErrorKind::DiskFull,
                _ => ErrorKind::Io,
            },
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    // #region recipe:typed-errors
    /// The wire form of this error.
    pub fn to_ipc(&self) -> IpcError {
        IpcError {
            kind: self.kind(),
            message: self.to_string(),
        }
    }
    // #endregion recipe:typed-errors
}

/// A write that failed because the disk is full (ENOSPC, EDQUOT; `ERROR_DISK_FULL`,
/// `ERROR_HANDLE_DISK_FULL`). `io::ErrorKind::StorageFull` is newer than the crate's MSRV.
fn is_disk_full(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    let full = [libc::ENOSPC, libc::EDQUOT];
    #[cfg(windows)]
    let full = [112, 39];
    #[cfg(not(any(unix, windows)))]
    let full: [i32; 0] = [];
    e.raw_os_error().is_some_and(|code| full.contains(&code))
}

// #region recipe:typed-errors
/// What crosses the IPC boundary for every failed command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
}

/// A blocking task that panicked or was cancelled.
impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Self {
        Error::Internal(format!("background task failed: {e}"))
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_ipc().serialize(serializer)
    }
}

impl Type for Error {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        IpcError::definition(types)
    }
}
// #endregion recipe:typed-errors

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn wire(e: Error) -> serde_json::Value {
        serde_json::to_value(e).unwrap()
    }

    #[test]
    fn every_kind_serializes_as_kind_and_message() {
        let io = |k| Error::Io(std::io::Error::new(k, "boom"));
        let cases = vec![
            (
                Error::NotFound("a.txt".into()),
                "notFound",
                "not found: a.txt",
            ),
            (
                Error::PermissionDenied("x".into()),
                "permissionDenied",
                "permission denied: x",
            ),
            (
                Error::InvalidInput("name is empty".into()),
                "invalidInput",
                "invalid input: name is empty",
            ),
            (
                Error::NotUtf8("b.bin".into()),
                "notUtf8",
                "not valid UTF-8 text: b.bin",
            ),
            (
                Error::TooLarge("3 MB".into()),
                "tooLarge",
                "too large: 3 MB",
            ),
            (
                Error::QuotaExceeded("2048 MiB".into()),
                "quotaExceeded",
                "quota exceeded: 2048 MiB",
            ),
            (
                Error::DiskFull("512 MiB must stay free".into()),
                "diskFull",
                "disk full: 512 MiB must stay free",
            ),
            (
                Error::OutsideScope("/etc".into()),
                "outsideScope",
                "outside the allowed scope: /etc",
            ),
            (
                Error::Network("refused".into()),
                "network",
                "network error: refused",
            ),
            (
                Error::Http("404 Not Found".into()),
                "http",
                "HTTP error: 404 Not Found",
            ),
            (Error::Timeout("5 s".into()), "timeout", "timed out: 5 s"),
            (Error::Cancelled, "cancelled", "cancelled"),
            (
                Error::Unauthorized("invalid credentials".into()),
                "unauthorized",
                "invalid credentials",
            ),
            (
                Error::Busy("a job is running".into()),
                "busy",
                "busy: a job is running",
            ),
            (io(std::io::ErrorKind::Other), "io", "I/O error: boom"),
            (
                io(std::io::ErrorKind::NotFound),
                "notFound",
                "I/O error: boom",
            ),
            (
                io(std::io::ErrorKind::PermissionDenied),
                "permissionDenied",
                "I/O error: boom",
            ),
            (
                io(std::io::ErrorKind::TimedOut),
                "timeout",
                "I/O error: boom",
            ),
            #[cfg(unix)]
            (
                Error::Io(std::io::Error::from_raw_os_error(libc::ENOSPC)),
                "diskFull",
                "I/O error: No space left on device (os error 28)",
            ),
            (
                Error::Internal("lock poisoned".into()),
                "internal",
                "internal error: lock poisoned",
            ),
        ];
        for (error, kind, message) in cases {
            assert_eq!(wire(error), json!({ "kind": kind, "message": message }));
        }
    }

    #[test]
    fn the_wire_form_has_exactly_two_fields() {
        let value = wire(Error::Cancelled);
        assert_eq!(value.as_object().unwrap().len(), 2);
    }
}
