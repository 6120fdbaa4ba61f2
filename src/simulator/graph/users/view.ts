import type { SimContext } from '../../context';
import { GROUPS } from '../../tenant/catalog-groups';
import { skuAt } from '../../tenant/catalog-skus';
import { assignedAt, assignmentStates, disabledPlansOf, heldSkus, skuIndexes } from '../../tenant/licenses';
import { nonInteractiveSignInId, signInId } from '../../tenant/sign-in-ids';
import { Flag, UserKind } from '../../tenant/tenant';
import * as f from '../../tenant/user-fields';
import { isoSeconds } from '../../util/dates';
import type { ApiVersion } from '../request';

/** Graph's user properties the simulator serves; everything not in the default set needs $select (docs/graph-behaviour.md §2). */
type Getter = (ctx: SimContext, i: number) => unknown;

/** Never-signed-in users may show this value instead of null (docs/graph-behaviour.md §2.3). */
const NEVER = '0001-01-01T00:00:00Z';
/** lastSuccessfulSignInDateTime is only populated from 1 December 2023, not backfilled (docs/graph-behaviour.md §2.3). */
const SUCCESS_TRACKING_STARTED = Date.UTC(2023, 11, 1);

function signInActivity(ctx: SimContext, i: number): unknown {
  const t = ctx.tenant;
  const seed = t.identity.seed;
  const interactive = t.lastInteractive[i] ?? 0;
  const nonInteractive = t.lastNonInteractive[i] ?? 0;
  const success = t.lastSuccess[i] ?? 0;
  if (interactive === 0 && nonInteractive === 0 && !t.has(i, Flag.zeroSignIn)) return null;
  const successId =
    success === 0
      ? null
      : success === interactive
        ? signInId(seed, i, success)
        : nonInteractiveSignInId(seed, i, success);
  const tracked = success >= SUCCESS_TRACKING_STARTED;
  return {
    lastSignInDateTime: interactive ? isoSeconds(interactive) : NEVER,
    lastSignInRequestId: interactive ? signInId(seed, i, interactive) : '',
    lastNonInteractiveSignInDateTime: nonInteractive ? isoSeconds(nonInteractive) : NEVER,
    lastNonInteractiveSignInRequestId: nonInteractive ? nonInteractiveSignInId(seed, i, nonInteractive) : '',
    lastSuccessfulSignInDateTime: tracked ? isoSeconds(success) : null,
    lastSuccessfulSignInRequestId: tracked ? successId : null,
  };
}

function assignedLicenses(ctx: SimContext, i: number): unknown {
  return skuIndexes(heldSkus(ctx.tenant, i)).map((s) => ({
    disabledPlans: [...disabledPlansOf(ctx.tenant, i, s)],
    skuId: skuAt(s).skuId,
  }));
}

function licenseAssignmentStates(ctx: SimContext, i: number): unknown {
  const t = ctx.tenant;
  return assignmentStates(t, i).map(({ sku, groupIndex }) => ({
    assignedByGroup: groupIndex === null ? null : (GROUPS[groupIndex]?.id ?? null),
    disabledPlans: groupIndex === null ? [...disabledPlansOf(t, i, sku)] : [],
    error: null,
    lastUpdatedDateTime: isoSeconds(groupIndex === null ? assignedAt(t, i, sku) : (t.licensedMs[i] ?? 0)),
    skuId: skuAt(sku).skuId,
    state: 'Active',
  }));
}

export const USER_PROPERTIES: Readonly<Record<string, Getter>> = {
  businessPhones: (c, i) => f.businessPhones(c.tenant, i),
  displayName: (c, i) => f.displayName(c.tenant, i),
  givenName: (c, i) => f.givenName(c.tenant, i),
  jobTitle: (c, i) => f.jobTitle(c.tenant, i),
  mail: (c, i) => f.mail(c.tenant, i),
  mobilePhone: (c, i) => f.mobilePhone(c.tenant, i),
  officeLocation: (c, i) => f.officeLocation(c.tenant, i),
  preferredLanguage: (c, i) => f.preferredLanguage(c.tenant, i),
  surname: (c, i) => f.surname(c.tenant, i),
  userPrincipalName: (c, i) => f.userPrincipalName(c.tenant, i),
  id: (c, i) => c.tenant.id(i),
  accountEnabled: (c, i) => c.tenant.has(i, Flag.enabled),
  createdDateTime: (c, i) => (c.tenant.has(i, Flag.nullCreated) ? null : isoSeconds(c.tenant.createdMs[i] ?? 0)),
  deletedDateTime: () => null,
  assignedLicenses,
  licenseAssignmentStates,
  signInActivity,
  userType: (c, i) => f.userType(c.tenant, i),
  country: (c, i) => f.country(c.tenant, i),
  city: (c, i) => (c.tenant.kind[i] === UserKind.member ? (f.countryInfo(c.tenant, i)?.city ?? null) : null),
  department: (c, i) => f.department(c.tenant, i),
  usageLocation: (c, i) => f.usageLocation(c.tenant, i),
  mailNickname: (c, i) => f.userPrincipalName(c.tenant, i).split('@')[0] ?? null,
  onPremisesSyncEnabled: (c, i) => (c.tenant.has(i, Flag.synced) ? true : null),
  onPremisesLastSyncDateTime: (c, i) =>
    c.tenant.has(i, Flag.synced) ? isoSeconds(c.tenant.identity.anchorMs - 1_800_000) : null,
};

export const USER_PROPERTY_NAMES: ReadonlySet<string> = new Set(Object.keys(USER_PROPERTIES));

export const DEFAULT_USER_PROPERTIES: readonly string[] = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

/** Beta lists agentUser objects too, tagged with their type (docs/graph-behaviour.md §2). */
export function userJson(
  ctx: SimContext,
  i: number,
  props: readonly string[],
  version: ApiVersion,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (version === 'beta' && ctx.tenant.kind[i] === UserKind.agent) out['@odata.type'] = '#microsoft.graph.agentUser';
  for (const p of props) out[p] = USER_PROPERTIES[p]?.(ctx, i) ?? null;
  return out;
}

/** Users a version lists: live ones, with agent users on beta only. */
export function visibleUser(ctx: SimContext, i: number, version: ApiVersion): boolean {
  return ctx.tenant.isLive(i) && (version === 'beta' || ctx.tenant.kind[i] !== UserKind.agent);
}
