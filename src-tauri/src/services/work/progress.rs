//! Counting at a steady pace: the seed's `stream_progress` (0 to 100 on a channel) and
//! `start_job` (1 to 100 as events).

use std::future::Future;
use std::ops::RangeInclusive;
use std::time::Duration;

use crate::error::Result;

/// Time between two numbers: a count to 100 takes about two seconds.
pub const STEP: Duration = Duration::from_millis(20);

/// Sends each number of `numbers` to `send` (which may wait), `step` apart; stops at the
/// first error `send` returns.
pub async fn count<F: Future<Output = Result<()>>>(
    numbers: RangeInclusive<u32>,
    step: Duration,
    mut send: impl FnMut(u32) -> F,
) -> Result<()> {
    let first = *numbers.start();
    for n in numbers {
        if n > first {
            tokio::time::sleep(step).await;
        }
        send(n).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorKind};

    #[tokio::test]
    async fn counts_from_0_to_100_in_order() {
        let mut seen = Vec::new();
        count(0..=100, Duration::ZERO, |n| {
            seen.push(n);
            std::future::ready(Ok(()))
        })
        .await
        .unwrap();
        assert_eq!(seen, (0..=100).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn stops_at_the_first_refused_number() {
        let mut seen = Vec::new();
        let err = count(1..=100, Duration::ZERO, |n| {
            seen.push(n);
            std::future::ready(match n {
                3 => Err(Error::Cancelled),
                _ => Ok(()),
            })
        })
        .await
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Cancelled);
        assert_eq!(seen, vec![1, 2, 3]);
    }
}
