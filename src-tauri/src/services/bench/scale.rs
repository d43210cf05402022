//! How much the self-test moves. `full` is the desktop run (and the default everywhere);
//! `emulator` runs the same checks with smaller counts, sized for a debug build in a
//! software-rendered Android emulator or an iOS Simulator on a CI runner, which cannot stream
//! gigabytes of channel messages and reload the page twenty times within a CI step's time. The
//! page takes the counts from `run_mode`, and the report states the ones it ran with.

use crate::models::{ScaleName, SelfTestScale};

/// The desktop run: 200,000 mixed messages (about 2 GB, past the ~10⁵ live callback ids where
/// Tauri's own delivery collides), a million small ones, twenty reloads.
pub const FULL: SelfTestScale = SelfTestScale {
    name: ScaleName::Full,
    mixed: 200_000,
    small: 1_000_000,
    tagged: 10_000,
    mounts: 1000,
    reloads: 20,
};

/// An emulator run: 1,000 cycles of the mixed sizes (about 93 MB), every size class and both
/// delivery paths still crossed, five reloads.
pub const EMULATOR: SelfTestScale = SelfTestScale {
    name: ScaleName::Emulator,
    mixed: 9_000,
    small: 20_000,
    tagged: 2_000,
    mounts: 200,
    reloads: 5,
};

/// The counts of the scale called `name`.
pub fn of(name: ScaleName) -> SelfTestScale {
    match name {
        ScaleName::Full => FULL,
        ScaleName::Emulator => EMULATOR,
    }
}

/// The scale named on the command line (`--scale full|emulator`).
pub fn parse(word: &str) -> Result<ScaleName, String> {
    match word {
        "full" => Ok(ScaleName::Full),
        "emulator" => Ok(ScaleName::Emulator),
        other => Err(format!("--scale takes full or emulator, not {other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::bench::MIXED_SIZES;

    #[test]
    fn names_parse_to_their_counts() {
        assert_eq!(of(parse("full").unwrap()), FULL);
        assert_eq!(of(parse("emulator").unwrap()), EMULATOR);
        assert_eq!(
            parse("huge").unwrap_err(),
            r#"--scale takes full or emulator, not "huge""#
        );
    }

    #[test]
    fn the_emulator_scale_is_smaller_yet_crosses_every_mixed_size_alike() {
        let (f, e) = (FULL, EMULATOR);
        assert!(e.mixed < f.mixed && e.small < f.small && e.tagged < f.tagged);
        assert!(e.mounts < f.mounts && e.reloads < f.reloads);
        // Whole cycles of the sizes: each size class as often as the others, both kinds.
        assert_eq!(e.mixed as usize % MIXED_SIZES.len(), 0);
        assert!(e.mixed as usize / MIXED_SIZES.len() >= 2);
        // The reload loop still compares several reloaded pages.
        assert!(e.reloads >= 2);
        let bytes: usize = MIXED_SIZES.iter().sum::<usize>() * e.mixed as usize / MIXED_SIZES.len();
        assert!(bytes < 100_000_000, "{bytes} bytes");
    }
}
