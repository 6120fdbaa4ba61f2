/**
 * What a failed send means for the outbox. The Bot Framework connector client already retries a
 * 5xx, and a 429 that carries Retry-After, a few times on its own; what reaches here is what it
 * gave up on.
 * - 403 (the bot was removed, or the user blocked it) and 404 (conversation gone): `gone`, the
 *   conversation is marked and never tried again; the others carry on.
 * - 429 (throttled), 412 (Teams: conversation busy / precondition), 5xx, and network errors: `retry`
 *   with exponential backoff, honouring Retry-After.
 * - Anything else (400, 401…): `failed`, since repeating the same request cannot help.
 */
export type DeliveryVerdict =
  | { kind: 'gone'; status: number; message: string }
  | { kind: 'retry'; status: number | null; retryAfterMs: number | null; message: string }
  | { kind: 'failed'; status: number; message: string };

interface HttpishError {
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { headers?: { get?: (name: string) => string | undefined | null } };
}

export function statusOf(error: unknown): number | null {
  const e = error as HttpishError | null;
  const status = e?.statusCode ?? e?.status;
  return typeof status === 'number' && status >= 100 ? status : null;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(error: unknown, now: Date): number | null {
  const value = (error as HttpishError | null)?.response?.headers?.get?.('retry-after');
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export function classifyDeliveryError(error: unknown, now: Date): DeliveryVerdict {
  const status = statusOf(error);
  const raw = (error as HttpishError | null)?.message;
  const message = `${status ? `HTTP ${status}: ` : ''}${typeof raw === 'string' ? raw.slice(0, 300) : String(error)}`;
  if (status === 403 || status === 404) return { kind: 'gone', status, message };
  if (status === null || status === 429 || status === 412 || status >= 500) {
    return { kind: 'retry', status, retryAfterMs: retryAfterMs(error, now), message };
  }
  return { kind: 'failed', status, message };
}

export interface BackoffOptions {
  /** First wait. Default 1 s (Microsoft's guidance for bot rate limits: start around a second). */
  baseMs: number;
  /** Longest wait. Default 10 min. */
  maxMs: number;
  /** Attempts in all, the first included, before a delivery is failed. Default 8. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 10 * 60_000, maxAttempts: 8 };

/** Exponential with up to 25% jitter, so many conversations throttled together do not retry in step. */
export function backoffMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 + 0.25 * random()));
}
