/**
 * A set of Entra object ids (GUIDs) for the whole tenant, kept as 64-bit numbers in typed arrays:
 * 16 bytes an id where a Set of strings takes about 70. The sync holds the ids a full listing returned
 * until it deactivates the stored users it did not (at 200,000 users, 3 MB against 14), and what the
 * process holds decides how far V8 lets its heap grow. Two ids share a number with a chance of about
 * 1 in 10^9 at 200,000 users: then, should one of the two leave the tenant while the other stays, the
 * one gone is not deactivated by a full listing (users/delta's `@removed` still deactivates it).
 */
export class IdSet {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private used = new Uint8Array(1024);
  size = 0;

  add(id: string): void {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    key(id);
    const slot = this.find(keyHi, keyLo);
    if (this.used[slot]) return;
    this.used[slot] = 1;
    this.hi[slot] = keyHi;
    this.lo[slot] = keyLo;
    this.size++;
  }

  has(id: string): boolean {
    key(id);
    return this.used[this.find(keyHi, keyLo)] === 1;
  }

  /** The slot holding this key, or the empty one where it would go (linear probing). */
  private find(hi: number, lo: number): number {
    const mask = this.used.length - 1;
    let slot = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    while (this.used[slot] && (this.hi[slot] !== hi || this.lo[slot] !== lo)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { hi, lo, used } = this;
    this.hi = new Uint32Array(used.length * 2);
    this.lo = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let i = 0; i < used.length; i++) {
      if (!used[i]) continue;
      const slot = this.find(hi[i]!, lo[i]!);
      this.used[slot] = 1;
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
    }
  }
}

// The last key made: a set of a whole tenant makes one for each id it is given, and a pair of
// numbers returned as an array would be garbage each time (the sync is bound by this thread).
let keyHi = 0;
let keyLo = 0;
const words = new Uint32Array(4);

/** The GUID's 128 bits folded to 64 into keyHi and keyLo, case-insensitively; anything else hashed. */
function key(id: string): void {
  if (!guidKey(id)) {
    let a = 0x811c9dc5;
    let b = 0x01000193;
    for (let i = 0; i < id.length; i++) {
      a = Math.imul(a ^ id.charCodeAt(i), 0x01000193);
      b = Math.imul(b ^ id.charCodeAt(i), 0x85ebca6b);
    }
    keyHi = a >>> 0;
    keyLo = b >>> 0;
  }
}

/** The four 32-bit words of a GUID (with or without its four dashes), folded: false when `id` is none. */
function guidKey(id: string): boolean {
  const dashed = id.length === 36;
  if (!dashed && id.length !== 32) return false;
  words.fill(0);
  let digits = 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (dashed && (i === 8 || i === 13 || i === 18 || i === 23)) {
      if (c !== 45) return false;
      continue;
    }
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 97 && c <= 102) v = c - 87;
    else if (c >= 65 && c <= 70) v = c - 55;
    else return false;
    const w = digits >> 3;
    words[w] = (words[w]! << 4) | v;
    digits++;
  }
  keyHi = (words[0]! ^ words[2]!) >>> 0;
  keyLo = (words[1]! ^ words[3]!) >>> 0;
  return true;
}
