//! Wall-clock times as the frontend shows them.

use std::time::{SystemTime, UNIX_EPOCH};

/// Whole milliseconds since the Unix epoch (whole, so they survive a JSON round trip exactly).
pub fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64)
}
