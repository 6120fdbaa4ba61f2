/**
 * Application permissions per part of the product, the one list the endpoints (src/graph/endpoints),
 * the tasks' optional parts and the permissions card read. Graph accepts any one permission of a
 * list; the first is the one we ask admins to grant (docs/graph-endpoints.md says which endpoint
 * needs which).
 */
export const GRAPH_PERMISSIONS = {
  directory: ['Directory.Read.All', 'User.Read.All', 'Directory.ReadWrite.All', 'User.ReadWrite.All'],
  signIns: ['AuditLog.Read.All'],
  mfa: ['UserAuthenticationMethod.Read.All', 'AuditLog.Read.All'],
  reports: ['Reports.Read.All'],
  groups: ['Directory.Read.All', 'Group.Read.All', 'GroupMember.Read.All'],
  licenseAssignment: ['LicenseAssignment.ReadWrite.All', 'Directory.ReadWrite.All', 'User.ReadWrite.All'],
} as const;

export type PermissionPart = keyof typeof GRAPH_PERMISSIONS;
