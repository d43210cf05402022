//! The seed's `stream_progress`: 0 to 100 in order, at a steady pace.

use std::time::Duration;

use crate::error::Result;

/// Time between two numbers: the whole count takes about two seconds.
pub const STEP: Duration = Duration::from_millis(20);

/// Sends 0..=100 to `send`, `step` apart; stops at the first error `send` returns.
pub async fn count_to_100(step: Duration, mut send: impl FnMut(u32) -> Result<()>) -> Result<()> {
    for percent in 0..=100 {
        if percent > 0 {
            tokio::time::sleep(step).await;
        }
        send(percent)?;
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
        count_to_100(Duration::ZERO, |n| {
            seen.push(n);
            Ok(())
        })
        .await
        .unwrap();
        assert_eq!(seen, (0..=100).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn stops_at_the_first_refused_number() {
        let mut seen = Vec::new();
        let err = count_to_100(Duration::ZERO, |n| {
            seen.push(n);
            if n == 3 {
                return Err(Error::Cancelled);
            }
            Ok(())
        })
        .await
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Cancelled);
        assert_eq!(seen, vec![0, 1, 2, 3]);
    }
}
