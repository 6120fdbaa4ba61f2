import { z } from 'zod';
import type { GraphClient } from '../client';
import type { GraphError } from '../errors';
import { GRAPH_PERMISSIONS } from '../permissions';
import { type Endpoint, getBatchChecked, getChecked } from './endpoint';

export const groupSchema = z.object({ id: z.string(), displayName: z.string().nullable().optional() });
export type Group = z.infer<typeof groupSchema>;

const SELECT = '$select=id,displayName';

export const GROUP: Endpoint = { name: 'GET /v1.0/groups/{id}', permission: GRAPH_PERMISSIONS.groups[0] };
export const GROUPS_BY_NAME: Endpoint = {
  name: 'GET /v1.0/groups?$filter=displayName',
  permission: GRAPH_PERMISSIONS.groups[0],
};
export const GROUPS_BATCH: Endpoint = {
  name: 'POST /v1.0/$batch of GET /groups/{id}',
  permission: GRAPH_PERMISSIONS.groups[0],
};

/** A group's id and name; a group that does not exist answers 404. */
export function getGroup(graph: GraphClient, id: string): Promise<Group> {
  return getChecked(graph, GROUP, `/v1.0/groups/${encodeURIComponent(id)}?${SELECT}`, groupSchema);
}

const groupsNamedSchema = z.object({ value: z.array(z.unknown()) });

/** The first group with exactly this display name, or null when there is none (or it has not our shape). */
export async function findGroupByName(graph: GraphClient, displayName: string): Promise<Group | null> {
  const filter = encodeURIComponent(`displayName eq '${displayName.replace(/'/g, "''")}'`);
  const body = await getChecked(graph, GROUPS_BY_NAME, `/v1.0/groups?$filter=${filter}&${SELECT}`, groupsNamedSchema);
  const first = groupSchema.safeParse(body.value[0]);
  return first.success ? first.data : null;
}

/** One group's answer in a $batch: the group, or why it was not read (a 404 means it does not exist). */
export type GroupAnswer = { group: Group } | { error: GraphError };

/**
 * Many groups by id through $batch, 20 per request, transient failures retried (batch.ts). Every id
 * Graph answered has its answer; an id Graph left unanswered is absent, and is not "gone".
 */
export async function getGroupsBatch(graph: GraphClient, ids: Iterable<string>): Promise<Map<string, GroupAnswer>> {
  // $batch takes URLs relative to the version of the batch itself.
  const answers = await getBatchChecked(
    graph,
    GROUPS_BATCH,
    ids,
    (id) => `/groups/${encodeURIComponent(id)}?${SELECT}`,
    groupSchema,
  );
  return new Map([...answers].map(([id, answer]) => [id, 'error' in answer ? answer : { group: answer.data }]));
}
