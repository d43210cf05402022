// A live log of every app event this window hears, newest first, capped. Each event is
// listened to in the scope its catalog entry gives, so events aimed at other windows are not
// heard here (see EVENT_CATALOG in src/api/events.ts).
import { ref } from 'vue';
import { EVENT_CATALOG, EVENT_NAMES, type EventName } from '../api';
import { useTauriEvent } from './useTauriEvent';

/** Entries kept, at most. */
export const LOG_CAP = 200;
/** Characters of a payload shown, at most. */
export const PAYLOAD_CHARS = 300;

export interface LogEntry {
  id: number;
  name: EventName;
  payload: string;
  /** Local time, `HH:MM:SS.mmm`. */
  time: string;
}

function show(payload: unknown): string {
  const text = JSON.stringify(payload) ?? 'null';
  return text.length > PAYLOAD_CHARS ? `${text.slice(0, PAYLOAD_CHARS)}…` : text;
}

function clock(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function useEventLog() {
  const entries = ref<LogEntry[]>([]);
  let nextId = 1;
  for (const name of EVENT_NAMES) {
    useTauriEvent(
      name,
      (payload) => {
        const entry = { id: nextId++, name, payload: show(payload), time: clock(new Date()) };
        entries.value = [entry, ...entries.value].slice(0, LOG_CAP);
      },
      EVENT_CATALOG[name].scope,
    );
  }
  return { entries, clear: () => (entries.value = []) };
}
