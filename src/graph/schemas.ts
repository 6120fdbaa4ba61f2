import { z } from 'zod';

/**
 * Pieces the endpoint schemas (src/graph/endpoints) share. Unknown properties are ignored; what we
 * rely on is checked. Ids are checked as GUIDs the way every layer checks them (src/config/guid.ts).
 */
export { guidSchema as guid } from '../config';
export const instant = z.string().nullable().optional();

/** An instant, or null when absent or Graph's "never signed in" sentinel `0001-01-01T00:00:00Z` (docs/graph-endpoints.md, users). */
export function realInstant(value: string | null | undefined): string | null {
  if (!value || value.startsWith('0001-01-01')) return null;
  return value;
}
