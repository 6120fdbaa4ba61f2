import { z } from 'zod';
import type { GraphClient } from '../client';
import { GRAPH_PERMISSIONS } from '../permissions';
import { guid, instant } from '../schemas';
import { type CheckedPage, checkedPages, type Endpoint, getChecked } from './endpoint';

export const licenseAssignmentStateSchema = z.object({
  skuId: guid,
  assignedByGroup: guid.nullable().optional(),
  disabledPlans: z.array(z.string()).default([]),
  state: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  lastUpdatedDateTime: instant,
});

export const signInActivitySchema = z.object({
  lastSignInDateTime: instant,
  lastNonInteractiveSignInDateTime: instant,
  lastSuccessfulSignInDateTime: instant,
});

export const directoryUserSchema = z.object({
  id: guid,
  userPrincipalName: z.string(),
  mail: z.string().nullable().optional(),
  displayName: z.string().nullable().optional(),
  givenName: z.string().nullable().optional(),
  surname: z.string().nullable().optional(),
  jobTitle: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
  usageLocation: z.string().nullable().optional(),
  userType: z.string().nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
  createdDateTime: instant,
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  assignedLicenses: z.array(z.object({ skuId: guid, disabledPlans: z.array(z.string()).default([]) })).default([]),
  licenseAssignmentStates: z.array(licenseAssignmentStateSchema).nullable().optional(),
  signInActivity: signInActivitySchema.nullable().optional(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

/** The roster's user properties; users/delta tracks the same ones (signInActivity is not available through delta). */
export const DIRECTORY_SELECT = [
  'id',
  'userPrincipalName',
  'mail',
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'country',
  'usageLocation',
  'userType',
  'accountEnabled',
  'createdDateTime',
  'onPremisesSyncEnabled',
  'assignedLicenses',
  'licenseAssignmentStates',
];

/**
 * Page sizes: 999 at most; with signInActivity selected the cap is 500 on the current docs and 120
 * on older ones, and Graph then silently returns smaller pages. Asking for 500 and following
 * nextLink works with both.
 */
const TOP = 999;
const TOP_WITH_SIGN_IN = 500;

export const USERS: Endpoint = { name: 'GET /v1.0/users', permission: GRAPH_PERMISSIONS.directory[0] };
/** signInActivity needs AuditLog.Read.All (and Entra ID P1) on top of reading the directory. */
export const USERS_WITH_SIGN_IN: Endpoint = {
  name: 'GET /v1.0/users (with signInActivity)',
  permission: GRAPH_PERMISSIONS.signIns[0],
};

/** Every user with the roster's fields, page by page. */
export function listUsers(
  graph: GraphClient,
  options: { withSignIn: boolean },
): AsyncGenerator<CheckedPage<DirectoryUser>> {
  const select = options.withSignIn ? [...DIRECTORY_SELECT, 'signInActivity'] : DIRECTORY_SELECT;
  const path = `/v1.0/users?$select=${select.join(',')}&$top=${options.withSignIn ? TOP_WITH_SIGN_IN : TOP}`;
  return checkedPages(graph, options.withSignIn ? USERS_WITH_SIGN_IN : USERS, path, directoryUserSchema);
}

/** Sign-in activity changes no user property delta tracks: it is read on its own, by date (docs/graph-endpoints.md, "Incremental sync"). */
export const USERS_SIGNED_IN_SINCE: Endpoint = {
  name: 'GET /v1.0/users?$filter=signInActivity',
  permission: GRAPH_PERMISSIONS.signIns[0],
};

export const userSignInSchema = z.object({ id: guid, signInActivity: signInActivitySchema.nullable().optional() });
export type UserSignIn = z.infer<typeof userSignInSchema>;

/** The two sign-in times Graph can filter on that together cover every change (a success is also an attempt of one kind). */
export type SignInProperty = 'lastSignInDateTime' | 'lastNonInteractiveSignInDateTime';

/**
 * Users whose interactive or non-interactive sign-in attempt is at or after an instant, with their
 * signInActivity: `ge` is one of the operators signInActivity supports, and it cannot be combined
 * with a filter on any other property. 500 a page, as with signInActivity selected.
 */
export function listSignedInSince(
  graph: GraphClient,
  query: { property: SignInProperty; since: string },
): AsyncGenerator<CheckedPage<UserSignIn>> {
  const filter = encodeURIComponent(`signInActivity/${query.property} ge ${query.since}`);
  return checkedPages(
    graph,
    USERS_SIGNED_IN_SINCE,
    `/v1.0/users?$filter=${filter}&$select=id,signInActivity&$top=${TOP_WITH_SIGN_IN}`,
    userSignInSchema,
  );
}

/** What a removal acts on, read fresh: licenses (direct or by group), account state, sign-in times. */
export const userLicenseStateSchema = z.object({
  id: z.string(),
  accountEnabled: z.boolean().nullable().optional(),
  assignedLicenses: z
    .array(z.object({ skuId: z.string(), disabledPlans: z.array(z.string()).default([]) }))
    .default([]),
  licenseAssignmentStates: z
    .array(
      z.object({
        skuId: z.string(),
        assignedByGroup: z.string().nullable().optional(),
        disabledPlans: z.array(z.string()).default([]),
      }),
    )
    .nullable()
    .optional(),
  signInActivity: z
    .object({
      lastSuccessfulSignInDateTime: z.string().nullable().optional(),
      lastNonInteractiveSignInDateTime: z.string().nullable().optional(),
      lastSignInDateTime: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type UserLicenseState = z.infer<typeof userLicenseStateSchema>;

export const USER: Endpoint = { name: 'GET /v1.0/users/{id}', permission: GRAPH_PERMISSIONS.directory[0] };

/** One user's licenses and account state now (signInActivity only when the app may read it). */
export function getUserLicenseState(
  graph: GraphClient,
  userId: string,
  options: { withSignIn: boolean },
): Promise<UserLicenseState> {
  const select = [
    'id',
    'accountEnabled',
    'assignedLicenses',
    'licenseAssignmentStates',
    ...(options.withSignIn ? ['signInActivity'] : []),
  ];
  return getChecked(
    graph,
    USER,
    `/v1.0/users/${encodeURIComponent(userId)}?$select=${select.join(',')}`,
    userLicenseStateSchema,
  );
}

export const managerSchema = z.object({ id: z.string(), displayName: z.string().nullable().optional() });
export type Manager = z.infer<typeof managerSchema>;

export const MANAGER: Endpoint = { name: 'GET /v1.0/users/{id}/manager', permission: GRAPH_PERMISSIONS.directory[0] };

/** The user's manager in Entra, the default approver; a user without one answers 404. */
export function getManager(graph: GraphClient, userId: string): Promise<Manager> {
  return getChecked(
    graph,
    MANAGER,
    `/v1.0/users/${encodeURIComponent(userId)}/manager?$select=id,displayName`,
    managerSchema,
  );
}
