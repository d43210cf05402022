// The user's preferences, kept by Rust in the private folder: read them, and change one key at
// a time (Rust validates it: an unknown key or value is `invalidInput`).
import { commands, type Notification, type Preferences } from '../../gen/bindings';
import { call } from './call';

export type { Notification, Preferences };

/** Every value of `notification` and what it means (`satisfies`: complete, or no compile). */
export const NOTIFICATION_CHOICES = {
  all: 'every download that finishes or fails',
  errors: 'failed downloads only',
  none: 'no download notices',
} as const satisfies Record<Notification, string>;

export const NOTIFICATION_VALUES = Object.keys(NOTIFICATION_CHOICES) as Notification[];

export const preferences = () => call(commands.preferences());
export const setPreference = (key: string, value: string) => call(commands.setPreference(key, value));

/** The downloads quota's bounds, in MiB (Rust refuses anything else as `invalidInput`). */
export const QUOTA_MIB = { min: 1, max: 1024 * 1024, default: 2048 } as const;

/** Sets the downloads quota, in whole MiB. */
export const setDownloadQuota = (mib: number) => setPreference('downloadQuotaMib', String(mib));
