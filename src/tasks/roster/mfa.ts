import { getRegistrationDetailsBatch, listRegistrationDetails } from '../../graph';
import { eachTextPair, TenantUser } from '../../store';
import type { TaskContext } from '../task';
import type { UserColumns } from './user-columns';

/** Registration details Graph gives per page of the list (its maximum). */
const LIST_PAGE = 999;

/** Who is registered and who is not: two lists of ids, kept until every user row exists (a few MB at 100,000 users). */
export interface MfaRows {
  registered: string[];
  notRegistered: string[];
}

/**
 * "Is MFA Turned On" from the authentication methods registration report (the beta
 * endpoint: docs/product-rules.md R2). It sits in the 5-requests-per-10-seconds bucket, so it is read while the directory
 * listing and the reports proceed (docs/graph-endpoints.md, "Throttling"). Results are kept as two
 * id lists and applied after the listing, when every user row exists.
 */
export async function readMfa(ctx: TaskContext): Promise<MfaRows> {
  const rows: MfaRows = { registered: [], notRegistered: [] };
  for await (const page of listRegistrationDetails(ctx.graph)) {
    for (const details of page.items) (details.isMfaRegistered ? rows.registered : rows.notRegistered).push(details.id);
    ctx.count('mfaListed', page.items.length + page.rejected.length);
    ctx.progress(`MFA registration for ${rows.registered.length + rows.notRegistered.length} users`);
  }
  return rows;
}

/**
 * The daily read: the users that are new or changed, one by one through $batch when that takes
 * fewer requests than the whole list (every request in a batch counts against the bucket), else
 * the whole list. A user Graph does not list (disabled) or could not answer keeps what is stored;
 * the weekly full sync reads everyone again.
 */
export async function readMfaOf(ctx: TaskContext, ids: readonly string[]): Promise<MfaRows> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return { registered: [], notRegistered: [] };
  const listed = await ctx.dataSource.getRepository(TenantUser).countBy({ accountEnabled: true });
  if (wanted.length > Math.ceil(listed / LIST_PAGE)) return readMfa(ctx);
  ctx.count('mfaBatched', wanted.length);
  const rows: MfaRows = { registered: [], notRegistered: [] };
  for (const [id, answer] of await getRegistrationDetailsBatch(ctx.graph, wanted)) {
    if ('details' in answer) (answer.details.isMfaRegistered ? rows.registered : rows.notRegistered).push(id);
    else if (answer.error.isForbidden) throw answer.error;
    else if (!answer.error.isNotFound) ctx.count('mfaUnread');
  }
  return rows;
}

/**
 * Registration as user columns, written with the reports' (src/tasks/roster/user-columns.ts): only
 * where it differs from the stored value. Every user's is read each day (the whole list, when more
 * users changed than it has pages), and sending them all to the database to be compared took longer
 * than reading the stored ones as one text (src/store/text-pairs.ts) and comparing here.
 */
export async function gatherMfa(ctx: TaskContext, rows: MfaRows, columns: UserColumns): Promise<void> {
  const stored = new Map<string, string>();
  await eachTextPair(
    ctx.dataSource.manager,
    {
      first: '"id"',
      second: `CASE WHEN "mfaRegistered" THEN '1' ELSE '0' END`,
      from: 'FROM "users" WHERE "mfaRegistered" IS NOT NULL',
    },
    [],
    (id, registered) => stored.set(id, registered),
  );
  for (const id of rows.registered) if (stored.get(id) !== '1') columns.set(id, { mfaRegistered: true });
  for (const id of rows.notRegistered) if (stored.get(id) !== '0') columns.set(id, { mfaRegistered: false });
  ctx.count('mfaUsers', rows.registered.length + rows.notRegistered.length);
}
