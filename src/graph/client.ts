import { Client, type Context, type Middleware, ResponseType } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { AuthenticationHandler } from '@microsoft/microsoft-graph-client';
import type { GraphConfig } from '../config';
import { GraphAuth } from './auth';
import { graphErrorFrom, unexpectedAnswer } from './errors';
import { DEFAULT_RETRY, RetryMiddleware, type RetryOptions } from './retry';
import { GraphStats } from './stats';
import { createTransport, type FetchFn } from './transport';

export interface GraphClientOptions {
  config: GraphConfig;
  retry?: RetryOptions;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Least-privileged permission of the endpoint, named in a 403's message. */
  permission?: string;
  /** The endpoint as docs/graph-endpoints.md names it (`GET /v1.0/users`), in the message of an answer of unexpected shape. */
  endpoint?: string;
}

/** A collection page as Graph returns it. */
export interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
  /** The last page of a delta round: where the next round starts. */
  '@odata.deltaLink'?: string;
  '@odata.count'?: number;
}

/**
 * The one seam to Microsoft Graph: authentication, retries and throttling, paging, and error
 * normalisation. Built on @microsoft/microsoft-graph-client with our own middleware chain:
 * retry → authentication → fetch (undici, with the configured CA only).
 */
export class GraphClient {
  readonly stats = new GraphStats();
  /** Attempts, backoff and budget of every request, also of those inside a $batch (batch.ts). */
  readonly retryOptions: RetryOptions;
  readonly auth: GraphAuth;
  readonly baseUrl: string;
  /** The tenant as configured (id or domain): what the sync's cursors, such as the users' deltaLink, are kept for. */
  readonly tenantId: string;
  private readonly client: Client;
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(options: GraphClientOptions) {
    const { config } = options;
    this.baseUrl = config.baseUrl;
    this.tenantId = config.tenantId;
    this.auth = new GraphAuth(config);
    this.transport = createTransport(config.ca);
    this.retryOptions = options.retry ?? DEFAULT_RETRY;
    const retry = new RetryMiddleware(this.stats, this.retryOptions);
    const authentication = new AuthenticationHandler(
      new TokenCredentialAuthenticationProvider(this.auth.credential, { scopes: [this.auth.scope] }),
    );
    const fetcher = new FetchMiddleware(this.transport.fetch);
    retry.setNext(authentication);
    authentication.setNext(fetcher);
    this.client = Client.initWithMiddleware({
      middleware: retry,
      baseUrl: config.baseUrl,
      // The client attaches the bearer only to hosts it trusts; a configured base URL is trusted.
      customHosts: new Set([new URL(config.baseUrl).hostname]),
    });
  }

  /**
   * GET a path (`/v1.0/...`) or an absolute nextLink, verbatim. The transport under the endpoint
   * functions (src/graph/endpoints): callers elsewhere use those.
   */
  async get(path: string, options: RequestOptions = {}): Promise<unknown> {
    return (await this.send('GET', path, undefined, options)).body;
  }

  async post(path: string, body: unknown, options: RequestOptions = {}): Promise<unknown> {
    return (await this.send('POST', path, body, options)).body;
  }

  /** POST that also returns Graph's request id, recorded for writes such as assignLicense. */
  async postRecorded(
    path: string,
    body: unknown,
    options: RequestOptions = {},
  ): Promise<{ body: unknown; requestId?: string }> {
    return this.send('POST', path, body, options);
  }

  /**
   * Every page of a collection, following `@odata.nextLink` verbatim and re-sending the headers
   * (e.g. ConsistencyLevel) on every page, as Graph does not carry them over (docs/graph-endpoints.md, "Paging").
   */
  async *pages(path: string, options: RequestOptions = {}): AsyncGenerator<Page<unknown>> {
    const fetchPage = async (url: string) => {
      const page = (await this.get(url, options)) as Page<unknown> | null;
      if (!page || !Array.isArray(page.value)) {
        throw unexpectedAnswer(options.endpoint ?? `GET ${pathOnly(url)}`, 'no "value" array of a collection');
      }
      return page;
    };
    // The next page is requested while the caller works on this one (one page ahead, no more), so
    // Graph's latency and the database writes overlap.
    let current: Promise<Page<unknown>> | undefined = fetchPage(path);
    while (current) {
      const page: Page<unknown> = await current;
      const next: string | undefined = page['@odata.nextLink'];
      current = next ? fetchPage(next) : undefined;
      // A prefetch that fails while the caller stops early must not become an unhandled rejection.
      current?.catch(() => undefined);
      yield page;
    }
  }

  /** A raw response (status, headers, body) for calls such as reports that answer 302. */
  async raw(path: string, options: RequestOptions = {}): Promise<Response> {
    const request = this.request(path, options).responseType(ResponseType.RAW);
    return (await request.get()) as Response;
  }

  /** Fetch outside Graph's authentication, e.g. a pre-authenticated report download URL. */
  get anonymousFetch(): FetchFn {
    return this.transport.fetch;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private request(path: string, options: RequestOptions) {
    // Absolute URLs keep the version segment as written (/v1.0 or /beta) and nextLinks verbatim.
    let request = this.client.api(/^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`);
    if (options.headers) request = request.headers(options.headers);
    return request;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: RequestOptions,
  ): Promise<{ body: unknown; requestId?: string }> {
    const request = this.request(path, options).responseType(ResponseType.RAW);
    const response = (await (method === 'GET' ? request.get() : request.post(body))) as Response;
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : null;
    const requestId = response.headers.get('request-id') ?? undefined;
    if (!response.ok) throw graphErrorFrom(response.status, json, requestId, options.permission);
    return { body: json, ...(requestId ? { requestId } : {}) };
  }
}

/** The end of the chain: one HTTP request, redirects not followed (report downloads are handled by the caller). */
class FetchMiddleware implements Middleware {
  constructor(private readonly fetchFn: FetchFn) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    context.response = await this.fetchFn(url, { ...(context.options as RequestInit), redirect: 'manual' });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: { code: 'InvalidJson', message: text.slice(0, 200) } };
  }
}

function pathOnly(url: string): string {
  return url.split('?')[0] ?? url;
}
