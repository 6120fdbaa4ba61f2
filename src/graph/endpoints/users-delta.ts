import { z } from 'zod';
import type { GraphClient } from '../client';
import { unexpectedAnswer } from '../errors';
import { GRAPH_PERMISSIONS } from '../permissions';
import { guid } from '../schemas';
import type { Endpoint } from './endpoint';
import { DIRECTORY_SELECT, directoryUserSchema, type DirectoryUser } from './users';

/**
 * `GET /v1.0/users/delta` (docs/graph-endpoints.md, "Incremental sync"): the users created, changed
 * or removed since a round's deltaLink. The `$select` is given once, in the first request, and
 * carried by the links Graph returns; `$top` is not supported (Graph chooses the page size). A
 * changed user comes with every selected property (not `Prefer: return=minimal`), so it is written
 * exactly as a listed one; a removed one comes as its id with `@removed` (`changed`: deleted, still
 * restorable; `deleted`: gone for good). Changes to licenseAssignmentStates alone are not tracked.
 */
export const USERS_DELTA: Endpoint = { name: 'GET /v1.0/users/delta', permission: GRAPH_PERMISSIONS.directory[0] };

const removedSchema = z.object({ id: guid, '@removed': z.object({ reason: z.string().optional() }).passthrough() });

export interface DeltaPage {
  /** Users created or changed, with the roster's properties. */
  items: DirectoryUser[];
  /** Users deleted since the last round (`reason`: `changed` or `deleted`). */
  removed: { id: string; reason: string }[];
  rejected: z.ZodIssue[][];
  /** On the last page of the round: where the next round starts. */
  deltaLink?: string;
}

/**
 * One round of users/delta, page by page: from a stored deltaLink, or, with `latest`, a link that
 * starts from now without listing anyone (`$deltatoken=latest`), taken before a full listing so that
 * what changes during it is seen by the next round. A link Graph no longer honours fails with a
 * GraphError whose `isSyncReset` is true.
 */
export async function* readUsersDelta(
  graph: GraphClient,
  from: { deltaLink: string } | { latest: true },
): AsyncGenerator<DeltaPage> {
  const path =
    'deltaLink' in from ? from.deltaLink : `/v1.0/users/delta?$select=${DIRECTORY_SELECT.join(',')}&$deltatoken=latest`;
  for await (const page of graph.pages(path, { permission: USERS_DELTA.permission, endpoint: USERS_DELTA.name })) {
    const checked = graph.stats.parsing(() => checkDeltaItems(page.value));
    const deltaLink = page['@odata.deltaLink'];
    if (!page['@odata.nextLink'] && !deltaLink)
      throw unexpectedAnswer(USERS_DELTA.name, 'the last page has no @odata.deltaLink');
    yield deltaLink ? { ...checked, deltaLink } : checked;
  }
}

function checkDeltaItems(values: readonly unknown[]): Omit<DeltaPage, 'deltaLink'> {
  const page: Omit<DeltaPage, 'deltaLink'> = { items: [], removed: [], rejected: [] };
  for (const value of values) {
    if (typeof value === 'object' && value !== null && '@removed' in value) {
      const removed = removedSchema.safeParse(value);
      if (removed.success)
        page.removed.push({ id: removed.data.id, reason: removed.data['@removed'].reason ?? 'changed' });
      else page.rejected.push(removed.error.issues);
      continue;
    }
    const user = directoryUserSchema.safeParse(value);
    if (user.success) page.items.push(user.data);
    else page.rejected.push(user.error.issues);
  }
  return page;
}
