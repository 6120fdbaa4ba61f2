import { z } from 'zod';
import type { GraphClient } from '../client';
import type { GraphError } from '../errors';
import { GRAPH_PERMISSIONS } from '../permissions';
import { guid } from '../schemas';
import { type CheckedPage, checkedPages, type Endpoint, getBatchChecked } from './endpoint';

/**
 * What the product reads of a user's registration, and all the list is asked for (`$select`): the
 * other fields (methods, SSPR, admin…) are neither used nor checked; checking them doubled the cost
 * of a 93,000-user list.
 */
export const registrationDetailsSchema = z.object({
  id: guid,
  isMfaRegistered: z.boolean().nullable().optional(),
});
export type RegistrationDetails = z.infer<typeof registrationDetailsSchema>;

export const REGISTRATION_DETAILS: Endpoint = {
  name: 'GET /beta/reports/authenticationMethods/userRegistrationDetails',
  permission: GRAPH_PERMISSIONS.mfa[0],
};

/**
 * Each user's authentication methods registration (the beta endpoint, as docs/product-rules.md R2 names it). It sits in the
 * identity reports' bucket of 5 requests per 10 seconds, so pages are as large as allowed; and with
 * only the two fields read, a page is about a ninth of the size (docs/graph-endpoints.md).
 */
export function listRegistrationDetails(graph: GraphClient): AsyncGenerator<CheckedPage<RegistrationDetails>> {
  return checkedPages(
    graph,
    REGISTRATION_DETAILS,
    `/beta/reports/authenticationMethods/userRegistrationDetails?$top=999&$select=${Object.keys(registrationDetailsSchema.shape).join(',')}`,
    registrationDetailsSchema,
  );
}

export const REGISTRATION_DETAILS_BATCH: Endpoint = {
  name: 'POST /v1.0/$batch of GET /reports/authenticationMethods/userRegistrationDetails/{id}',
  permission: GRAPH_PERMISSIONS.mfa[0],
};

/** One user's answer in a $batch: the details, or why they were not read (404 for a disabled or unknown user). */
export type RegistrationAnswer = { details: RegistrationDetails } | { error: GraphError };

/**
 * Some users' registration details by id through $batch, 20 per request (the daily sync, for the
 * users that are new or changed). Every request inside a batch counts against the identity reports'
 * 5 per 10 seconds, so this is cheaper than the whole list only for fewer users than the list has
 * pages. An id Graph left unanswered is absent.
 */
export async function getRegistrationDetailsBatch(
  graph: GraphClient,
  ids: Iterable<string>,
): Promise<Map<string, RegistrationAnswer>> {
  const answers = await getBatchChecked(
    graph,
    REGISTRATION_DETAILS_BATCH,
    ids,
    (id) => `/reports/authenticationMethods/userRegistrationDetails/${encodeURIComponent(id)}`,
    registrationDetailsSchema,
  );
  return new Map([...answers].map(([id, answer]) => [id, 'error' in answer ? answer : { details: answer.data }]));
}
