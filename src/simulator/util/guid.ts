import { hash32 } from './random';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** A version-4-shaped GUID derived deterministically from (seed, a, b). */
export function derivedGuid(seed: number, a: number, b = 0): string {
  const w0 = hash32(seed, a, b ^ 0x51);
  const w1 = hash32(w0, a, b ^ 0x52);
  const w2 = hash32(w1, a, b ^ 0x53);
  const w3 = hash32(w2, a, b ^ 0x54);
  const x1 = hex8(w1);
  const x2 = hex8(((w2 & 0x3fffffff) | 0x80000000) >>> 0);
  return `${hex8(w0)}-${x1.slice(0, 4)}-4${x1.slice(5, 8)}-${x2.slice(0, 4)}-${x2.slice(4, 8)}${hex8(w3)}`;
}
