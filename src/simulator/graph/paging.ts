import { hash32 } from '../util/random';
import { Errors } from './errors';
import { option, type ApiRequest } from './request';

/**
 * Opaque `$skiptoken` paging (docs/graph-behaviour.md §0): the token carries a cursor and a fingerprint of the query
 * it belongs to, so a token replayed against another query is refused like an expired one. Clients
 * must follow @odata.nextLink verbatim; nothing here is meant to be parsed by them.
 */
const SKIP_KEYS = new Set(['$skiptoken']);

function fingerprint(req: ApiRequest): string {
  const text = [
    req.version,
    req.path.toLowerCase(),
    ...req.params.filter(([k]) => !SKIP_KEYS.has(k.toLowerCase())).map(([k, v]) => `${k.toLowerCase()}=${v}`),
  ].join('&');
  let h = 0;
  for (let k = 0; k < text.length; k++) h = hash32(h, text.charCodeAt(k), k);
  return h.toString(36);
}

/** The cursor of the page asked for: 0 for the first page. */
export function pageCursor(req: ApiRequest): number {
  const token = option(req, '$skiptoken');
  if (token === undefined) return 0;
  const [cursor, fp] = Buffer.from(token, 'base64url')
    .toString('utf8')
    .replace(/^RFNwdA/, '')
    .split('~');
  const n = Number(cursor);
  if (!Number.isInteger(n) || n < 0 || fp !== fingerprint(req)) throw Errors.expiredPageToken();
  return n;
}

const encodeValue = (v: string) =>
  encodeURIComponent(v)
    .replace(/%24/g, '$')
    .replace(/%2C/g, ',')
    .replace(/%2F/g, '/')
    .replace(/%3A/g, ':')
    .replace(/%27/g, "'")
    .replace(/%28/g, '(')
    .replace(/%29/g, ')');

/** Absolute URL of the next page, keeping the caller's query options (docs/graph-behaviour.md §0: call it verbatim). */
export function nextLink(req: ApiRequest, cursor: number): string {
  const token = Buffer.from(`RFNwdA${cursor}~${fingerprint(req)}`).toString('base64url');
  const query = req.params
    .filter(([k]) => !SKIP_KEYS.has(k.toLowerCase()))
    .map(([k, v]) => `${k}=${encodeValue(v)}`)
    .concat(`$skiptoken=${token}`)
    .join('&');
  const path = req.path
    .split('/')
    .map((s) =>
      encodeURIComponent(s)
        .replace(/%24/g, '$')
        .replace(/%27/g, "'")
        .replace(/%28/g, '(')
        .replace(/%29/g, ')')
        .replace(/%3D/g, '=')
        .replace(/%40/g, '@'),
    )
    .join('/');
  return `${req.origin}/${req.version}${path}?${query}`;
}

export interface Page<T> {
  readonly items: T[];
  /** Cursor to continue from, when more rows remain to be scanned. */
  readonly next: number | undefined;
}

/** Scans row indexes from `start` up to `end`, keeping accepted rows until the page is full. */
export function scanPage<T>(
  start: number,
  end: number,
  top: number,
  accept: (i: number) => boolean,
  map: (i: number) => T,
): Page<T> {
  const items: T[] = [];
  let i = start;
  for (; i < end && items.length < top; i++) if (accept(i)) items.push(map(i));
  return { items, next: i < end ? i : undefined };
}

export function collectionBody(
  context: string,
  page: Page<unknown>,
  req: ApiRequest,
  count?: number,
): Record<string, unknown> {
  return {
    '@odata.context': context,
    ...(count !== undefined ? { '@odata.count': count } : {}),
    ...(page.next !== undefined ? { '@odata.nextLink': nextLink(req, page.next) } : {}),
    value: page.items,
  };
}

export function contextUrl(req: ApiRequest, fragment: string): string {
  return `${req.origin}/${req.version}/$metadata#${fragment}`;
}
