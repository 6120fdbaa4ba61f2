import { In } from 'typeorm';
import { z } from 'zod';
import { batchGet, graphErrorFrom } from '../../graph';
import { bulkUpsert, DirectoryGroup } from '../../store';
import { PERMISSIONS } from '../permissions';
import { failureOf, skipUnread } from '../skip';
import type { TaskContext } from '../task';

const groupSchema = z.object({ id: z.string(), displayName: z.string().nullable().optional() });
/** Groups named one by one in a skipped part; the rest are counted. */
const NAMED_UNREAD = 10;

/**
 * Names of the groups that assign licenses, so a card can say "assigned by group X": one $batch
 * per 20 groups (batchGet retries what is transient). A group Graph says does not exist is left out;
 * a refused one skips the part; one not read otherwise is named, its stored name kept, and the run
 * ends partial.
 */
export async function syncGroupNames(ctx: TaskContext, groupIds: ReadonlySet<string>): Promise<void> {
  const now = ctx.now().toISOString();
  const urlOf = (id: string) => `/groups/${id}?$select=id,displayName`;
  const results = await batchGet(ctx.graph, [...groupIds].map(urlOf), PERMISSIONS.groups[0]);
  const rows: DirectoryGroup[] = [];
  const unread = new Map<string, string>();
  for (const id of groupIds) {
    const result = results.get(urlOf(id));
    if (!result) {
      unread.set(id, 'no answer in the $batch');
      continue;
    }
    if (result.status !== 200) {
      const error = graphErrorFrom(result.status, result.body, undefined, PERMISSIONS.groups[0]);
      if (error.isForbidden) throw error;
      if (!error.isNotFound) unread.set(id, failureOf(error));
      continue;
    }
    const parsed = groupSchema.safeParse(result.body);
    if (parsed.success) rows.push({ id: parsed.data.id.toLowerCase(), displayName: parsed.data.displayName ?? parsed.data.id, updatedAt: now });
    else ctx.log.warn({ id }, 'group skipped: unexpected shape');
  }
  // Not repository.save: it loads the existing rows with concurrent queries on one PostgreSQL client (deprecated by pg).
  await bulkUpsert(ctx.dataSource.manager, DirectoryGroup, rows, { conflict: ['id'], update: ['displayName', 'updatedAt'] });
  ctx.count('groups', rows.length);
  if (unread.size) skipUnread(ctx, 'license group names', await describeUnread(ctx, unread), 'The names stored before are kept.');
}

/** `"LIC - Power BI Pro" (id): HTTP 503 serviceNotAvailable; …`, with the stored name when there is one. */
async function describeUnread(ctx: TaskContext, unread: ReadonlyMap<string, string>): Promise<string> {
  const named = [...unread].slice(0, NAMED_UNREAD);
  const stored = await ctx.dataSource.getRepository(DirectoryGroup).findBy({ id: In(named.map(([id]) => id)) });
  const names = new Map(stored.map((g) => [g.id, g.displayName]));
  const listed = named.map(([id, why]) => `${names.has(id) ? `"${names.get(id)}" (${id})` : id}: ${why}`).join('; ');
  return unread.size > named.length ? `${listed}; and ${unread.size - named.length} more` : listed;
}
