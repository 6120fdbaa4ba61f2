import { In } from 'typeorm';
import { getGroupsBatch } from '../../graph';
import { DirectoryGroup, upsertChanged } from '../../store';
import { failureOf, skipUnread } from '../skip';
import type { TaskContext } from '../task';

/** Groups named one by one in a skipped part; the rest are counted. */
const NAMED_UNREAD = 10;

/**
 * Names of the groups that assign licenses, so a card can say "assigned by group X": one $batch
 * per 20 groups (transient failures retried). A group Graph says does not exist is left out;
 * a refused one skips the part; one not read otherwise is named, its stored name kept, and the run
 * ends partial.
 */
export async function syncGroupNames(ctx: TaskContext, groupIds: ReadonlySet<string>): Promise<void> {
  const now = ctx.now().toISOString();
  const answers = await getGroupsBatch(ctx.graph, groupIds);
  const rows: DirectoryGroup[] = [];
  const unread = new Map<string, string>();
  for (const id of groupIds) {
    const answer = answers.get(id);
    if (!answer) {
      unread.set(id, 'no answer in the $batch');
      continue;
    }
    if ('error' in answer) {
      if (answer.error.isForbidden) throw answer.error;
      if (!answer.error.isNotFound) unread.set(id, failureOf(answer.error));
      continue;
    }
    rows.push({
      id: answer.group.id.toLowerCase(),
      displayName: answer.group.displayName ?? answer.group.id,
      updatedAt: now,
    });
  }
  // Not repository.save: it loads the existing rows with concurrent queries on one PostgreSQL client (deprecated by pg).
  ctx.count(
    'rowsWritten',
    await ctx.write((m) =>
      upsertChanged(m, DirectoryGroup, rows, { key: ['id'], compare: ['displayName'], stamp: ['updatedAt'] }),
    ),
  );
  ctx.count('groups', rows.length);
  if (unread.size)
    skipUnread(ctx, 'license group names', await describeUnread(ctx, unread), 'The names stored before are kept.');
}

/** `"LIC - Power BI Pro" (id): HTTP 503 serviceNotAvailable; …`, with the stored name when there is one. */
async function describeUnread(ctx: TaskContext, unread: ReadonlyMap<string, string>): Promise<string> {
  const named = [...unread].slice(0, NAMED_UNREAD);
  const stored = await ctx.dataSource.getRepository(DirectoryGroup).findBy({ id: In(named.map(([id]) => id)) });
  const names = new Map(stored.map((g) => [g.id, g.displayName]));
  const listed = named.map(([id, why]) => `${names.has(id) ? `"${names.get(id)}" (${id})` : id}: ${why}`).join('; ');
  return unread.size > named.length ? `${listed}; and ${unread.size - named.length} more` : listed;
}

/** Of these license groups, the ones whose name is not stored yet (a daily sync asks Graph for those only). */
export async function unnamedGroups(ctx: TaskContext, groupIds: ReadonlySet<string>): Promise<Set<string>> {
  const wanted = [...groupIds];
  const unnamed = new Set(wanted);
  for (let i = 0; i < wanted.length; i += 500) {
    for (const g of await ctx.dataSource
      .getRepository(DirectoryGroup)
      .find({ select: { id: true }, where: { id: In(wanted.slice(i, i + 500)) } }))
      unnamed.delete(g.id);
  }
  return unnamed;
}
