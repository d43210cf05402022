//! Long-running and bounded work: places for expensive work, steady progress, the times shown
//! for work.

pub mod limit;
pub mod progress;
pub mod time;
