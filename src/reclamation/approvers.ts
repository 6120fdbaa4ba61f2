import { listUserMembers, type GraphClient } from '../graph';
import type { Logger } from '../logging/logger';

/**
 * The configured approvers as user ids: named users first, then the people of the named groups
 * (nested groups' too; never a group's own id). A group Graph cannot list is logged and left out.
 */
export async function approverIds(
  graph: GraphClient,
  log: Logger,
  approvers: { users: readonly string[]; groups: readonly string[] },
): Promise<string[]> {
  const ids = [...approvers.users];
  for (const group of approvers.groups) {
    try {
      for await (const page of listUserMembers(graph, group)) {
        for (const m of page.items) ids.push(m.id.toLowerCase());
      }
    } catch (error) {
      log.warn({ err: error, group }, 'could not read the members of an approvers group');
    }
  }
  return [...new Set(ids)];
}
