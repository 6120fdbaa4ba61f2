import { z } from 'zod';
import type { GraphClient } from '../client';
import { GRAPH_PERMISSIONS } from '../permissions';
import { type Endpoint, getChecked } from './endpoint';

/*
 * License Steward installing itself for a user it has never talked to, so its bot can open the 1:1
 * chat and ask the license holder first (docs/holder.md). All three need the same application
 * permission; the app must be in the organisation's app catalog, by its catalog id (not the id of
 * its manifest).
 */

const permission = GRAPH_PERMISSIONS.installApp[0];
export const USER_APPS: Endpoint = { name: 'GET /v1.0/users/{id}/teamwork/installedApps', permission };
export const INSTALL_USER_APP: Endpoint = { name: 'POST /v1.0/users/{id}/teamwork/installedApps', permission };
export const USER_APP_CHAT: Endpoint = { name: 'GET /v1.0/users/{id}/teamwork/installedApps/{id}/chat', permission };

const installationsSchema = z.object({
  value: z.array(z.object({ id: z.string().min(1), teamsApp: z.object({ id: z.string() }).nullable().optional() })),
});
const chatSchema = z.object({ id: z.string().min(1) });

const base = (userId: string) => `/v1.0/users/${encodeURIComponent(userId)}/teamwork/installedApps`;

/** The user's installations of the app with this catalog id: none, or one. */
export async function listUserAppInstallations(
  graph: GraphClient,
  userId: string,
  catalogId: string,
): Promise<{ id: string }[]> {
  const filter = encodeURIComponent(`teamsApp/id eq '${catalogId.replace(/'/g, "''")}'`);
  const answer = await getChecked(
    graph,
    USER_APPS,
    `${base(userId)}?$expand=teamsApp&$filter=${filter}`,
    installationsSchema,
  );
  return answer.value.map((i) => ({ id: i.id }));
}

/**
 * Installs the catalog app in the user's personal scope. Graph answers 201 with no body; 409 when it
 * is installed already, which the caller treats as done.
 */
export async function installUserApp(graph: GraphClient, userId: string, catalogId: string): Promise<void> {
  const bind = `${graph.baseUrl}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogId)}`;
  await graph.post(
    base(userId),
    { 'teamsApp@odata.bind': bind },
    { permission: INSTALL_USER_APP.permission, endpoint: INSTALL_USER_APP.name },
  );
}

/** The 1:1 chat between the user and the installed app: its id (`19:…`). */
export async function getUserAppChat(
  graph: GraphClient,
  userId: string,
  installationId: string,
): Promise<{ id: string }> {
  return getChecked(graph, USER_APP_CHAT, `${base(userId)}/${encodeURIComponent(installationId)}/chat`, chatSchema);
}
