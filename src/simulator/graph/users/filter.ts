import type { SimContext } from '../../context';
import { heldSkus, skuIndexes } from '../../tenant/licenses';
import { skuAt } from '../../tenant/catalog-skus';
import { Flag } from '../../tenant/tenant';
import * as f from '../../tenant/user-fields';
import { Errors } from '../errors';
import {
  compileFilter,
  referencedPaths,
  type Field,
  type FilterOp,
  type FilterSchema,
  type Predicate,
} from '../filter/compile';
import { parseFilter, type Expr } from '../filter/parse';

/**
 * The `$filter` forms clients use on /users (docs/graph-behaviour.md §2): equality on identity properties,
 * accountEnabled, userType, assignedLicenses/any(…), assignedLicenses/$count (advanced query), and
 * signInActivity dates, which cannot be combined with any other property.
 */
const STRING_OPS: readonly FilterOp[] = ['eq', 'ne', 'in', 'startswith', 'endswith'];
const DATE_OPS: readonly FilterOp[] = ['eq', 'ne', 'ge', 'le', 'gt', 'lt'];

type UserRow = number;

function userFilterSchema(ctx: SimContext): FilterSchema<UserRow> {
  const t = ctx.tenant;
  const str = (get: (i: number) => string | null): Field<UserRow> => ({ type: 'string', ops: STRING_OPS, get });
  const date = (arr: Float64Array): Field<UserRow> => ({ type: 'datetime', ops: DATE_OPS, get: (i) => arr[i] || null });
  return {
    resource: 'User',
    fields: {
      id: { type: 'guid', ops: ['eq', 'ne', 'in'], get: (i) => t.id(i) },
      userPrincipalName: str((i) => f.userPrincipalName(t, i)),
      mail: str((i) => f.mail(t, i)),
      displayName: str((i) => f.displayName(t, i)),
      givenName: str((i) => f.givenName(t, i)),
      surname: str((i) => f.surname(t, i)),
      jobTitle: str((i) => f.jobTitle(t, i)),
      department: str((i) => f.department(t, i)),
      country: str((i) => f.country(t, i)),
      usageLocation: str((i) => f.usageLocation(t, i)),
      userType: { type: 'string', ops: ['eq', 'ne', 'in'], get: (i) => f.userType(t, i) },
      accountEnabled: { type: 'bool', ops: ['eq', 'ne'], get: (i) => t.has(i, Flag.enabled) },
      onPremisesSyncEnabled: { type: 'bool', ops: ['eq', 'ne'], get: (i) => (t.has(i, Flag.synced) ? true : null) },
      createdDateTime: {
        type: 'datetime',
        ops: DATE_OPS,
        get: (i) => (t.has(i, Flag.nullCreated) ? null : (t.createdMs[i] ?? null)),
      },
      'signInActivity/lastSignInDateTime': date(t.lastInteractive),
      'signInActivity/lastNonInteractiveSignInDateTime': date(t.lastNonInteractive),
      'signInActivity/lastSuccessfulSignInDateTime': date(t.lastSuccess),
    },
    collections: {
      assignedLicenses: {
        element: {
          resource: 'AssignedLicense',
          fields: { skuId: { type: 'guid', ops: ['eq', 'ne'], get: (l) => (l as { skuId: string }).skuId } },
        },
        elements: (i) => skuIndexes(heldSkus(t, i)).map((s) => ({ skuId: skuAt(s).skuId })),
      },
    },
  };
}

export interface UserFilter {
  readonly predicate: Predicate<UserRow>;
  readonly usesSignInActivity: boolean;
}

function usesAdvancedQuery(expr: Expr): boolean {
  switch (expr.k) {
    case 'and':
    case 'or':
      return usesAdvancedQuery(expr.l) || usesAdvancedQuery(expr.r);
    case 'not':
      return true;
    case 'call':
      return expr.fn === 'endswith';
    default:
      return expr.path.endsWith('/$count');
  }
}

/** `advanced`: the request carries ConsistencyLevel: eventual and $count=true. */
export function userFilter(ctx: SimContext, text: string, advanced: boolean): UserFilter {
  const expr = parseFilter(text);
  const paths = referencedPaths(expr);
  const signIn = paths.filter((p) => p.startsWith('signInActivity'));
  if (signIn.length > 0 && signIn.length !== paths.length) {
    throw Errors.badRequest('signInActivity cannot be combined with filters on other properties.');
  }
  if (usesAdvancedQuery(expr) && !advanced) throw Errors.unsupportedQuery('Unsupported Query.');
  return { predicate: compileFilter(expr, userFilterSchema(ctx)), usesSignInActivity: signIn.length > 0 };
}
