import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { FINDING_KINDS } from '../insights';
import type { ExportSigningKeys } from '../store';

/** The path the server serves exports at (src/server/export-route.ts). */
export const EXPORT_PATH = '/api/export/findings.csv';

/** What can be exported: a finding list, the Users tab, or the license differentiation. */
export const EXPORT_LISTS = [...FINDING_KINDS, 'users', 'differentiation'] as const;

/** What an export link asks for: a list, with the inactive threshold it was shown with, or the license type filtered on. */
export const exportRequestSchema = z.object({
  list: z.enum(EXPORT_LISTS),
  days: z.coerce.number().int().min(1).max(3650).optional(),
  sku: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

const querySchema = z.object({
  list: z.string(),
  days: z
    .string()
    .regex(/^\d{1,4}$/)
    .optional(),
  sku: z.string().max(64).optional(),
  by: z.string().max(64),
  exp: z.string().regex(/^\d{10,13}$/),
  kid: z.string().regex(/^[1-9]\d{0,8}$/),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/** How long a link works by default: long enough to click, short enough not to leak for long. */
export const LINK_TTL_MS = 15 * 60_000;

/** The signing keys, shared by every instance on the database (src/store/export-keys.ts). */
export type LinkKeys = Pick<ExportSigningKeys, 'current' | 'byId'>;

export interface ExportLinksOptions {
  now: () => Date;
  /** How long a link works. Default LINK_TTL_MS. */
  ttlMs?: number;
  keys: LinkKeys;
}

export type VerifiedExport =
  { ok: true; request: ExportRequest; requestedBy: string } | { ok: false; reason: 'invalid' | 'expired' | 'retired' };

/**
 * Signed, expiring links for the "Export CSV" button. Teams opens a link in the browser with no
 * Bot Framework token, so the link itself carries the authority: an HMAC-SHA256 over what is
 * exported, who asked (audit), until when, and with which key (`kid`); the server refuses anything
 * else. The keys live in the database, so behind a load balancer any instance serves any link.
 */
export class ExportLinks {
  constructor(private readonly options: ExportLinksOptions) {}

  async link(baseUrl: string, request: ExportRequest, requestedBy: string): Promise<string> {
    const key = await this.options.keys.current(this.options.now());
    const exp = String(this.options.now().getTime() + (this.options.ttlMs ?? LINK_TTL_MS));
    const params = new URLSearchParams({
      list: request.list,
      ...(request.days ? { days: String(request.days) } : {}),
      ...(request.sku ? { sku: request.sku } : {}),
      by: requestedBy.slice(0, 64),
      exp,
      kid: String(key.id),
    });
    params.set('sig', sign(key.secret, params));
    return `${baseUrl.replace(/\/+$/, '')}${EXPORT_PATH}?${params.toString()}`;
  }

  async verify(query: Record<string, unknown>): Promise<VerifiedExport> {
    const parsed = querySchema.safeParse(query);
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    const { sig, ...rest } = parsed.data;
    const key = await this.options.keys.byId(Number(rest.kid));
    if (!key) return { ok: false, reason: 'invalid' };
    const params = new URLSearchParams({
      list: rest.list,
      ...(rest.days ? { days: rest.days } : {}),
      ...(rest.sku ? { sku: rest.sku } : {}),
      by: rest.by,
      exp: rest.exp,
      kid: rest.kid,
    });
    const expected = Buffer.from(sign(key.secret, params));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    const now = this.options.now();
    if (key.retiredAt !== null && key.retiredAt <= now.toISOString()) return { ok: false, reason: 'retired' };
    if (Number(rest.exp) < now.getTime()) return { ok: false, reason: 'expired' };
    const request = exportRequestSchema.safeParse({
      list: rest.list,
      ...(rest.days ? { days: rest.days } : {}),
      ...(rest.sku ? { sku: rest.sku } : {}),
    });
    return request.success
      ? { ok: true, request: request.data, requestedBy: rest.by }
      : { ok: false, reason: 'invalid' };
  }
}

/** The key id is signed too: a link cannot be moved to another key by editing `kid`. */
function sign(key: Buffer, params: URLSearchParams): string {
  // v3: the license type filtered on is signed too (links of v2 expired long ago: they live 15 minutes).
  const canonical = [
    'v3',
    params.get('kid'),
    params.get('list'),
    params.get('days') ?? '',
    params.get('sku') ?? '',
    params.get('by'),
    params.get('exp'),
  ].join('|');
  return createHmac('sha256', key).update(canonical).digest('base64url');
}
