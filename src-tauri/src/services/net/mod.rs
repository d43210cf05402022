//! The network commands: which URLs and addresses may be reached, the one HTTP client, one
//! download, and the disk the downloads may use.

pub mod addresses;
pub mod disk;
pub mod download;
pub mod http;
pub mod url_scope;
