//! Reading files that `scope` opened: whole as text or bytes, streamed in chunks, or one piece
//! at an offset. Every read is bounded by the length cap even if the file grows while it is read.

use tokio::io::{AsyncReadExt, AsyncSeekExt};

use crate::error::{Error, Result};
use crate::services::fs::scope::{io_error, OpenedFile};

/// Largest file `read_file` returns as text.
pub const MAX_TEXT_BYTES: u64 = 10 * 1024 * 1024;
/// Largest file `read_file_bytes` returns in one response.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Largest file `load_image` streams.
pub const MAX_STREAM_BYTES: u64 = 256 * 1024 * 1024;
/// Size of one streamed chunk: 1 MiB, by measurement (`npm run bench`, README): `WebKitGTK`
/// fetches each large channel frame by a request of its own, and 64 KiB frames bring 64 MiB in
/// at ~80 MiB/s where 1 MiB frames reach ~130 MiB/s (4 MiB, ~138, within the noise).
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// Largest piece `read_file_chunk` answers (the page reads a larger file in several, a few at
/// once: `readFileChunked` in `src/api/files.ts`).
pub const MAX_PIECE_BYTES: u32 = 4 * 1024 * 1024;

/// The `len` bytes from `offset` (fewer at the end of the file, none past it); `len` at most
/// [`MAX_PIECE_BYTES`].
pub async fn read_piece(mut file: OpenedFile, offset: u64, len: u32) -> Result<Vec<u8>> {
    if len > MAX_PIECE_BYTES {
        return Err(Error::TooLarge(format!(
            "a piece is at most {MAX_PIECE_BYTES} bytes"
        )));
    }
    let len = u64::from(len).min(file.len.saturating_sub(offset)) as usize;
    let mut bytes = vec![0u8; len];
    if len > 0 {
        file.file
            .seek(std::io::SeekFrom::Start(offset))
            .await
            .map_err(|e| io_error(e, &file.path))?;
        let n = read_full(&mut file.file, &mut bytes)
            .await
            .map_err(|e| io_error(e, &file.path))?;
        bytes.truncate(n); // the file shrank while it was read
    }
    Ok(bytes)
}

// #region recipe:raw-response
/// The whole file, at most `max` bytes.
pub async fn read_bytes(file: OpenedFile, max: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(file.len.min(max) as usize);
    file.file
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
// #endregion recipe:raw-response

/// The whole file as UTF-8 text, at most `max` bytes.
pub async fn read_text(file: OpenedFile, max: u64) -> Result<String> {
    let path = file.path.clone();
    let bytes = read_bytes(file, max).await?;
    String::from_utf8(bytes).map_err(|e| {
        Error::NotUtf8(format!(
            "{} (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Sends the file to `send` (which may wait) in order, in chunks of at most `chunk` bytes;
/// returns the total. Stops with the error `send` returns (a closed channel, say).
pub async fn stream<F: std::future::Future<Output = Result<()>>>(
    file: OpenedFile,
    max: u64,
    chunk: usize,
    mut send: impl FnMut(Vec<u8>) -> F,
) -> Result<u64> {
    let mut reader = file.file.take(max + 1);
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
        send(buf).await?;
    }
}

/// A media type guessed from the file extension (`application/octet-stream` when unknown).
pub fn mime_type(path: &std::path::Path) -> String {
    mime_guess::from_path(path)
        .first_or_octet_stream()
        .essence_str()
        .to_owned()
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

    /// `path` opened with the length it has now (or `len`, to play a file that grew).
    async fn opened(path: &std::path::Path, len: Option<u64>) -> OpenedFile {
        OpenedFile {
            path: path.to_path_buf(),
            len: len.unwrap_or_else(|| std::fs::metadata(path).unwrap().len()),
            file: tokio::fs::File::open(path).await.unwrap(),
        }
    }

    #[tokio::test]
    async fn reads_text_and_refuses_invalid_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("t.txt");
        std::fs::write(&text, "héllo").unwrap();
        assert_eq!(
            read_text(opened(&text, None).await, 100).await.unwrap(),
            "héllo"
        );
        let binary = dir.path().join("b.bin");
        std::fs::write(&binary, [b'o', b'k', 0xff, 0xfe]).unwrap();
        let err = read_text(opened(&binary, None).await, 100)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotUtf8);
        assert!(err.to_string().contains("offset 2"), "{err}");
        assert_eq!(
            read_bytes(opened(&binary, None).await, 100).await.unwrap(),
            [b'o', b'k', 0xff, 0xfe]
        );
    }

    #[tokio::test]
    async fn the_cap_holds_even_when_the_length_was_stale() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("grows.bin");
        std::fs::write(&file, vec![1u8; 50]).unwrap();
        assert_eq!(
            read_bytes(opened(&file, Some(10)).await, 20)
                .await
                .unwrap_err()
                .kind(),
            ErrorKind::TooLarge
        );
        let stale = opened(&file, Some(10)).await;
        let err = stream(stale, 20, 8, |_| std::future::ready(Ok(())))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }

    #[tokio::test]
    async fn reads_a_piece_at_an_offset_short_at_the_end_and_none_past_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data.bin");
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&file, &data).unwrap();
        let file = file.as_path();
        let piece =
            |offset, len| async move { read_piece(opened(file, None).await, offset, len).await };
        assert_eq!(piece(1000, 16).await.unwrap(), &data[1000..1016]);
        assert_eq!(piece(9990, 100).await.unwrap(), &data[9990..]);
        assert!(piece(10_000, 100).await.unwrap().is_empty());
        assert!(piece(u64::MAX, 100).await.unwrap().is_empty());
        assert_eq!(
            piece(0, MAX_PIECE_BYTES + 1).await.unwrap_err().kind(),
            ErrorKind::TooLarge
        );
        // A file that shrank since it was opened gives what is there.
        let stale = opened(file, Some(20_000)).await;
        assert_eq!(read_piece(stale, 9000, 4000).await.unwrap(), &data[9000..]);
    }

    #[tokio::test]
    async fn streams_every_byte_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data.bin");
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&file, &data).unwrap();
        let mut chunks = Vec::new();
        let total = stream(opened(&file, None).await, MAX_STREAM_BYTES, 4096, |c| {
            chunks.push(c);
            std::future::ready(Ok(()))
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
        assert_eq!(mime_type(Path::new("/a/notes.txt")), "text/plain");
        assert_eq!(mime_type(Path::new("/a/noext")), "application/octet-stream");
    }

    #[tokio::test]
    async fn a_failing_receiver_stops_the_stream() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data.bin");
        std::fs::write(&file, vec![0u8; 10_000]).unwrap();
        let mut sent = 0;
        let err = stream(opened(&file, None).await, MAX_STREAM_BYTES, 1000, |_| {
            sent += 1;
            std::future::ready(match sent {
                3 => Err(Error::Cancelled),
                _ => Ok(()),
            })
        })
        .await
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Cancelled);
        assert_eq!(sent, 3);
    }
}
