import { z } from 'zod';
import { GraphError } from '../../graph';
import { DirectoryGroup, GroupMember, Setting } from '../../store';
import { PERMISSIONS } from '../permissions';
import { failureOf, skipUnread } from '../skip';
import type { TaskContext } from '../task';

/** The policy key the admin sets (`policy set excludedGroups …`): group ids or display names. */
const EXCLUDED_GROUPS_KEY = 'policy.excludedGroups';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const groupSchema = z.object({ id: z.string(), displayName: z.string().nullable().optional() });
const memberSchema = z.object({ id: z.string(), '@odata.type': z.string().optional() });

/**
 * Members of the groups the policy excludes, nested groups' people included, so "member of an
 * excluded group" can be decided in the database. Each group's member list is replaced as a whole,
 * after it was read completely; a group Graph could not read keeps the members stored before and is
 * named in the run, which ends partial (a refusal skips the part).
 */
export async function syncExclusionGroups(ctx: TaskContext): Promise<void> {
  const setting = await ctx.dataSource.getRepository(Setting).findOneBy({ key: EXCLUDED_GROUPS_KEY });
  const wanted = z.array(z.string()).safeParse(setting?.value ?? []);
  if (!wanted.success || wanted.data.length === 0) return;
  let members = 0;
  for (const entry of wanted.data) {
    try {
      members += await syncMembers(ctx, entry.trim());
    } catch (error) {
      if (!(error instanceof GraphError) || error.isForbidden) throw error;
      skipUnread(ctx, `members of excluded group ${entry}`, failureOf(error), 'The members stored before are kept.');
    }
  }
  ctx.count('exclusionGroupMembers', members);
}

/** Reads one excluded group's members and replaces the stored ones: how many there are (0 when the group is not found). */
async function syncMembers(ctx: TaskContext, entry: string): Promise<number> {
  const group = await resolve(ctx, entry);
  if (!group) {
    ctx.log.warn({ group: entry }, 'excluded group not found in the directory');
    return 0;
  }
  const ids = new Set<string>();
  // Transitive: the people of groups nested in the excluded group are excluded too (the cast keeps users only).
  for await (const page of ctx.graph.pages(`/v1.0/groups/${group.id}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`, { permission: PERMISSIONS.groups[0] })) {
    for (const item of page.value) {
      const parsed = memberSchema.safeParse(item);
      if (parsed.success && (!parsed.data['@odata.type'] || parsed.data['@odata.type'] === '#microsoft.graph.user')) ids.add(parsed.data.id.toLowerCase());
    }
  }
  const now = ctx.now().toISOString();
  await ctx.dataSource.transaction(async (manager) => {
    await manager.getRepository(DirectoryGroup).save({ id: group.id, displayName: group.displayName, updatedAt: now });
    await manager.delete(GroupMember, { groupId: group.id });
    const rows = [...ids];
    for (let i = 0; i < rows.length; i += 500) await manager.insert(GroupMember, rows.slice(i, i + 500).map((userId) => ({ groupId: group.id, userId })));
  });
  return ids.size;
}

async function resolve(ctx: TaskContext, entry: string): Promise<{ id: string; displayName: string } | null> {
  if (GUID.test(entry)) {
    try {
      const g = groupSchema.parse(await ctx.graph.get(`/v1.0/groups/${entry}?$select=id,displayName`, { permission: PERMISSIONS.groups[0] }));
      return { id: g.id.toLowerCase(), displayName: g.displayName ?? g.id };
    } catch (error) {
      if (error instanceof GraphError && error.isNotFound) return null;
      throw error;
    }
  }
  const filter = encodeURIComponent(`displayName eq '${entry.replace(/'/g, "''")}'`);
  const body = (await ctx.graph.get(`/v1.0/groups?$filter=${filter}&$select=id,displayName`, { permission: PERMISSIONS.groups[0] })) as { value?: unknown[] } | null;
  const first = groupSchema.safeParse(body?.value?.[0]);
  return first.success ? { id: first.data.id.toLowerCase(), displayName: first.data.displayName ?? entry } : null;
}
