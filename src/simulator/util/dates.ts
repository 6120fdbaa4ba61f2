import { DAY_MS } from '../clock';

/** `2024-05-01T08:12:33Z`: Graph's DateTimeOffset form for directory properties. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `2024-05-01T08:12:33.1234567Z`: sign-in createdDateTime carries 7 fractional digits (docs/graph-behaviour.md §6). */
export function isoTicks(ms: number, extraTicks: number): string {
  const base = new Date(ms).toISOString();
  return `${base.slice(0, 23)}${String(extraTicks % 10000).padStart(4, '0')}Z`;
}

/** `2021-09-02T14:32:39`: innerError.date has no timezone suffix (docs/graph-behaviour.md §0). */
export function innerErrorDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Day strings made so far: a report repeats the same few hundred days in every row. */
const DAY_STRINGS = new Map<number, string>();

/**
 * `YYYY-MM-DD` for a day number (days since the Unix epoch). Remembered per day: made anew, the
 * Date and its ISO text were the simulator's largest cost in serving a 100,000-user report.
 */
export function dayString(day: number): string {
  let text = DAY_STRINGS.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    DAY_STRINGS.set(day, text);
  }
  return text;
}

/** Parses `YYYY-MM-DD` into a day number, or undefined when malformed. */
export function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? undefined : ms / DAY_MS;
}
