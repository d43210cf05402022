//! Interpreting a raw IPC request (body and headers) for `upload`, without `tauri` types.
//!
//! Over the `ipc:` custom protocol `invoke(cmd, bytes)` arrives as a raw body. Over postMessage
//! (Android, or anywhere the custom protocol failed) IPC bodies are JSON: the same bytes arrive
//! as a number array, and the Android frontend sends them as one base64 string (a third of the
//! size). All three go through [`upload_bytes`], which checks the size before copying
//! anything. Any other JSON body is refused.

use std::borrow::Cow;

use base64::Engine;
use serde::Deserialize;

use crate::error::{Error, Result};

/// Header carrying the upload's file name, percent-encoded (`encodeURIComponent`).
pub const FILE_NAME_HEADER: &str = "x-file-name";

// #region recipe:raw-request
/// The request body, borrowed from the request.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    Raw(&'a [u8]),
    Json(&'a serde_json::Value),
}

/// The uploaded bytes, at most `max`: a raw body, a JSON number array, or a JSON string decoded
/// from base64. The size is checked on the borrowed body, so an oversize upload is never copied;
/// a raw body stays borrowed (the decoded forms are new bytes).
pub fn upload_bytes(body: Body<'_>, max: usize) -> Result<Cow<'_, [u8]>> {
    let too_large = || Error::TooLarge(format!("the upload is over {max} bytes"));
    match body {
        Body::Raw(bytes) if bytes.len() > max => Err(too_large()),
        Body::Raw(bytes) => Ok(Cow::Borrowed(bytes)),
        Body::Json(serde_json::Value::String(text)) => {
            if text.len() / 4 * 3 > max + 3 {
                return Err(too_large());
            }
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .map(Cow::Owned)
                .map_err(|e| Error::InvalidInput(format!("the body is not valid base64: {e}")))
        }
        Body::Json(serde_json::Value::Array(items)) if items.len() > max => Err(too_large()),
        Body::Json(serde_json::Value::Array(items)) => bytes_from_json(items).map(Cow::Owned),
        Body::Json(_) => Err(Error::InvalidInput(
            "upload needs a raw body (bytes, or their number array), or a base64 string".into(),
        )),
    }
}
// #endregion recipe:raw-request

/// A JSON number array decoded into bytes, as a command taking `Vec<u8>` would (and what a raw
/// body becomes on the postMessage transport): each item an integer from 0 to 255
/// (`invalidInput` otherwise, with a message that never quotes the item whole). Item by item:
/// the array is not copied. The caller bounds its length first.
pub fn bytes_from_json(items: &[serde_json::Value]) -> Result<Vec<u8>> {
    use serde_json::Value;
    let refuse = |why: String| Error::InvalidInput(format!("not a byte array: {why}"));
    let mut bytes = Vec::with_capacity(items.len());
    for item in items {
        let kind = match item {
            // serde's own words for a number (short): "invalid value: integer `256`, …".
            Value::Number(_) => {
                bytes.push(u8::deserialize(item).map_err(|e| refuse(e.to_string()))?);
                continue;
            }
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::String(_) => "string",
            Value::Array(_) => "sequence",
            Value::Object(_) => "map",
        };
        return Err(refuse(format!("invalid type: {kind}, expected u8")));
    }
    Ok(bytes)
}

/// The token of an `Authorization: Bearer <token>` header. The token is never echoed.
pub fn bearer_token(header: Option<&str>) -> Result<&str> {
    let header =
        header.ok_or_else(|| Error::Unauthorized("missing Authorization header".into()))?;
    header
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| {
            Error::Unauthorized("the Authorization header is not `Bearer <token>`".into())
        })
}

/// The decoded `X-File-Name` header.
pub fn file_name(header: Option<&str>) -> Result<String> {
    let header =
        header.ok_or_else(|| Error::InvalidInput(format!("missing {FILE_NAME_HEADER} header")))?;
    percent_encoding::percent_decode_str(header)
        .decode_utf8()
        .map(Cow::into_owned)
        .map_err(|_| Error::InvalidInput("the file name is not UTF-8".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::json;

    #[test]
    fn raw_number_array_and_base64_bodies_give_the_same_bytes() {
        let raw = upload_bytes(Body::Raw(b"hi\x00\xff"), 100).unwrap();
        assert!(matches!(raw, Cow::Borrowed(_)), "a raw body is not copied");
        let encoded = json!(base64::engine::general_purpose::STANDARD.encode(b"hi\x00\xff"));
        let decoded = upload_bytes(Body::Json(&encoded), 100).unwrap();
        assert_eq!(raw, decoded);
        let array = json!([104, 105, 0, 255]);
        assert_eq!(upload_bytes(Body::Json(&array), 100).unwrap(), raw);
        let over = json!([1, 2, 3]);
        let error = upload_bytes(Body::Json(&over), 2).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooLarge);
        let bad = json!([1, 256]);
        let error = upload_bytes(Body::Json(&bad), 100).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert_eq!(
            upload_bytes(Body::Raw(&[0; 101]), 100).unwrap_err().kind(),
            ErrorKind::TooLarge
        );
    }

    #[test]
    fn other_json_bodies_and_bad_base64_are_refused() {
        for body in [
            json!({ "bytes": [1, 2] }),
            json!([1, 2, "3"]),
            json!(null),
            json!(7),
        ] {
            let err = upload_bytes(Body::Json(&body), 100).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidInput, "{body}");
        }
        let err = upload_bytes(Body::Json(&json!("not base64!")), 100).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        let big = json!("A".repeat(1000));
        assert_eq!(
            upload_bytes(Body::Json(&big), 100).unwrap_err().kind(),
            ErrorKind::TooLarge
        );
    }

    #[test]
    fn bearer_tokens() {
        assert_eq!(bearer_token(Some("Bearer abc")).unwrap(), "abc");
        for bad in [
            None,
            Some(""),
            Some("Bearer "),
            Some("Basic abc"),
            Some("bearer abc"),
        ] {
            let err = bearer_token(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Unauthorized);
            assert!(!err.to_string().contains("abc"));
        }
    }

    #[test]
    fn file_names_are_percent_decoded() {
        assert_eq!(file_name(Some("Zo%C3%AB%20a.txt")).unwrap(), "Zoë a.txt");
        assert_eq!(file_name(None).unwrap_err().kind(), ErrorKind::InvalidInput);
        assert_eq!(
            file_name(Some("%FF")).unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }
}
