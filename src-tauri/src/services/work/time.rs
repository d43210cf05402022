//! Wall-clock times as the frontend shows them.

use std::time::{SystemTime, UNIX_EPOCH};

/// Whole milliseconds since the Unix epoch (whole, so they survive a JSON round trip exactly).
pub fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64)
}

/// A duration as a person reads it in a message: "30 min", "60 s", "1.5 s", "250 ms".
pub fn for_people(d: std::time::Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 120.0 && d.as_secs() % 60 == 0 {
        format!("{} min", d.as_secs() / 60)
    } else if secs >= 1.0 {
        format!("{} s", (secs * 10.0).round() / 10.0)
    } else {
        format!("{} ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(for_people(Duration::from_secs(30 * 60)), "30 min");
        assert_eq!(for_people(Duration::from_secs(60)), "60 s");
        assert_eq!(for_people(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(for_people(Duration::from_millis(250)), "250 ms");
    }
}
