//! Text that came from the webview: made safe for a log line (escaped — no control
//! characters, no forged newlines — and capped, so a page cannot flood or forge the log),
//! capped for echoing back, and checked against a length limit.

use std::fmt::Write as _;

use crate::error::{Error, Result};

/// Most characters of webview text a log line shows.
pub const MAX_LOGGED_CHARS: usize = 200;

/// `text` escaped like a Rust string literal's contents, cut after [`MAX_LOGGED_CHARS`].
pub fn for_log(text: &str) -> String {
    let total = text.chars().count();
    let mut shown: String = text
        .chars()
        .take(MAX_LOGGED_CHARS)
        .flat_map(char::escape_debug)
        .collect();
    if total > MAX_LOGGED_CHARS {
        let more = total - MAX_LOGGED_CHARS;
        // Writing to a String cannot fail.
        let _ = write!(shown, "… ({more} more characters)");
    }
    format!("\"{shown}\"")
}

/// `text` cut after `max` characters (an ellipsis marks the cut).
pub fn capped(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// `tooLarge` when `text` (named `what` in the message) has more than `max` characters.
pub fn check_chars(what: &str, text: &str, max: usize) -> Result<()> {
    let chars = text.chars().count();
    if chars > max {
        return Err(Error::TooLarge(format!(
            "{what} has {chars} characters, the limit is {max}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_cuts_on_a_character_boundary() {
        assert_eq!(capped("héllo", 2), "hé…");
        assert_eq!(capped("hé", 2), "hé");
        assert_eq!(capped("", 0), "");
        assert_eq!(capped(&"🦀".repeat(1000), 3), "🦀🦀🦀…");
    }

    #[test]
    fn check_chars_counts_characters_not_bytes() {
        assert!(check_chars("name", &"é".repeat(4), 4).is_ok());
        let err = check_chars("name", "abcde", 4).unwrap_err();
        assert_eq!(
            err.to_string(),
            "too large: name has 5 characters, the limit is 4"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            for_log("hi\nINFO forged\u{1b}[2J\""),
            r#""hi\nINFO forged\u{1b}[2J\"""#
        );
        assert_eq!(for_log("Zoë 🦀"), "\"Zoë 🦀\"");
    }

    #[test]
    fn long_text_is_capped() {
        let logged = for_log(&"a".repeat(10_000_000));
        assert!(logged.len() < MAX_LOGGED_CHARS + 64, "{}", logged.len());
        assert!(
            logged.ends_with("… (9999800 more characters)\""),
            "{logged}"
        );
    }
}
