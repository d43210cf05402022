//! What moves over the IPC itself: a page's channel outbox within its budget, and raw request
//! bodies and headers.

pub mod outbox;
pub mod raw_body;
