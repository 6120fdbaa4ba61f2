import { getRegistrationDetailsBatch, listRegistrationDetails } from '../../graph';
import { TenantUser, updateChanged } from '../../store';
import type { TaskContext } from '../task';
import { withWriteBehind } from '../write-behind';

/** Registration details Graph gives per page of the list (its maximum). */
const LIST_PAGE = 999;
/** Users written per transaction. */
const WRITE_BATCH = 5000;

export type MfaRows = { id: string; mfaRegistered: boolean }[];

/**
 * "Is MFA Turned On" from the authentication methods registration report (seeds: the beta
 * endpoint), every user. It sits in the 5-requests-per-10-seconds bucket, so it is read while the
 * directory listing and the reports proceed (docs/graph-endpoints.md, "Throttling"). Results are kept
 * as (id, registered) pairs and applied after the listing, when every user row exists.
 */
export async function readMfa(ctx: TaskContext): Promise<MfaRows> {
  const rows: MfaRows = [];
  for await (const page of listRegistrationDetails(ctx.graph)) {
    for (const details of page.items) rows.push({ id: details.id, mfaRegistered: details.isMfaRegistered === true });
    ctx.count('mfaListed', page.items.length + page.rejected.length);
    ctx.progress(`MFA registration for ${rows.length} users`);
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
  if (wanted.length === 0) return [];
  const listed = await ctx.dataSource.getRepository(TenantUser).countBy({ accountEnabled: true });
  if (wanted.length > Math.ceil(listed / LIST_PAGE)) return readMfa(ctx);
  ctx.count('mfaBatched', wanted.length);
  const rows: MfaRows = [];
  for (const [id, answer] of await getRegistrationDetailsBatch(ctx.graph, wanted)) {
    if ('details' in answer) rows.push({ id, mfaRegistered: answer.details.isMfaRegistered === true });
    else if (answer.error.isForbidden) throw answer.error;
    else if (!answer.error.isNotFound) ctx.count('mfaUnread');
  }
  return rows;
}

/** Writes the users whose registration changed, a few thousand per transaction. */
export async function writeMfa(ctx: TaskContext, rows: MfaRows): Promise<void> {
  await withWriteBehind(ctx, async (writer) => {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      const batch = rows.slice(i, i + WRITE_BATCH);
      await writer.push(async (manager) => (await updateChanged(manager, TenantUser, batch, ['mfaRegistered'])).length);
    }
  });
  ctx.count('mfaUsers', rows.length);
}
