import type { DataSource } from 'typeorm';
import type { AppActivity, TenantUser } from '../../store';

/** The columns of a user the finding rules read, plus licenses and group memberships. */
export type UserRow = Pick<
  TenantUser,
  | 'id' | 'userPrincipalName' | 'displayName' | 'userType' | 'accountEnabled' | 'createdDateTime' | 'deactivatedDate'
  | 'mfaRegistered' | 'onPremisesSyncEnabled' | 'mailboxType' | 'lastSuccessfulSignInDateTime'
  | 'lastNonInteractiveSignInDateTime' | 'lastSignInDateTime' | 'lastActivityDate' | 'lastUsedApp'
>;

export interface UserFacts extends UserRow {
  /** Every assignment row (a SKU may appear direct and once per group). */
  licenses: { skuId: string; assignedByGroup: string }[];
  /** Groups the product tracks membership of (exclusion groups). */
  groupIds: string[];
}

export interface UserDetail {
  facts: UserFacts;
  apps: Pick<AppActivity, 'app' | 'lastActivityDate' | 'source' | 'asOf'>[];
}

export const USER_ROW_COLUMNS: readonly (keyof UserRow)[] = [
  'id', 'userPrincipalName', 'displayName', 'userType', 'accountEnabled', 'createdDateTime', 'deactivatedDate', 'mfaRegistered',
  'onPremisesSyncEnabled', 'mailboxType', 'lastSuccessfulSignInDateTime', 'lastNonInteractiveSignInDateTime', 'lastSignInDateTime',
  'lastActivityDate', 'lastUsedApp',
];

/** Loads facts and per-app activity for the given users (at most ~1,000 per call), in the order given. */
export async function loadUserDetails(store: DataSource, ids: readonly string[], options: { apps?: boolean } = {}): Promise<UserDetail[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const details = await load(store, (alias, column) => `"${alias}"."${column}" IN (:...ids)`, { ids: list }, options.apps ?? true, true);
  const byId = new Map(details.map((d) => [d.facts.id, d]));
  return list.map((id) => byId.get(id)).filter((d): d is UserDetail => d !== undefined);
}

/**
 * The next `limit` live users after `afterId` in id order, with their details: keyset paging for
 * full exports, the related tables read as one index range each instead of a list of ids.
 */
export async function loadUserDetailsAfter(store: DataSource, afterId: string, limit: number, options: { apps?: boolean } = {}): Promise<{ details: UserDetail[]; lastId: string | null }> {
  const users = await raw(store, `SELECT ${columns('u', USER_ROW_COLUMNS)} FROM "users" "u" WHERE "u"."id" > :after ORDER BY "u"."id" LIMIT ${Math.trunc(limit)}`, { after: afterId });
  if (users.length === 0) return { details: [], lastId: null };
  // Deactivated users are dropped in memory, not in SQL, so the last id read still bounds the next page.
  const range = { after: afterId, last: users[users.length - 1]!.id };
  const details = await related(store, users, (alias) => `"${alias}"."userId" > :after AND "${alias}"."userId" <= :last`, range, options.apps ?? true);
  return { details, lastId: range.last as string };
}

const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === true || v === 1 || v === '1' || v === 't');
const columns = (alias: string, names: readonly string[]) => names.map((c) => `"${alias}"."${c}" AS "${c}"`).join(', ');

/** Runs SQL with named parameters through the driver's own escaping (portable, no entity hydration). */
async function raw(store: DataSource, sql: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const [text, values] = store.driver.escapeQueryWithParameters(sql, params, {});
  return (await store.query(text, values)) as Record<string, unknown>[];
}

async function load(store: DataSource, where: (alias: string, column: string) => string, params: Record<string, unknown>, withApps: boolean, withGone: boolean): Promise<UserDetail[]> {
  const users = await raw(store, `SELECT ${columns('u', USER_ROW_COLUMNS)} FROM "users" "u" WHERE ${where('u', 'id')}`, params);
  return related(store, users, (alias) => where(alias, 'userId'), params, withApps, withGone);
}

/** Licenses, memberships and per-app activity of the given user rows, joined in memory (~40 µs a user saved on exports). */
async function related(store: DataSource, users: Record<string, unknown>[], where: (alias: string) => string, params: Record<string, unknown>, withApps: boolean, withGone = false): Promise<UserDetail[]> {
  const [licenses, groups, apps] = await Promise.all([
    raw(store, `SELECT ${columns('l', ['userId', 'skuId', 'assignedByGroup'])} FROM "user_licenses" "l" WHERE ${where('l')}`, params),
    raw(store, `SELECT ${columns('g', ['userId', 'groupId'])} FROM "group_members" "g" WHERE ${where('g')}`, params),
    withApps ? raw(store, `SELECT ${columns('a', ['userId', 'app', 'lastActivityDate', 'source', 'asOf'])} FROM "app_activity" "a" WHERE ${where('a')}`, params) : Promise.resolve([]),
  ]);
  const byId = new Map<string, UserDetail>();
  const out: UserDetail[] = [];
  for (const r of users) {
    if (!withGone && r.deactivatedDate !== null && r.deactivatedDate !== undefined) continue;
    const facts = { ...(r as unknown as UserRow), accountEnabled: bool(r.accountEnabled) === true, mfaRegistered: bool(r.mfaRegistered), onPremisesSyncEnabled: bool(r.onPremisesSyncEnabled), licenses: [], groupIds: [] } as UserFacts;
    const detail: UserDetail = { facts, apps: [] };
    byId.set(facts.id, detail);
    out.push(detail);
  }
  for (const l of licenses) byId.get(l.userId as string)?.facts.licenses.push({ skuId: l.skuId as string, assignedByGroup: l.assignedByGroup as string });
  for (const g of groups) byId.get(g.userId as string)?.facts.groupIds.push(g.groupId as string);
  for (const a of apps) byId.get(a.userId as string)?.apps.push({ app: a.app as string, lastActivityDate: a.lastActivityDate as string | null, source: a.source as string, asOf: a.asOf as string | null });
  return out;
}
