//! The greeting behind `greet` and the custom-command reply.

use crate::error::{Error, Result};
use crate::services::page::text::check_chars;

// #region recipe:arguments
/// Longest name `greet` accepts, in characters.
pub const MAX_NAME_CHARS: usize = 256;

/// The fixed reply of `my_custom_command` (seed contract).
pub const CUSTOM_COMMAND_REPLY: &str = "Hello from Rust!";

/// `"Hello, {name}!"` for a non-blank name of at most [`MAX_NAME_CHARS`] characters.
pub fn greet(name: &str) -> Result<String> {
    if name.trim().is_empty() {
        return Err(Error::InvalidInput("name must not be empty".into()));
    }
    check_chars("name", name, MAX_NAME_CHARS)?;
    Ok(format!("Hello, {name}!"))
}
// #endregion recipe:arguments

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn greets_by_name() {
        assert_eq!(greet("World").unwrap(), "Hello, World!");
        assert_eq!(greet("Zoë 🦀").unwrap(), "Hello, Zoë 🦀!");
    }

    #[test]
    fn blank_names_are_invalid() {
        for name in ["", "   ", "\n\t"] {
            assert_eq!(greet(name).unwrap_err().kind(), ErrorKind::InvalidInput);
        }
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        assert!(greet(&"é".repeat(MAX_NAME_CHARS)).is_ok());
        let err = greet(&"a".repeat(MAX_NAME_CHARS + 1)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
    }
}
