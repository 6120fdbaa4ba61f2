import { Errors } from './errors';
import { header, option, type ApiRequest } from './request';

/**
 * Query option rules shared by collection endpoints (docs/graph-behaviour.md §0, §2): `$skip` is refused, `$select`
 * names known properties only, `$top` stays within each endpoint's page-size rules, `$count` needs
 * `ConsistencyLevel: eventual`.
 */
export function refuseUnsupportedOptions(req: ApiRequest, supported: readonly string[]): void {
  for (const [key] of req.params) {
    const lower = key.toLowerCase();
    if (!lower.startsWith('$') || supported.includes(lower) || lower === '$skiptoken') continue;
    if (lower === '$skip') throw Errors.badRequest("'$skip' is not supported by the service.");
    throw Errors.unsupportedQuery(`The query option '${key}' is not supported on this resource.`);
  }
}

export function selectedProperties(
  req: ApiRequest,
  known: ReadonlySet<string>,
  typeName: string,
): string[] | undefined {
  const raw = option(req, '$select');
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const byLower = new Map([...known].map((k) => [k.toLowerCase(), k]));
  return [
    ...new Set(
      names.map((name) => {
        const match = byLower.get(name.toLowerCase());
        if (!match)
          throw Errors.badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.${typeName}'.`);
        return match;
      }),
    ),
  ];
}

export interface TopRule {
  readonly fallback: number;
  readonly max: number;
  /** Reject an oversized $top with 400 (users) or quietly return pages of at most `max`. */
  readonly oversized: 'reject' | 'clamp';
}

export function pageSize(req: ApiRequest, rule: TopRule): number {
  const raw = option(req, '$top');
  if (raw === undefined) return Math.min(rule.fallback, rule.max);
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || (n > rule.max && rule.oversized === 'reject')) {
    throw Errors.unsupportedQuery(
      `Invalid page size specified: '${raw}'. Must be between 1 and ${rule.max} inclusive.`,
    );
  }
  return Math.min(n, rule.max);
}

export function eventualConsistency(req: ApiRequest): boolean {
  return header(req, 'ConsistencyLevel')?.toLowerCase() === 'eventual';
}

/** `$count=true` (only with ConsistencyLevel: eventual on directory objects). */
export function countRequested(req: ApiRequest): boolean {
  const raw = option(req, '$count');
  if (raw === undefined) return false;
  if (raw !== 'true' && raw !== 'false') throw Errors.badRequest(`Invalid value '${raw}' for $count.`);
  if (raw === 'true' && !eventualConsistency(req)) {
    throw Errors.badRequest('$count is not currently supported without the ConsistencyLevel header set to eventual.');
  }
  return raw === 'true';
}
