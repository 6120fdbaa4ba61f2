import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { GraphStats } from './stats';

export interface RetryOptions {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Give up once waiting would pass this many ms since the first attempt. */
  budgetMs: number;
  /** Base of the exponential backoff when the service gives no Retry-After. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 8,
  budgetMs: 10 * 60_000,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
};

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * 429 is throttling; 503 and 504 are transient and may carry Retry-After (docs/graph-endpoints.md, "Errors"), and
 * 502 is a gateway's. A 500 is not: repeating the same request would likely meet the same fault.
 * The same set serves requests inside a $batch (batch.ts).
 */
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Delay before the next attempt: Retry-After when given (seconds, possibly fractional, or an
 * HTTP date), else exponential backoff with full jitter.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | null,
  options: RetryOptions,
  now = Date.now(),
): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round((options.random ?? Math.random)() * ceiling);
}

/**
 * Retries throttled and transient responses, and connections that drop before the body is read.
 * The body is read here so that a page cut off mid-way is retried like any other failure. Every
 * retry and every millisecond waited is counted in `stats`.
 */
export class RetryMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly stats: GraphStats,
    private readonly options: RetryOptions = DEFAULT_RETRY,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const sleep = this.options.sleep ?? defaultSleep;
    const now = this.options.now ?? Date.now;
    const started = now();
    // A write is repeated only after 429, which means Graph did not process it. A 5xx or a
    // dropped connection may come after the change was made: never repeat a write blindly.
    const idempotent = (context.options?.method ?? 'GET').toUpperCase() === 'GET';
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      let retryAfter: string | null = null;
      this.stats.requests++;
      // The authentication handler appends its header: clear it so a retry carries exactly one.
      dropAuthorization(context);
      try {
        await this.next!.execute(context);
        const response = context.response!;
        if (!RETRYABLE_STATUS.has(response.status) || (!idempotent && response.status !== 429)) {
          context.response = await buffered(response);
          return;
        }
        if (response.status === 429) this.stats.throttled++;
        retryAfter = response.headers.get('retry-after');
      } catch (error) {
        if (!idempotent) throw error;
        failure = error;
      }
      const delay = retryDelayMs(attempt, retryAfter, this.options, now());
      if (attempt >= this.options.maxAttempts || now() - started + delay > this.options.budgetMs) {
        if (failure !== undefined) throw failure;
        // Out of attempts: the caller turns the last throttled/transient response into a GraphError.
        context.response = await buffered(context.response!);
        return;
      }
      if (failure === undefined) await context.response?.body?.cancel();
      this.stats.retries++;
      this.stats.waitedMs += delay;
      await sleep(delay);
    }
  }
}

function dropAuthorization(context: Context): void {
  const headers = context.options?.headers;
  if (!headers) return;
  if (headers instanceof Headers) headers.delete('Authorization');
  else if (Array.isArray(headers))
    context.options!.headers = headers.filter(([name]) => name.toLowerCase() !== 'authorization');
  else
    for (const name of Object.keys(headers))
      if (name.toLowerCase() === 'authorization') delete (headers as Record<string, string>)[name];
}

async function buffered(response: Response): Promise<Response> {
  // A redirect (report download) carries no body we need.
  if (response.status >= 300 && response.status < 400) return response;
  const body = await response.arrayBuffer();
  return new Response(body.byteLength ? body : null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
