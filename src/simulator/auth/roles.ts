/**
 * Microsoft Graph application permissions (app roles) the simulator knows, and the sets each call
 * accepts: any one role of a set is enough (least privileged first, as in the API reference pages).
 */
export const KNOWN_ROLES = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Group.Read.All',
  'GroupMember.Read.All',
  'Organization.Read.All',
  'Organization.ReadWrite.All',
  'LicenseAssignment.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'Reports.Read.All',
  'AuditLog.Read.All',
  'UserAuthenticationMethod.Read.All',
  'TeamsAppInstallation.ReadWriteForUser.All',
] as const;

export type Role = (typeof KNOWN_ROLES)[number];

export function isRole(value: string): value is Role {
  return (KNOWN_ROLES as readonly string[]).includes(value);
}

/** What the integration documents tell an admin to grant (docs/product-rules.md R6: Application Roster/Access, License Information, Reclamation). */
export const DEFAULT_GRANTS: readonly Role[] = [
  'Directory.Read.All',
  'Reports.Read.All',
  'AuditLog.Read.All',
  'UserAuthenticationMethod.Read.All',
  'LicenseAssignment.ReadWrite.All',
];

/**
 * What the app registration asks for (its `requiredResourceAccess`, as aad.manifest.json declares it):
 * an admin's consent grants exactly these, least privilege per endpoint.
 */
export const REQUESTED_PERMISSIONS: readonly Role[] = [
  'User.Read.All',
  'Organization.Read.All',
  'Reports.Read.All',
  'AuditLog.Read.All',
  'UserAuthenticationMethod.Read.All',
  'GroupMember.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'TeamsAppInstallation.ReadWriteForUser.All',
];

/** docs/graph-behaviour.md §2: GET /users. */
export const READ_USERS: readonly Role[] = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
/** Group reads and memberships. */
export const READ_GROUPS: readonly Role[] = [
  'GroupMember.Read.All',
  'Group.Read.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
/** docs/graph-behaviour.md §3: GET /subscribedSkus. */
export const READ_SKUS: readonly Role[] = [
  'Organization.Read.All',
  'LicenseAssignment.Read.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Organization.ReadWrite.All',
];
/** docs/graph-behaviour.md §4: usage reports. */
export const READ_REPORTS: readonly Role[] = ['Reports.Read.All'];
/** docs/graph-behaviour.md §2.3 and §6: signInActivity and the sign-in log. */
export const READ_AUDIT: readonly Role[] = ['AuditLog.Read.All'];
/** docs/graph-behaviour.md §5: registration details (least AuditLog.Read.All; UserAuthenticationMethod.Read.All higher). */
export const READ_REGISTRATION: readonly Role[] = ['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All'];
/** docs/graph-behaviour.md §7: assignLicense. */
export const ASSIGN_LICENSES: readonly Role[] = [
  'LicenseAssignment.ReadWrite.All',
  'User.ReadWrite.All',
  'Directory.ReadWrite.All',
];
/** Apps in a user's personal scope: list, install, the chat with the app (application permission). */
export const INSTALL_USER_APPS: readonly Role[] = ['TeamsAppInstallation.ReadWriteForUser.All'];
