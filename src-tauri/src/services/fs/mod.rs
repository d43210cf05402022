//! Files: where the app keeps its data, the read scope and race-free opens, bounded reads, the
//! upload inbox, recent files and hashing.

pub mod app_dirs;
pub mod files;
pub mod hasher;
pub mod inbox;
pub mod recent;
pub mod scope;
