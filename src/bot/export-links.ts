import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The path the server serves exports at (src/server/export-route.ts). */
export const EXPORT_PATH = '/api/export/findings.csv';

/** What an export link asks for: a finding list, with the inactive threshold it was shown with. */
export const exportRequestSchema = z.object({
  list: z.enum(['inactive', 'never', 'blocked']),
  days: z.coerce.number().int().min(1).max(3650).optional(),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

const querySchema = z.object({
  list: z.string(),
  days: z.string().regex(/^\d{1,4}$/).optional(),
  by: z.string().max(64),
  exp: z.string().regex(/^\d{10,13}$/),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export interface ExportLinksOptions {
  now: () => Date;
  /** How long a link works. Default 15 minutes: long enough to click, short enough not to leak for long. */
  ttlMs?: number;
  /** HMAC key. Default: random per process, so every link dies with the process that made it. */
  key?: Buffer;
}

export type VerifiedExport = { ok: true; request: ExportRequest; requestedBy: string } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Signed, expiring links for the "Export CSV" button. Teams opens a link in the browser with no
 * Bot Framework token, so the link itself carries the authority: an HMAC-SHA256 over what is
 * exported, who asked (audit) and until when; the server refuses anything else.
 */
export class ExportLinks {
  private readonly key: Buffer;

  constructor(private readonly options: ExportLinksOptions) {
    this.key = options.key ?? randomBytes(32);
  }

  link(baseUrl: string, request: ExportRequest, requestedBy: string): string {
    const exp = String(this.options.now().getTime() + (this.options.ttlMs ?? 15 * 60_000));
    const params = new URLSearchParams({ list: request.list, ...(request.days ? { days: String(request.days) } : {}), by: requestedBy.slice(0, 64), exp });
    params.set('sig', this.sign(params));
    return `${baseUrl.replace(/\/+$/, '')}${EXPORT_PATH}?${params.toString()}`;
  }

  verify(query: Record<string, unknown>): VerifiedExport {
    const parsed = querySchema.safeParse(query);
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    const { sig, ...rest } = parsed.data;
    const params = new URLSearchParams({ list: rest.list, ...(rest.days ? { days: rest.days } : {}), by: rest.by, exp: rest.exp });
    const expected = Buffer.from(this.sign(params));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    if (Number(rest.exp) < this.options.now().getTime()) return { ok: false, reason: 'expired' };
    const request = exportRequestSchema.safeParse({ list: rest.list, ...(rest.days ? { days: rest.days } : {}) });
    return request.success ? { ok: true, request: request.data, requestedBy: rest.by } : { ok: false, reason: 'invalid' };
  }

  private sign(params: URLSearchParams): string {
    const canonical = ['v1', params.get('list'), params.get('days') ?? '', params.get('by'), params.get('exp')].join('|');
    return createHmac('sha256', this.key).update(canonical).digest('base64url');
  }
}
