import { z } from 'zod';
import type { GraphClient } from '../client';
import { GRAPH_PERMISSIONS } from '../permissions';
import { type CheckedPage, checkedPages, type Endpoint } from './endpoint';

/** What the product reads of a sign-in, and all it asks for (`$select`): an item in full is about four times as long. */
export const signInSchema = z.object({
  id: z.string(),
  createdDateTime: z.string(),
  userId: z.string(),
  appId: z.string(),
  status: z.object({ errorCode: z.number() }).partial().nullable().optional(),
});
export type SignIn = z.infer<typeof signInSchema>;

/** Needs Entra ID P1/P2 in the tenant too; sign-ins are kept 30 days with it (7 without). */
export const SIGN_INS: Endpoint = { name: 'GET /v1.0/auditLogs/signIns', permission: GRAPH_PERMISSIONS.signIns[0] };

export interface SignInQuery {
  /** The first-party application whose sign-ins are read. */
  appId: string;
  /** An ISO instant: sign-ins from it on (`ge`), or strictly after it (`gt`) when `after`. */
  since: string;
  after: boolean;
}

/** One application's sign-ins since an instant, newest first, 1,000 a page (the most Graph gives). */
export function listSignIns(graph: GraphClient, query: SignInQuery): AsyncGenerator<CheckedPage<SignIn>> {
  const filter = `createdDateTime ${query.after ? 'gt' : 'ge'} ${query.since} and appId eq '${query.appId}'`;
  return checkedPages(
    graph,
    SIGN_INS,
    `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=1000&$select=${Object.keys(signInSchema.shape).join(',')}`,
    signInSchema,
  );
}
