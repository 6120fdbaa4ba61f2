import { listMemberOf, type GraphClient } from '../graph';

/**
 * Ids of the groups a user belongs to, nested groups included (`transitiveMemberOf`), for the admin
 * check. Only ids are selected: the check compares ids, and names would need more permissions.
 */
export function memberGroupsFrom(graph: GraphClient): (userId: string) => Promise<string[]> {
  return async (userId) => {
    const ids: string[] = [];
    for await (const page of listMemberOf(graph, userId)) {
      for (const item of page.items) ids.push(item.id);
    }
    return ids;
  };
}
