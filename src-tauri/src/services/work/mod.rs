//! Long-running and bounded work: places for expensive work, the registry of jobs and
//! downloads, steady progress, the times shown for work.

pub mod limit;
pub mod progress;
pub mod registry;
pub mod time;
