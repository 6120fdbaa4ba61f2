import type { SimContext } from '../../context';
import { dayNumber } from '../../clock';
import { skuAt } from '../../tenant/catalog-skus';
import { heldSkus, skuIndexes } from '../../tenant/licenses';
import { Flag, UserKind } from '../../tenant/tenant';
import { displayName, userPrincipalName } from '../../tenant/user-fields';
import { concealedName, type ReportScope } from '../scope';

/** Facts every report row about a user shares: names (maybe concealed), deletion, products. */
export interface UserFacts {
  readonly upn: string;
  readonly name: string;
  readonly deleted: boolean;
  readonly deletedDay: number | undefined;
  readonly products: string[];
}

/** Reports cover people and mailboxes; agent users never appear, deleted users only within the period. */
export function reportable(ctx: SimContext, scope: ReportScope, i: number): boolean {
  const t = ctx.tenant;
  if (t.kind[i] === UserKind.agent) return false;
  if (!t.has(i, Flag.deleted)) return true;
  return dayNumber(t.deletedMs[i] ?? 0) >= scope.fromDay;
}

export function userFacts(ctx: SimContext, scope: ReportScope, i: number): UserFacts {
  const t = ctx.tenant;
  const deleted = t.has(i, Flag.deleted);
  const id = t.id(i);
  const tenantId = t.identity.tenantId;
  return {
    upn: scope.concealed ? concealedName(tenantId, id, 'upn') : userPrincipalName(t, i),
    name: scope.concealed ? concealedName(tenantId, id, 'name') : displayName(t, i),
    deleted,
    deletedDay: deleted ? dayNumber(t.deletedMs[i] ?? 0) : undefined,
    products: skuIndexes(heldSkus(t, i)).map((s) => skuAt(s).displayName.toUpperCase()),
  };
}

/** Day the license was assigned, if the user holds any. */
export function licenseDay(ctx: SimContext, i: number): number | undefined {
  return heldSkus(ctx.tenant, i) !== 0 ? dayNumber(ctx.tenant.licensedMs[i] ?? 0) : undefined;
}
