import type { SimContext } from '../context';
import type { HttpResult } from '../http/result';
import { Errors } from './errors';

export type ApiVersion = 'v1.0' | 'beta';

/** Who is calling, after the bearer token was checked. */
export interface Caller {
  readonly appId: string;
  readonly roles: ReadonlySet<string>;
}

/** One Graph request, from HTTP or from inside a $batch. */
export interface ApiRequest {
  readonly method: string;
  readonly version: ApiVersion;
  /** Percent-decoded path after the version, starting with '/'. */
  readonly path: string;
  /** Query parameters in arrival order, decoded. */
  readonly params: readonly (readonly [string, string])[];
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Absolute origin the client used, for @odata.context and nextLink. */
  readonly origin: string;
  readonly requestId: string;
  readonly clientRequestId: string;
}

export interface AuthorizedRequest extends ApiRequest {
  readonly caller: Caller;
}

/** Which throttle bucket a request draws from, and how much (docs/graph-behaviour.md §9). */
export interface Charge {
  readonly bucket: 'directoryRead' | 'write' | 'identityReports' | 'reportCsv' | 'reportJson';
  readonly key?: string;
  readonly units: number;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  readonly versions?: readonly ApiVersion[];
  charge(req: ApiRequest): Charge | undefined;
  handle(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): HttpResult | Promise<HttpResult>;
}

/** Value of a query option, matched case-insensitively (`$Top` and `$top` are the same option). */
export function option(req: ApiRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  return req.params.find(([key]) => key.toLowerCase() === lower)?.[1];
}

export function header(req: ApiRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}

/** Percent-decodes each path segment (UPNs arrive with `%23EXT%23`); malformed escapes are a 400. */
export function decodePath(raw: string): string {
  try {
    return raw
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/');
  } catch {
    throw Errors.badRequest(`The request URL '${raw}' is not correctly encoded.`);
  }
}
