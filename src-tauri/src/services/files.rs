//! Reading files that `fs_scope` resolved: whole as text or bytes, or streamed in chunks.
//! Every read is bounded by the length cap even if the file grows while it is read.

use tokio::io::AsyncReadExt;

use crate::error::{Error, Result};
use crate::services::fs_scope::{io_error, ResolvedFile};

/// Largest file `read_file` returns as text.
pub const MAX_TEXT_BYTES: u64 = 10 * 1024 * 1024;
/// Largest file `read_file_bytes` returns in one response.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Largest file `load_image` streams.
pub const MAX_STREAM_BYTES: u64 = 256 * 1024 * 1024;
/// Size of one streamed chunk.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// The whole file, at most `max` bytes.
pub async fn read_bytes(file: &ResolvedFile, max: u64) -> Result<Vec<u8>> {
    let handle = tokio::fs::File::open(&file.path)
        .await
        .map_err(|e| io_error(e, &file.path))?;
    let mut bytes = Vec::with_capacity(file.len.min(max) as usize);
    handle
        .take(max + 1)
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| io_error(e, &file.path))?;
    if bytes.len() as u64 > max {
        return Err(Error::TooLarge(format!(
            "{} grew past {max} bytes while it was read",
            file.path.display()
        )));
    }
    Ok(bytes)
}

/// The whole file as UTF-8 text, at most `max` bytes.
pub async fn read_text(file: &ResolvedFile, max: u64) -> Result<String> {
    let bytes = read_bytes(file, max).await?;
    String::from_utf8(bytes).map_err(|e| {
        Error::NotUtf8(format!(
            "{} (invalid byte at offset {})",
            file.path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Sends the file to `send` in order, in chunks of at most `chunk` bytes; returns the total.
/// Stops with the error `send` returns (a closed channel, say).
pub async fn stream(
    file: &ResolvedFile,
    max: u64,
    chunk: usize,
    mut send: impl FnMut(Vec<u8>) -> Result<()>,
) -> Result<u64> {
    let handle = tokio::fs::File::open(&file.path)
        .await
        .map_err(|e| io_error(e, &file.path))?;
    let mut reader = handle.take(max + 1);
    let mut total = 0u64;
    loop {
        let mut buf = vec![0u8; chunk];
        let n = read_full(&mut reader, &mut buf)
            .await
            .map_err(|e| io_error(e, &file.path))?;
        if n == 0 {
            return Ok(total);
        }
        total += n as u64;
        if total > max {
            return Err(Error::TooLarge(format!(
                "{} grew past {max} bytes while it was streamed",
                file.path.display()
            )));
        }
        buf.truncate(n);
        send(buf)?;
    }
}

/// A media type guessed from the file extension.
pub fn mime_type(path: &std::path::Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "bmp" => "image/bmp",
        "ico" => "image/x-icon",
        "txt" | "log" | "md" | "csv" | "toml" | "yaml" | "yml" | "rs" | "ts" | "js" | "vue"
        | "css" => "text/plain",
        "json" => "application/json",
        "html" | "htm" => "text/html",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Fills `buf` unless the reader ends first; returns how many bytes were read.
async fn read_full(
    reader: &mut (impl AsyncReadExt + Unpin),
    buf: &mut [u8],
) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        let n = reader.read(&mut buf[filled..]).await?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn resolved(path: &std::path::Path) -> ResolvedFile {
        ResolvedFile {
            path: path.to_path_buf(),
            len: std::fs::metadata(path).unwrap().len(),
        }
    }

    #[tokio::test]
    async fn reads_text_and_refuses_invalid_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("t.txt");
        std::fs::write(&text, "héllo").unwrap();
        assert_eq!(read_text(&resolved(&text), 100).await.unwrap(), "héllo");
        let binary = dir.path().join("b.bin");
        std::fs::write(&binary, [b'o', b'k', 0xff, 0xfe]).unwrap();
        let err = read_text(&resolved(&binary), 100).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotUtf8);
        assert!(err.to_string().contains("offset 2"), "{err}");
        assert_eq!(
            read_bytes(&resolved(&binary), 100).await.unwrap(),
            [b'o', b'k', 0xff, 0xfe]
        );
    }

    #[tokio::test]
    async fn the_cap_holds_even_when_the_length_was_stale() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("grows.bin");
        std::fs::write(&file, vec![1u8; 50]).unwrap();
        let stale = ResolvedFile {
            path: file.clone(),
            len: 10,
        };
        assert_eq!(
            read_bytes(&stale, 20).await.unwrap_err().kind(),
            ErrorKind::TooLarge
        );
        let err = stream(&stale, 20, 8, |_| Ok(())).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }

    #[tokio::test]
    async fn streams_every_byte_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data.bin");
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&file, &data).unwrap();
        let mut chunks = Vec::new();
        let total = stream(&resolved(&file), MAX_STREAM_BYTES, 4096, |c| {
            chunks.push(c);
            Ok(())
        })
        .await
        .unwrap();
        assert_eq!(total, data.len() as u64);
        assert!(chunks.iter().rev().skip(1).all(|c| c.len() == 4096));
        assert_eq!(chunks.concat(), data);
    }

    #[test]
    fn media_types_follow_the_extension() {
        use std::path::Path;
        assert_eq!(mime_type(Path::new("/a/b.PNG")), "image/png");
        assert_eq!(mime_type(Path::new("/a/notes.md")), "text/plain");
        assert_eq!(mime_type(Path::new("/a/noext")), "application/octet-stream");
    }

    #[tokio::test]
    async fn a_failing_receiver_stops_the_stream() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data.bin");
        std::fs::write(&file, vec![0u8; 10_000]).unwrap();
        let mut sent = 0;
        let err = stream(&resolved(&file), MAX_STREAM_BYTES, 1000, |_| {
            sent += 1;
            if sent == 3 {
                Err(Error::Cancelled)
            } else {
                Ok(())
            }
        })
        .await
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Cancelled);
        assert_eq!(sent, 3);
    }
}
