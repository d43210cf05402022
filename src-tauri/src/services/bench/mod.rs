//! What the bench and the self-test move: bytes of any size, channel frames (raw, JSON, or a
//! mix straddling Tauri's channel thresholds, each carrying its sequence number), and a
//! structured JSON document. Plain data, so the same bytes go through the commands and through
//! the `bench:` URI scheme the figures are compared with.

pub mod history;
pub mod run_mode;
pub mod scale;

use std::sync::OnceLock;

use serde::Serialize;
use specta::Type;

use crate::error::{Error, Result};
use crate::models::FrameKind;
pub use crate::services::transport::outbox::Frame;

/// Largest payload a bench call moves.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Most messages one channel run sends (the sender waits while the page holds its budget).
pub const MAX_MESSAGES: u32 = 1_000_000;
/// Most events or evals one run sends (these go out without waiting for the page).
pub const MAX_BURST: u32 = 200_000;
/// Largest channel frame (a message, or a batch of them).
pub const MAX_FRAME_BYTES: u64 = 16 * 1024 * 1024;
/// Most bytes one channel or event run sends in all.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Most records of the structured JSON document.
pub const MAX_RECORDS: u32 = 100_000;

/// Sizes the mixed channel run cycles through: around Tauri's thresholds for sending a channel
/// message by `eval` (raw under 1024 bytes, JSON under 8192) or by a fetch.
pub const MIXED_SIZES: &[usize] = &[0, 1, 1023, 1024, 1025, 8191, 8192, 8193, 65536];

/// The pattern's period: byte `i` of a payload is `i % 251`, so a shifted, truncated or
/// repeated piece shows.
pub const PATTERN_MODULUS: u64 = 251;

/// `size` bytes that differ from position to position (the same on every call).
pub fn bytes(size: usize) -> Result<&'static [u8]> {
    pattern_at(0, size)
}

/// The `size` bytes at `offset` of an endless pattern payload: byte `k` is
/// `(offset + k) % 251`. A chunk of a run, a channel frame or a fetched range: cut from one
/// buffer, so each way builds its bytes alike (one copy, or none).
pub fn pattern_at(offset: u64, size: usize) -> Result<&'static [u8]> {
    static PATTERN: OnceLock<Vec<u8>> = OnceLock::new();
    check_size(size)?;
    let period = PATTERN_MODULUS as usize;
    let all = PATTERN.get_or_init(|| {
        (0..MAX_BYTES + period)
            .map(|i| (i % period) as u8)
            .collect()
    });
    let start = (offset % PATTERN_MODULUS) as usize;
    Ok(&all[start..start + size])
}

/// What both sides of an upload figure do with the bytes they got (the command and the scheme's
/// `POST /echo` alike): compare them with the pattern in place, without a copy; answers their
/// count.
pub fn consume(bytes: &[u8]) -> Result<u32> {
    if bytes == self::bytes(bytes.len())? {
        Ok(bytes.len() as u32)
    } else {
        Err(Error::InvalidInput(
            "the bytes are not the bench pattern".into(),
        ))
    }
}

pub fn check_size(size: usize) -> Result<()> {
    if size <= MAX_BYTES {
        Ok(())
    } else {
        Err(Error::TooLarge(format!(
            "{size} bytes; the bench moves at most {MAX_BYTES}"
        )))
    }
}

/// Checks a channel or event run's shape: counts and sizes within the bounds; only raw and
/// JSON runs are batched.
pub fn check_run(kind: FrameKind, count: u32, size: usize, batch: u32) -> Result<()> {
    check_size(size)?;
    if count > MAX_MESSAGES || batch == 0 || batch > count.max(1) {
        return Err(Error::InvalidInput(format!(
            "{count} messages in batches of {batch}; at most {MAX_MESSAGES}, batches of 1 to the count"
        )));
    }
    if batch > 1 && matches!(kind, FrameKind::Mixed | FrameKind::Tagged) {
        return Err(Error::InvalidInput(
            "mixed and tagged runs send one message a frame".into(),
        ));
    }
    if u64::from(batch) * size as u64 > MAX_FRAME_BYTES {
        return Err(Error::TooLarge(format!(
            "a frame carries at most {MAX_FRAME_BYTES} bytes"
        )));
    }
    if u64::from(count) * size as u64 > MAX_TOTAL_BYTES {
        return Err(Error::TooLarge(format!(
            "a run moves at most {MAX_TOTAL_BYTES} bytes"
        )));
    }
    Ok(())
}

/// Checks an event or eval run's count.
pub fn check_burst(count: u32) -> Result<()> {
    if count <= MAX_BURST {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{count} messages; at most {MAX_BURST}"
        )))
    }
}

/// Message `index` of a run of `count`: its kind and size (for [`FrameKind::Mixed`], the cycle's).
pub fn message(kind: FrameKind, index: u32, count: u32, size: usize) -> Frame {
    match kind {
        FrameKind::Tagged if index + 1 == count => {
            Frame::Json(format!(r#"{{"event":"end","data":{count}}}"#))
        }
        FrameKind::Tagged => Frame::Json(format!(r#"{{"event":"data","data":{index}}}"#)),
        FrameKind::Raw => Frame::Raw(raw_message(index, 1, size)),
        FrameKind::Json => Frame::Json(json_message(index, size)),
        FrameKind::Mixed => {
            let size = MIXED_SIZES[index as usize % MIXED_SIZES.len()];
            match index % 2 {
                0 => Frame::Raw(tagged_raw(index, size)),
                _ => Frame::Json(json_message(index, size)),
            }
        }
    }
}

/// Messages `first..first + batch` of a run of `count` in one frame: raw ones concatenated
/// (the run's bytes from message `first` on), JSON ones as an array.
pub fn batch(kind: FrameKind, first: u32, batch: u32, count: u32, size: usize) -> Frame {
    if batch == 1 {
        return message(kind, first, count, size);
    }
    match kind {
        FrameKind::Raw => Frame::Raw(raw_message(first, batch, size)),
        FrameKind::Json | FrameKind::Mixed | FrameKind::Tagged => {
            let parts: Vec<String> = (first..first + batch)
                .map(|i| json_message(i, size))
                .collect();
            Frame::Json(format!("[{}]", parts.join(",")))
        }
    }
}

/// Raw messages `first..first + count` of `size` bytes: the run's bytes are one pattern payload
/// (the same bytes a Response or the scheme's floor carries), so message `i` starts at `i * size`.
fn raw_message(first: u32, count: u32, size: usize) -> Vec<u8> {
    let offset = u64::from(first) * size as u64;
    // check_run bounded the frame to MAX_FRAME_BYTES, within the pattern.
    pattern_at(offset, count as usize * size)
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

/// A mixed run's raw message: its sequence number in its first (up to) 4 bytes.
fn tagged_raw(index: u32, size: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; size];
    let tag = index.to_le_bytes();
    let n = size.min(4);
    bytes[..n].copy_from_slice(&tag[..n]);
    bytes
}

fn json_message(index: u32, size: usize) -> String {
    match size {
        0 => index.to_string(),
        _ => format!("[{index},\"{}\"]", "x".repeat(size)),
    }
}

/// One record of the structured JSON document: a typical mix of numbers, text and lists.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub id: u32,
    pub name: String,
    pub email: String,
    pub score: f64,
    pub active: bool,
    pub tags: Vec<String>,
}

/// `count` records; 6,500 of them serialize to about 1 MiB.
pub fn records(count: u32) -> Result<Vec<Record>> {
    if count > MAX_RECORDS {
        return Err(Error::TooLarge(format!("at most {MAX_RECORDS} records")));
    }
    Ok((0..count)
        .map(|id| Record {
            id,
            name: format!("Record number {id} of the structured payload"),
            email: format!("user{id}@example.com"),
            score: f64::from(id) * 1.25,
            active: id % 3 != 0,
            tags: vec!["alpha".into(), format!("group-{}", id % 17), "bench".into()],
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::transport::raw_body;

    #[test]
    fn bytes_are_a_stable_pattern_within_the_cap() {
        assert_eq!(bytes(5).unwrap(), &[0, 1, 2, 3, 4]);
        assert_eq!(bytes(MAX_BYTES).unwrap().len(), MAX_BYTES);
        assert_eq!(
            bytes(MAX_BYTES + 1).unwrap_err().kind(),
            crate::error::ErrorKind::TooLarge
        );
    }

    #[test]
    fn pieces_of_the_pattern_start_where_their_offset_falls() {
        assert_eq!(pattern_at(250, 3).unwrap(), &[250, 0, 1]);
        assert_eq!(pattern_at(251 * 1000 + 2, 2).unwrap(), &[2, 3]);
        assert_eq!(pattern_at(250, MAX_BYTES).unwrap().len(), MAX_BYTES);
        assert!(pattern_at(0, MAX_BYTES + 1).is_err());
    }

    #[test]
    fn consume_answers_the_count_of_pattern_bytes_only() {
        assert_eq!(consume(bytes(1000).unwrap()).unwrap(), 1000);
        assert_eq!(consume(&[]).unwrap(), 0);
        let err = consume(&[0, 1, 3]).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::InvalidInput);
    }

    #[test]
    fn raw_runs_carry_the_pattern_of_the_whole_run() {
        // Message 258 of 6 bytes starts at byte 1548 of the run: 1548 % 251 = 42.
        let raw = message(FrameKind::Raw, 258, 300, 6);
        assert_eq!(raw, Frame::Raw(vec![42, 43, 44, 45, 46, 47]));
        let frames: Vec<u8> = (0..300)
            .step_by(7)
            .flat_map(
                |first| match batch(FrameKind::Raw, first, 7.min(300 - first), 300, 1000) {
                    Frame::Raw(bytes) => bytes,
                    Frame::Json(_) => unreachable!(),
                },
            )
            .collect();
        assert_eq!(frames, bytes(300_000).unwrap());
    }

    #[test]
    fn every_message_carries_its_sequence_number() {
        // Message 258 of a mixed run: raw (even), 8192 bytes (258 % 9 = 6), tagged 258.
        let Frame::Raw(raw) = message(FrameKind::Mixed, 258, 300, 0) else {
            panic!("an even mixed message is raw")
        };
        assert_eq!((raw.len(), &raw[..5]), (8192, &[2, 1, 0, 0, 0][..]));
        assert_eq!(message(FrameKind::Json, 7, 9, 0), Frame::Json("7".into()));
        let padded = message(FrameKind::Json, 7, 9, 3);
        assert_eq!(padded, Frame::Json(r#"[7,"xxx"]"#.into()));
        let data = message(FrameKind::Tagged, 7, 9, 0);
        assert_eq!(data, Frame::Json(r#"{"event":"data","data":7}"#.into()));
        let end = message(FrameKind::Tagged, 8, 9, 0);
        assert_eq!(end, Frame::Json(r#"{"event":"end","data":9}"#.into()));
        let sizes: Vec<usize> = (0..9)
            .map(|i| match message(FrameKind::Mixed, i, 9, 0) {
                Frame::Raw(b) => b.len(),
                Frame::Json(j) => serde_json::from_str::<serde_json::Value>(&j)
                    .map_or(0, |v| v.get(1).and_then(|s| s.as_str()).map_or(0, str::len)),
            })
            .collect();
        assert_eq!(sizes, MIXED_SIZES);
    }

    #[test]
    fn a_batch_holds_consecutive_messages() {
        let raw = batch(FrameKind::Raw, 1, 2, 9, 4);
        assert_eq!(raw, Frame::Raw(vec![4, 5, 6, 7, 8, 9, 10, 11]));
        assert_eq!(
            batch(FrameKind::Json, 3, 2, 9, 0),
            Frame::Json("[3,4]".into())
        );
    }

    #[test]
    fn runs_are_bounded() {
        assert!(check_run(FrameKind::Raw, 100, 1024, 10).is_ok());
        assert!(check_run(FrameKind::Raw, MAX_MESSAGES + 1, 0, 1).is_err());
        assert!(check_run(FrameKind::Json, 10, 0, 0).is_err());
        assert!(check_run(FrameKind::Json, 10, 0, 11).is_err());
        assert!(check_run(FrameKind::Tagged, 10, 0, 2).is_err());
        assert_eq!(
            check_run(FrameKind::Raw, 100_000, 64 * 1024, 1)
                .unwrap_err()
                .kind(),
            crate::error::ErrorKind::TooLarge
        );
        assert!(check_run(FrameKind::Raw, 1, MAX_FRAME_BYTES as usize, 1).is_ok());
        assert_eq!(
            check_run(FrameKind::Raw, 2, MAX_FRAME_BYTES as usize / 2 + 1, 2)
                .unwrap_err()
                .kind(),
            crate::error::ErrorKind::TooLarge,
            "a batch past the frame cap"
        );
        assert!(check_burst(MAX_BURST).is_ok());
        assert!(check_burst(MAX_BURST + 1).is_err());
    }

    /// Counts the bytes each thread allocates (for the peak of one call on the test's thread).
    #[allow(unsafe_code)]
    mod counting {
        use std::alloc::{GlobalAlloc, Layout, System};
        use std::cell::Cell;

        pub struct Counting;

        thread_local! {
            static LIVE: Cell<isize> = const { Cell::new(0) };
            static PEAK: Cell<isize> = const { Cell::new(0) };
        }

        fn add(delta: isize) {
            let _ = LIVE.try_with(|live| {
                live.set(live.get() + delta);
                let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
            });
        }

        unsafe impl GlobalAlloc for Counting {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                let p = System.alloc(layout);
                if !p.is_null() {
                    add(layout.size() as isize);
                }
                p
            }
            unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
                let p = System.alloc_zeroed(layout);
                if !p.is_null() {
                    add(layout.size() as isize);
                }
                p
            }
            unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
                System.dealloc(p, layout);
                add(-(layout.size() as isize));
            }
            unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
                let q = System.realloc(p, layout, size);
                if !q.is_null() {
                    add(size as isize - layout.size() as isize);
                }
                q
            }
        }

        /// The most `f` had allocated at once on this thread, beyond what was live before.
        pub fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
            let start = LIVE.with(Cell::get);
            PEAK.with(|peak| peak.set(start));
            let out = f();
            (out, (PEAK.with(Cell::get) - start).max(0) as usize)
        }
    }

    #[global_allocator]
    static ALLOCATOR: counting::Counting = counting::Counting;

    #[test]
    fn a_json_byte_array_is_decoded_without_copying_the_array() {
        let items: Vec<serde_json::Value> = (0..1 << 20).map(|i| (i % 256).into()).collect();
        let (bytes, peak) = counting::peak_of(|| raw_body::bytes_from_json(&items).unwrap());
        assert_eq!(bytes.len(), 1 << 20);
        assert_eq!(bytes[257], 1);
        // The bytes themselves, not a copy of the 32 MiB of JSON values.
        assert!(peak <= (1 << 20) + 4096, "peak {peak} bytes");
    }

    #[test]
    fn a_json_array_that_is_not_bytes_is_invalid_input_with_a_short_message() {
        let message = |items: serde_json::Value| {
            let error = raw_body::bytes_from_json(items.as_array().unwrap()).unwrap_err();
            assert_eq!(error.kind(), crate::error::ErrorKind::InvalidInput);
            error.to_string()
        };
        assert_eq!(
            message(serde_json::json!([1, 256])),
            "invalid input: not a byte array: invalid value: integer `256`, expected u8"
        );
        assert_eq!(
            message(serde_json::json!([-1])),
            "invalid input: not a byte array: invalid value: integer `-1`, expected u8"
        );
        assert_eq!(
            message(serde_json::json!([1.5])),
            "invalid input: not a byte array: invalid type: floating point `1.5`, expected u8"
        );
        let long = "x".repeat(1 << 20);
        assert_eq!(
            message(serde_json::json!([0, long])),
            "invalid input: not a byte array: invalid type: string, expected u8"
        );
        for other in [
            serde_json::json!([null]),
            serde_json::json!([[1]]),
            serde_json::json!([{ "a": 1 }]),
            serde_json::json!([true]),
        ] {
            assert!(message(other).len() < 100);
        }
        assert_eq!(raw_body::bytes_from_json(&[]).unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn six_thousand_five_hundred_records_are_about_a_mebibyte() {
        let json = serde_json::to_string(&records(6500).unwrap()).unwrap();
        assert!((900_000..1_300_000).contains(&json.len()), "{}", json.len());
    }
}
