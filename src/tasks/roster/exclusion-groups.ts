import { z } from 'zod';
import { isGuid } from '../../config';
import { findGroupByName, getGroup, GraphError, listUserMembers } from '../../graph';
import { DirectoryGroup, GroupMember, replaceChildren, Setting, upsertChanged } from '../../store';
import { failureOf, skipUnread } from '../skip';
import type { TaskContext } from '../task';

/** The policy key the admin sets (`policy set excludedGroups …`): group ids or display names. */
const EXCLUDED_GROUPS_KEY = 'policy.excludedGroups';

/**
 * Members of the groups the policy excludes, nested groups' people included, so "member of an
 * excluded group" can be decided in the database. Each group's member list is made equal to Graph's
 * (members who joined added, who left removed, nothing else written) after it was read completely;
 * a group Graph could not read keeps the members stored before and is named in the run, which ends
 * partial (a refusal skips the part).
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
  for await (const page of listUserMembers(ctx.graph, group.id)) {
    for (const member of page.items) ids.add(member.id.toLowerCase());
  }
  const now = ctx.now().toISOString();
  const written = await ctx.write(async (manager) => {
    const named = await upsertChanged(
      manager,
      DirectoryGroup,
      [{ id: group.id, displayName: group.displayName, updatedAt: now }],
      { key: ['id'], compare: ['displayName'], stamp: ['updatedAt'] },
    );
    const members = [...ids].map((userId) => ({ groupId: group.id, userId }));
    return (
      named +
      (await replaceChildren(manager, GroupMember, 'groupId', [group.id], members, {
        key: ['groupId', 'userId'],
        compare: [],
      }))
    );
  });
  ctx.count('rowsWritten', written);
  return ids.size;
}

async function resolve(ctx: TaskContext, entry: string): Promise<{ id: string; displayName: string } | null> {
  if (isGuid(entry)) {
    try {
      const g = await getGroup(ctx.graph, entry);
      return { id: g.id.toLowerCase(), displayName: g.displayName ?? g.id };
    } catch (error) {
      if (error instanceof GraphError && error.isNotFound) return null;
      throw error;
    }
  }
  const first = await findGroupByName(ctx.graph, entry);
  return first ? { id: first.id.toLowerCase(), displayName: first.displayName ?? entry } : null;
}
