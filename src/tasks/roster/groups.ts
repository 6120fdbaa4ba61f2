import { z } from 'zod';
import { batchGet, graphErrorFrom } from '../../graph';
import { bulkUpsert, DirectoryGroup } from '../../store';
import { PERMISSIONS } from '../permissions';
import type { TaskContext } from '../task';

const groupSchema = z.object({ id: z.string(), displayName: z.string().nullable().optional() });

/**
 * Names of the groups that assign licenses, so a card can say "assigned by group X": one $batch
 * per 20 groups. A group that no longer exists is skipped; a refused one skips the part.
 */
export async function syncGroupNames(ctx: TaskContext, groupIds: ReadonlySet<string>): Promise<void> {
  const now = ctx.now().toISOString();
  const urls = [...groupIds].map((id) => `/groups/${id}?$select=id,displayName`);
  const results = await batchGet(ctx.graph, urls, PERMISSIONS.groups[0]);
  const rows: DirectoryGroup[] = [];
  for (const [url, result] of results) {
    if (result.status === 403) throw graphErrorFrom(403, result.body, undefined, PERMISSIONS.groups[0]);
    if (result.status !== 200) continue;
    const parsed = groupSchema.safeParse(result.body);
    if (parsed.success) rows.push({ id: parsed.data.id.toLowerCase(), displayName: parsed.data.displayName ?? parsed.data.id, updatedAt: now });
    else ctx.log.warn({ url }, 'group skipped: unexpected shape');
  }
  // Not repository.save: it loads the existing rows with concurrent queries on one PostgreSQL client (deprecated by pg).
  await bulkUpsert(ctx.dataSource.manager, DirectoryGroup, rows, { conflict: ['id'], update: ['displayName', 'updatedAt'] });
  ctx.count('groups', rows.length);
}
