import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ExportSigningKeys } from '../store';

/** What a `state` stands for once its signature holds: the stored request it names. */
export interface StateParts {
  /** SHA-256 of the nonce: the key of the stored request. */
  readonly id: string;
  readonly keyId: number;
  readonly nonce: string;
  readonly signature: string;
}

/** The signing keys every instance on the database shares (src/store/export-keys.ts). */
export type StateKeys = Pick<ExportSigningKeys, 'current' | 'byId'>;

const STATE = /^([1-9]\d{0,8})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/**
 * The `state` parameter of an admin-consent round trip: the id of the signing key, a random nonce
 * and an HMAC-SHA256 over them, the admin who asked and the expiry. Only the nonce's hash is stored,
 * so the database never holds a usable state; the signature binds the nonce to that admin and
 * instant, so a state cannot be made up nor moved to another request. The keys are the ones that
 * sign export links, kept in the database: behind a load balancer, Microsoft's redirect may reach
 * any instance. A key retired by `npm run export-keys -- rotate` refuses the states it signed.
 */
export class ConsentStateSigner {
  constructor(private readonly keys: StateKeys) {}

  async issue(adminId: string, expiresAt: string, now: Date): Promise<{ state: string; id: string }> {
    const key = await this.keys.current(now);
    const nonce = randomBytes(32).toString('base64url');
    return { state: `${key.id}.${nonce}.${sign(key.secret, key.id, nonce, adminId, expiresAt)}`, id: idOf(nonce) };
  }

  /** Splits a well-formed state; undefined for anything else (no store lookup for garbage). */
  parse(state: string): StateParts | undefined {
    const m = STATE.exec(state);
    return m ? { id: idOf(m[2]!), keyId: Number(m[1]), nonce: m[2]!, signature: m[3]! } : undefined;
  }

  /** Whether the signature is that key's for that nonce, admin and expiry, and the key is not retired. */
  async verify(parts: StateParts, adminId: string, expiresAt: string, now: Date): Promise<boolean> {
    const key = await this.keys.byId(parts.keyId);
    if (!key || (key.retiredAt !== null && key.retiredAt <= now.toISOString())) return false;
    const expected = Buffer.from(sign(key.secret, key.id, parts.nonce, adminId, expiresAt));
    const given = Buffer.from(parts.signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function sign(secret: Buffer, keyId: number, nonce: string, adminId: string, expiresAt: string): string {
  return createHmac('sha256', secret)
    .update(['consent-v2', String(keyId), nonce, adminId, expiresAt].join('|'))
    .digest('base64url');
}

function idOf(nonce: string): string {
  return createHash('sha256').update(nonce).digest('base64url');
}
