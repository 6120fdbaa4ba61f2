import { z } from 'zod';
import type { GraphClient } from '../client';
import { GRAPH_PERMISSIONS } from '../permissions';
import { type CheckedPage, checkedPages, type Endpoint } from './endpoint';

/** A directory object by id only: comparing ids needs no more, and names would need more permissions. */
export const memberOfSchema = z.object({ id: z.string() });

export const MEMBER_OF: Endpoint = {
  name: 'GET /v1.0/users/{id}/transitiveMemberOf',
  permission: GRAPH_PERMISSIONS.groups[0],
};

/** The groups (and roles) a user belongs to, nested groups included: the bot's admin check. */
export function listMemberOf(graph: GraphClient, userId: string): AsyncGenerator<CheckedPage<{ id: string }>> {
  return checkedPages(
    graph,
    MEMBER_OF,
    `/v1.0/users/${encodeURIComponent(userId)}/transitiveMemberOf?$select=id`,
    memberOfSchema,
  );
}

/** A user among a group's members; the cast segment already keeps users only, the type is checked again. */
export const userMemberSchema = z.object({
  id: z.string(),
  '@odata.type': z.literal('#microsoft.graph.user').optional(),
});

export const USER_MEMBERS: Endpoint = {
  name: 'GET /v1.0/groups/{id}/transitiveMembers/microsoft.graph.user',
  permission: GRAPH_PERMISSIONS.groups[0],
};

/** The people of a group, those of nested groups included (excluded groups, approver groups). */
export function listUserMembers(graph: GraphClient, groupId: string): AsyncGenerator<CheckedPage<{ id: string }>> {
  return checkedPages(
    graph,
    USER_MEMBERS,
    `/v1.0/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`,
    userMemberSchema,
  );
}
