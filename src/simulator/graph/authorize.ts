import type { SimContext } from '../context';
import type { Role } from '../auth/roles';
import { READ_AUDIT } from '../auth/roles';
import { Errors, GraphError } from './errors';
import type { AuthorizedRequest } from './request';

/** Passes when the caller holds any one of `roles`; otherwise the documented 403. */
export function requireAny(
  req: AuthorizedRequest,
  roles: readonly Role[],
  failure: () => GraphError = Errors.denied,
): void {
  if (!roles.some((role) => req.caller.roles.has(role))) throw failure();
}

/**
 * Sign-in data needs the audit permission and an Entra ID P1/P2 tenant (docs/graph-behaviour.md §0.1, §2.3, §5, §6):
 * the permission is checked first, then the tenant's license.
 */
export function requireAuditData(ctx: SimContext, req: AuthorizedRequest, roles: readonly Role[] = READ_AUDIT): void {
  requireAny(req, roles, () => Errors.permissionMissing('AuditLog.Read.All'));
  if (!ctx.settings.premium) throw Errors.nonPremium();
}
