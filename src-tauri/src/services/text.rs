//! Text that came from the webview, made safe for a log line: escaped (no control characters,
//! no forged newlines) and capped, so a page cannot flood or forge the log.

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
        shown.push_str(&format!("… ({} more characters)", total - MAX_LOGGED_CHARS));
    }
    format!("\"{shown}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

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
