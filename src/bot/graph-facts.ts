import type { GraphClient } from '../graph';

/**
 * Ids of the groups a user belongs to, nested groups included (`transitiveMemberOf`), for the admin
 * check. Only ids are selected: the check compares ids, and names would need more permissions.
 */
export function memberGroupsFrom(graph: GraphClient): (userId: string) => Promise<string[]> {
  return async (userId) => {
    const ids: string[] = [];
    const path = `/v1.0/users/${encodeURIComponent(userId)}/transitiveMemberOf?$select=id`;
    for await (const page of graph.pages(path, { permission: 'GroupMember.Read.All' })) {
      for (const item of page.value) {
        const id = (item as { id?: unknown }).id;
        if (typeof id === 'string') ids.push(id);
      }
    }
    return ids;
  };
}
