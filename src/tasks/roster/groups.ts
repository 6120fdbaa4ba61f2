import { z } from 'zod';
import { DirectoryGroup } from '../../store';
import { PERMISSIONS } from '../permissions';
import type { TaskContext } from '../task';

const groupSchema = z.object({ id: z.string(), displayName: z.string().nullable().optional() });

/**
 * Names of the groups that assign licenses, so a card can say "assigned by group X". Few groups,
 * so one request each; a group that no longer exists is skipped.
 */
export async function syncGroupNames(ctx: TaskContext, groupIds: ReadonlySet<string>): Promise<void> {
  const now = ctx.now().toISOString();
  const rows: DirectoryGroup[] = [];
  for (const id of groupIds) {
    try {
      const parsed = groupSchema.safeParse(await ctx.graph.get(`/v1.0/groups/${id}?$select=id,displayName`, { permission: PERMISSIONS.groups[0] }));
      if (parsed.success) rows.push({ id: parsed.data.id.toLowerCase(), displayName: parsed.data.displayName ?? id, updatedAt: now });
    } catch (error) {
      if ((error as { status?: number }).status === 404) continue;
      throw error;
    }
  }
  if (rows.length) await ctx.dataSource.getRepository(DirectoryGroup).save(rows, { chunk: 200 });
  ctx.count('groups', rows.length);
}
