import { getRegistrationDetailsBatch, listRegistrationDetails } from '../../graph';
import { TenantUser } from '../../store';
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

/** Registration as user columns, written with the reports' (src/tasks/roster/user-columns.ts). */
export function gatherMfa(ctx: TaskContext, rows: MfaRows, columns: UserColumns): void {
  for (const id of rows.registered) columns.set(id, { mfaRegistered: true });
  for (const id of rows.notRegistered) columns.set(id, { mfaRegistered: false });
  ctx.count('mfaUsers', rows.registered.length + rows.notRegistered.length);
}
