import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a `state` stands for once its signature holds: the stored request it names. */
export interface StateParts {
  /** SHA-256 of the nonce: the key of the stored request. */
  readonly id: string;
  readonly nonce: string;
  readonly signature: string;
}

const STATE = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/**
 * The `state` parameter of an admin-consent round trip: a random nonce and an HMAC-SHA256 over it,
 * the admin who asked and the expiry. Only the nonce's hash is stored, so the database never holds a
 * usable state; the signature binds the nonce to that admin and instant, so a state cannot be made
 * up nor moved to another request. The key is random per process by default: a state dies with the
 * process that issued it, as export links do (src/bot/export-links.ts).
 */
export class ConsentStateSigner {
  private readonly key: Buffer;

  constructor(key?: Buffer) {
    this.key = key ?? randomBytes(32);
  }

  issue(adminId: string, expiresAt: string): { state: string; id: string } {
    const nonce = randomBytes(32).toString('base64url');
    return { state: `${nonce}.${this.sign(nonce, adminId, expiresAt)}`, id: idOf(nonce) };
  }

  /** Splits a well-formed state; undefined for anything else (no store lookup for garbage). */
  parse(state: string): StateParts | undefined {
    const m = STATE.exec(state);
    return m ? { id: idOf(m[1]!), nonce: m[1]!, signature: m[2]! } : undefined;
  }

  /** Whether the signature is this process's for that nonce, admin and expiry. */
  verify(parts: StateParts, adminId: string, expiresAt: string): boolean {
    const expected = Buffer.from(this.sign(parts.nonce, adminId, expiresAt));
    const given = Buffer.from(parts.signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(nonce: string, adminId: string, expiresAt: string): string {
    return createHmac('sha256', this.key).update(['consent-v1', nonce, adminId, expiresAt].join('|')).digest('base64url');
  }
}

function idOf(nonce: string): string {
  return createHash('sha256').update(nonce).digest('base64url');
}
