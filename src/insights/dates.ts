/**
 * Time helpers for the rules. The store keeps instants as ISO-8601 UTC text and days as `YYYY-MM-DD`,
 * which sort as text; the rules compare those strings directly, exactly as the SQL does, so the pure
 * definition and the database can never disagree on a boundary.
 */
export const DAY_MS = 86_400_000;

/** Instants written by the rules: whole seconds, no fraction (`2025-06-01T12:00:00Z`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Values at or below this are placeholders, not dates (Graph writes `0001-01-01T00:00:00Z` for "never"). */
export const REAL_AFTER = '0002';

/** True for a real instant or day; false for null, empty or `0001-01-01…` (docs/graph-behaviour.md §2.3: "never"). */
export function isReal(value: string | null | undefined): value is string {
  return typeof value === 'string' && value > REAL_AFTER;
}

/** Milliseconds of an instant or day (a day counts from its midnight UTC); null when not real. */
export function msOf(value: string | null | undefined): number | null {
  if (!isReal(value)) return null;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? ms : null;
}

/** Whole days from `value` to `now` (never negative); null when not real. */
export function daysSince(value: string | null | undefined, now: Date): number | null {
  const ms = msOf(value);
  return ms === null ? null : Math.max(0, Math.floor((now.getTime() - ms) / DAY_MS));
}

/** The larger of two sortable date strings, ignoring placeholders. */
export function newest(a: string | null, b: string | null): string | null {
  if (!isReal(a)) return isReal(b) ? b : null;
  if (!isReal(b)) return a;
  return a >= b ? a : b;
}
