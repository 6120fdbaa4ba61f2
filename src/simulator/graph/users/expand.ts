import type { SimContext } from '../../context';
import { Errors } from '../errors';
import { option, type ApiRequest, type ApiVersion } from '../request';
import { DEFAULT_USER_PROPERTIES, USER_PROPERTY_NAMES, userJson } from './view';

/**
 * `$expand=manager` and `$expand=manager($select=id,displayName)` on users: a roster can read every
 * approver in one pass instead of one /manager call per user. Users without a manager carry no
 * `manager` property, as in Graph. Other navigation properties are not simulated.
 */
export type ManagerExpansion = readonly string[] | undefined;

export function managerExpansion(req: ApiRequest): ManagerExpansion {
  const raw = option(req, '$expand');
  if (raw === undefined) return undefined;
  const m = /^manager(?:\(\$select=([^)]*)\))?$/i.exec(raw.trim());
  if (!m) throw Errors.unsupportedQuery(`Expanding '${raw}' is not supported; only manager can be expanded.`);
  if (m[1] === undefined) return DEFAULT_USER_PROPERTIES;
  const props = m[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = props.find((p) => !USER_PROPERTY_NAMES.has(p) || p === 'signInActivity');
  if (unknown)
    throw Errors.badRequest(`Could not find a property named '${unknown}' on type 'microsoft.graph.directoryObject'.`);
  return props;
}

export function withManager(
  ctx: SimContext,
  user: Record<string, unknown>,
  i: number,
  expansion: ManagerExpansion,
  version: ApiVersion,
): Record<string, unknown> {
  if (!expansion) return user;
  const m = ctx.tenant.manager[i] ?? -1;
  if (m < 0 || !ctx.tenant.isLive(m)) return user;
  return { ...user, manager: { '@odata.type': '#microsoft.graph.user', ...userJson(ctx, m, expansion, version) } };
}
