import { holdsSkuSql } from '../../store';
import { lacksData, mfaSsoApplies } from '../classify';
import type { RuleParams } from '../rule-params';
import { USER_STATE, type ExclusionCode, type FindingKind, type UserState } from '../types';

/**
 * The finding rules as portable SQL over `users "u"` (SQLite and PostgreSQL: quoted identifiers,
 * named parameters, COALESCE instead of NULL logic, no GREATEST/MAX(a,b)). The definition is the
 * pure `classify` in src/insights/classify.ts; test/insights/sql-agreement.test.ts runs both over
 * the same users and compares them. Every expression is NULL-free, so NOT and OR behave.
 */

export interface RuleSql {
  /** Parameters every expression below may use (prefixed `r_` to stay clear of callers' names). */
  params: Record<string, unknown>;
  /** The user holds the kind (before exclusions). */
  kind(kind: FindingKind): string;
  /** Each exclusion that applies to the kind, as a boolean expression. */
  exclusions(kind: FindingKind): Record<ExclusionCode, string>;
  /** Any exclusion applies. */
  excluded(kind: FindingKind): string;
  /** The state in the order of the pure definition, each license test evaluated at most once per user. */
  state: string;
  /** Any evidence of use ever (successful or non-interactive sign-in, app activity). */
  anyEvidence: string;
  /** Evidence of use newer than the threshold. */
  recent: string;
  /** Newest evidence of use as sortable text ('' for never). */
  latestEvidence: string;
  /** Live users holding a managed license. */
  licensed: string;
  /** Enabled, licensed users with recent evidence of use (no finding). */
  active: string;
  /** Exclusions by who the user is (named, group, guest, resource mailbox, service account). */
  identityExcluded: string;
}

const FALSE = '1 = 0';
const TRUE = '1 = 1';
const u = (column: string) => `"u"."${column}"`;
/** A state as an SQL string literal (the states are fixed words, never user text). */
const literal = (s: UserState) => `'${s}'`;
/**
 * Holds one of the SKUs: read from `users.heldSkuIds` on the row at hand, instead of a probe of
 * `user_licenses` per user.
 */
const holdsAny = (prefix: string, skuIds: readonly string[], params: Record<string, unknown>): string =>
  `(${skuIds.map((skuId, i) => holdsSkuSql(skuId, `${prefix}${i}`, params)).join(' OR ')})`;

export function ruleSql(p: RuleParams): RuleSql {
  const params: Record<string, unknown> = {
    r_yes: true,
    r_no: false,
    r_real: '0002',
    r_recent: p.recentSince,
    r_recentDay: p.recentSinceDay,
    r_grace: p.graceSince,
  };
  const list = (name: string, values: readonly string[], sql: (param: string) => string): string => {
    if (values.length === 0) return FALSE;
    params[name] = [...values];
    return sql(name);
  };
  const managed = p.managedSkuIds.length ? holdsAny('r_managed', p.managedSkuIds, params) : FALSE;
  const paid = p.paidSkuIds.length ? holdsAny('r_paid', p.paidSkuIds, params) : FALSE;
  const ls = `COALESCE(${u('lastSuccessfulSignInDateTime')}, '')`;
  const lni = `COALESCE(${u('lastNonInteractiveSignInDateTime')}, '')`;
  const lad = `COALESCE(${u('lastActivityDate')}, '')`;
  const anyEvidence = `(${ls} > :r_real OR ${lni} > :r_real OR ${lad} > :r_real)`;
  const recent = `(${ls} > :r_recent OR ${lni} > :r_recent OR ${lad} >= :r_recentDay)`;
  // Not `IS NULL`: nearly every row is NULL, and SQLite (without ANALYZE) would read them all through
  // IDX_users_deactivated, then each row again from the table. A COALESCE cannot use that index.
  const live = `COALESCE(${u('deactivatedDate')}, '') = ''`;
  const enabled = `${u('accountEnabled')} = :r_yes`;

  const kinds: Record<FindingKind, string> = {
    blocked: `(${live} AND ${u('accountEnabled')} = :r_no AND ${paid})`,
    never: `(${live} AND ${enabled} AND NOT ${anyEvidence} AND ${managed})`,
    inactive: `(${live} AND ${enabled} AND ${anyEvidence} AND NOT ${recent} AND ${managed})`,
  };

  const services = p.serviceAccountLikes.map((like, i) => {
    params[`r_sa${i}`] = like;
    return `LOWER(${u('userPrincipalName')}) LIKE :r_sa${i} ESCAPE '\\'`;
  });
  const common = {
    'named-user': list(
      'r_users',
      p.excludedUserKeys,
      (n) => `(LOWER(${u('id')}) IN (:...${n}) OR LOWER(${u('userPrincipalName')}) IN (:...${n}))`,
    ),
    group: list(
      'r_groups',
      p.excludedGroupIds,
      (n) =>
        `(EXISTS (SELECT 1 FROM "group_members" "gm" WHERE "gm"."userId" = "u"."id" AND LOWER("gm"."groupId") IN (:...${n}))` +
        ` OR EXISTS (SELECT 1 FROM "user_licenses" "ug" WHERE "ug"."userId" = "u"."id" AND LOWER("ug"."assignedByGroup") IN (:...${n})))`,
    ),
    guest: p.excludeGuests ? `LOWER(${u('userType')}) = 'guest'` : FALSE,
    'new-account': `COALESCE(${u('createdDateTime')}, '') > :r_grace`,
    'resource-mailbox': list(
      'r_mailboxes',
      p.resourceMailboxTypes,
      (n) => `LOWER(COALESCE(${u('mailboxType')}, '')) IN (:...${n})`,
    ),
    'service-account': services.length ? `(${services.join(' OR ')})` : FALSE,
  };
  const mfa = p.mfaRule ? `COALESCE(${u('mfaRegistered')}, :r_no) = :r_yes` : FALSE;
  const sso = p.ssoRule ? `COALESCE(${u('onPremisesSyncEnabled')}, :r_no) = :r_yes` : FALSE;
  const exclusions = (kind: FindingKind): Record<ExclusionCode, string> => ({
    ...common,
    mfa: mfaSsoApplies(kind) ? mfa : FALSE,
    sso: mfaSsoApplies(kind) ? sso : FALSE,
    'insufficient-data': lacksData(kind, p.data) ? TRUE : FALSE,
  });
  return {
    params,
    state:
      `(CASE WHEN ${live} THEN (CASE WHEN ${u('accountEnabled')} = :r_no THEN (CASE WHEN ${paid} THEN ${literal(USER_STATE.blocked)} ELSE ${literal(USER_STATE.blockedUnlicensed)} END)` +
      ` WHEN NOT ${managed} THEN ${literal(USER_STATE.unlicensed)} WHEN NOT ${anyEvidence} THEN ${literal(USER_STATE.never)} WHEN ${recent} THEN ${literal(USER_STATE.active)}` +
      ` ELSE ${literal(USER_STATE.inactive)} END) ELSE ${literal(USER_STATE.deactivated)} END)`,
    kind: (kind) => kinds[kind],
    exclusions,
    excluded: (kind) => {
      const parts = Object.values(exclusions(kind)).filter((e) => e !== FALSE);
      return parts.length ? `(${parts.join(' OR ')})` : FALSE;
    },
    anyEvidence,
    recent,
    latestEvidence: `(CASE WHEN ${ls} >= ${lni} AND ${ls} >= ${lad} THEN ${ls} WHEN ${lni} >= ${lad} THEN ${lni} ELSE ${lad} END)`,
    licensed: `(${live} AND ${managed})`,
    active: `(${live} AND ${enabled} AND ${recent} AND ${managed})`,
    identityExcluded: `(${[common['named-user'], common.group, common.guest, common['resource-mailbox'], common['service-account']].join(' OR ')})`,
  };
}
