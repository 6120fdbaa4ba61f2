import { z } from 'zod';
import type { GraphClient } from '../client';
import { GRAPH_PERMISSIONS } from '../permissions';
import { guid } from '../schemas';
import { type CheckedPage, checkedPages, type Endpoint } from './endpoint';

export const registrationDetailsSchema = z.object({
  id: guid,
  isMfaRegistered: z.boolean().nullable().optional(),
  isMfaCapable: z.boolean().nullable().optional(),
  methodsRegistered: z.array(z.string()).default([]),
});
export type RegistrationDetails = z.infer<typeof registrationDetailsSchema>;

export const REGISTRATION_DETAILS: Endpoint = { name: 'GET /beta/reports/authenticationMethods/userRegistrationDetails', permission: GRAPH_PERMISSIONS.mfa[0] };

/**
 * Each user's authentication methods registration (the beta endpoint, as docs/product-rules.md R2 names it). It sits in the
 * identity reports' bucket of 5 requests per 10 seconds, so pages are as large as allowed.
 */
export function listRegistrationDetails(graph: GraphClient): AsyncGenerator<CheckedPage<RegistrationDetails>> {
  return checkedPages(graph, REGISTRATION_DETAILS, '/beta/reports/authenticationMethods/userRegistrationDetails?$top=999', registrationDetailsSchema);
}
