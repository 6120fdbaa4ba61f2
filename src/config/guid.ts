import { z } from 'zod';

/**
 * A GUID as Entra and Graph write them (tenant, app, object, SKU and service plan ids): 8-4-4-4-12
 * hex digits, either case. Here, in the lowest layer, so every layer checks ids the same way.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** The same check for zod schemas at a border (Graph answers). */
export const guidSchema = z.string().regex(GUID);
