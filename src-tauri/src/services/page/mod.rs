//! What comes from or goes to a page: text made safe to log, the greeting, where a window may
//! navigate.

pub mod greeting;
pub mod navigation;
pub mod text;
