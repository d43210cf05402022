//! What moves over the IPC itself: a page's channel outbox within its budget, small messages
//! coalesced into frames, and raw request bodies and headers.

pub mod batch;
pub mod outbox;
pub mod raw_body;
