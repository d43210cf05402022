//! One download: GET a URL inside the scope and stream the body into a folder through a hidden
//! temp file, renamed into place only once the whole body is on disk. A failure, a cancel, the
//! deadline or a dropped future deletes the temp file: the folder never holds a partial
//! download. The folder's disk budget is claimed before anything is written (the declared
//! length) or piece by piece (no length), and the free space is looked at as it goes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tempfile::NamedTempFile;
use tokio::io::AsyncWriteExt;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::error::{Error, Result};
use crate::services::fs::inbox;
use crate::services::net::disk::DiskBudget;
use crate::services::net::http::{too_large, HttpClient};
use crate::services::net::url_scope::UrlScope;

/// Prefix of the temp files downloads are written to (left-overs of a crash are removed at start).
pub const PARTIAL_PREFIX: &str = ".partial-";
/// The name a download gets when its URL does not give a usable one.
pub const FALLBACK_NAME: &str = "download";

/// What a running download reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// The server answered: the length it announced (if any) and the name the file will get.
    Started {
        content_length: Option<u64>,
        file_name: String,
    },
    /// This many more bytes are on disk (reported at most once per `progress_interval`).
    Received(usize),
}

/// A download saved in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    pub file_name: String,
    pub size: u64,
}

// #region recipe:cancellation
/// Downloads `url` into `dir` within `budget`, reporting to `progress`, until done, `cancel`
/// fires (`cancelled`) or the download deadline passes (`timeout`).
pub async fn download(
    client: &HttpClient,
    scope: &UrlScope,
    url: Url,
    dir: &Path,
    budget: &Arc<DiskBudget>,
    cancel: &CancellationToken,
    progress: impl FnMut(Progress),
) -> Result<Saved> {
    let deadline = client.limits.download_deadline;
    tokio::select! {
        biased;
        () = cancel.cancelled() => Err(Error::Cancelled),
        () = tokio::time::sleep(deadline) => Err(Error::Timeout(format!(
            "the download took longer than {}",
            crate::services::work::time::for_people(deadline)
        ))),
        saved = fetch_into(client, scope, url, dir, budget, progress) => saved,
    }
}
// #endregion recipe:cancellation

async fn fetch_into(
    client: &HttpClient,
    scope: &UrlScope,
    url: Url,
    dir: &Path,
    budget: &Arc<DiskBudget>,
    mut progress: impl FnMut(Progress),
) -> Result<Saved> {
    let max = client.limits.max_download_bytes;
    let (url, mut response) = client.get(scope, url).await?;
    let content_length = response.content_length();
    HttpClient::check_length(content_length, max)?;
    // Dropped after the temp file (declared later): its bytes are gone before they are freed.
    let mut claim = blocking({
        let budget = Arc::clone(budget);
        move || Ok(budget.claim(content_length))
    })
    .await??;
    let file_name = file_name_for(&url);
    progress(Progress::Started {
        content_length,
        file_name: file_name.clone(),
    });

    let temp = blocking({
        let dir = dir.to_path_buf();
        move || {
            tempfile::Builder::new()
                .prefix(PARTIAL_PREFIX)
                .tempfile_in(dir)
        }
    })
    .await?;
    let mut out = tokio::fs::File::from_std(temp.as_file().try_clone()?);
    let interval = client.limits.progress_interval;
    let (mut size, mut unsent) = (0u64, 0usize);
    let mut report_at = Instant::now() + interval;
    loop {
        tokio::select! {
            chunk = client.next_chunk(&mut response) => {
                let Some(chunk) = chunk? else { break };
                size += chunk.len() as u64;
                if size > max {
                    return Err(too_large(max));
                }
                if claim.take(chunk.len() as u64)? {
                    let budget = claim.budget();
                    blocking(move || Ok(budget.check_free_space())).await??;
                }
                out.write_all(&chunk).await?;
                unsent += chunk.len();
            }
            // Bytes that came in since the last report are reported once the interval is up,
            // even when no more come (a stalled server still shows where it stopped).
            () = tokio::time::sleep_until(report_at), if unsent > 0 => {}
        }
        if unsent > 0 && Instant::now() >= report_at {
            progress(Progress::Received(std::mem::take(&mut unsent)));
            report_at = Instant::now() + interval;
        }
    }
    if unsent > 0 {
        progress(Progress::Received(unsent));
    }
    out.sync_all().await?;
    drop(out);
    let dir = dir.to_path_buf();
    let (path, file_name) = blocking(move || persist(temp, &dir, &file_name)).await?;
    claim.commit();
    Ok(Saved {
        path,
        file_name,
        size,
    })
}

/// Runs a short blocking file-system step off the async threads.
async fn blocking<T: Send + 'static>(
    step: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> Result<T> {
    Ok(tokio::task::spawn_blocking(step).await??)
}

/// Moves `temp` to `dir/name`, or `name (2)`, `name (3)` … when taken; never replaces a file.
fn persist(temp: NamedTempFile, dir: &Path, name: &str) -> std::io::Result<(PathBuf, String)> {
    let mut temp = temp;
    for n in 1..=1000 {
        let candidate = numbered(name, n);
        let path = dir.join(&candidate);
        match temp.persist_noclobber(&path) {
            Ok(_) => return Ok((path, candidate)),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(std::io::Error::other(format!(
        "no free name for {name} in the downloads folder"
    )))
}

/// `name` for n = 1, else `stem (n).ext`, kept within the longest legal file name.
fn numbered(name: &str, n: u32) -> String {
    if n == 1 {
        return name.to_owned();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    let suffix = format!(" ({n}){ext}");
    let mut stem = stem.to_owned();
    while stem.len() + suffix.len() > inbox::MAX_NAME_BYTES {
        stem.pop();
    }
    stem + &suffix
}

/// The file name a download of `url` gets: its last path segment, decoded, when that is a
/// plain file name (the inbox's rules: no folders, no hidden names, no control characters).
pub fn file_name_for(url: &Url) -> String {
    url.path_segments()
        .and_then(|mut segments| segments.next_back())
        .map(|segment| percent_encoding::percent_decode_str(segment).decode_utf8_lossy())
        .filter(|name| inbox::check_name(name).is_ok())
        .map_or_else(|| FALLBACK_NAME.to_owned(), std::borrow::Cow::into_owned)
}

/// Deletes temp files a crash left in `dir`.
pub fn remove_partials(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(PARTIAL_PREFIX)
        {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn the_file_name_comes_from_the_last_path_segment_when_it_is_plain() {
        assert_eq!(
            file_name_for(&url("https://x.test/a/b/report.pdf?v=2")),
            "report.pdf"
        );
        assert_eq!(
            file_name_for(&url("https://x.test/r%C3%A9sum%C3%A9.txt")),
            "résumé.txt"
        );
        for bad in [
            "https://x.test/",
            "https://x.test/dir/",
            "https://x.test/.bashrc",
            "https://x.test/..%2F..%2Fetc%2Fpasswd",
            "https://x.test/a%00b",
            "https://x.test/a%5Cb",
        ] {
            assert_eq!(file_name_for(&url(bad)), FALLBACK_NAME, "{bad}");
        }
    }

    #[test]
    fn a_taken_name_gets_a_number_and_stays_legal() {
        assert_eq!(numbered("a.tar.gz", 1), "a.tar.gz");
        assert_eq!(numbered("a.tar.gz", 2), "a.tar (2).gz");
        assert_eq!(numbered("download", 3), "download (3)");
        let long = format!("{}.bin", "n".repeat(251));
        let renamed = numbered(&long, 12);
        assert_eq!(renamed.len(), inbox::MAX_NAME_BYTES);
        assert!(renamed.ends_with(" (12).bin"));
    }

    #[test]
    fn persisting_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "first").unwrap();
        let mut temp = NamedTempFile::new_in(dir.path()).unwrap();
        std::io::Write::write_all(&mut temp, b"second").unwrap();
        let (path, name) = persist(temp, dir.path(), "a.txt").unwrap();
        assert_eq!(name, "a (2).txt");
        assert_eq!(std::fs::read_to_string(path).unwrap(), "second");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "first"
        );
    }

    #[test]
    fn left_over_partials_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(format!("{PARTIAL_PREFIX}x1")), "half").unwrap();
        std::fs::write(dir.path().join("kept.bin"), "whole").unwrap();
        remove_partials(dir.path()).unwrap();
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("kept.bin")]);
    }
}
