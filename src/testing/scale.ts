// A self-test scale for tests: small counts, as a run mode answers them (Rust's
// `services::bench::scale` holds the real ones).
import type { SelfTestScale } from '../api';

export const TEST_SCALE: SelfTestScale = { name: 'emulator', mixed: 18, small: 10, tagged: 5, mounts: 4, reloads: 3 };
