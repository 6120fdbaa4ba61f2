import type { GraphClient } from '../client';
import { GRAPH_PERMISSIONS } from '../permissions';
import type { Endpoint } from './endpoint';

/** The license changes of one call. Graph requires both arrays, empty or not. */
export interface LicenseChange {
  addLicenses: { skuId: string; disabledPlans: string[] }[];
  removeLicenses: string[];
}

export const ASSIGN_LICENSE: Endpoint = {
  name: 'POST /v1.0/users/{id}/assignLicense',
  permission: GRAPH_PERMISSIONS.licenseAssignment[0],
};

/**
 * The one write to the tenant: adds and removes licenses of a user in one call, and returns Graph's
 * request id to record. The answer's body (the user) is not read: a change Graph made must never
 * turn into an error because of the body's shape.
 */
export async function assignLicense(
  graph: GraphClient,
  userId: string,
  change: LicenseChange,
): Promise<{ requestId?: string }> {
  const path = `/v1.0/users/${encodeURIComponent(userId)}/assignLicense`;
  const { requestId } = await graph.postRecorded(
    path,
    { addLicenses: change.addLicenses, removeLicenses: change.removeLicenses },
    { permission: ASSIGN_LICENSE.permission, endpoint: ASSIGN_LICENSE.name },
  );
  return requestId ? { requestId } : {};
}
