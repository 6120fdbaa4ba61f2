/**
 * Application permissions per part of the product, the one list the endpoints (src/graph/endpoints),
 * the tasks' optional parts and the permissions card read. Graph accepts any one permission of a
 * list; the first, the least privileged, is the one we ask admins to grant and aad.manifest.json
 * requests (docs/graph-permissions.md; docs/graph-endpoints.md says which endpoint needs which).
 */
export const GRAPH_PERMISSIONS = {
  directory: ['User.Read.All', 'Directory.Read.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  skus: [
    'Organization.Read.All',
    'LicenseAssignment.Read.All',
    'Directory.Read.All',
    'Organization.ReadWrite.All',
    'Directory.ReadWrite.All',
  ],
  signIns: ['AuditLog.Read.All'],
  mfa: ['UserAuthenticationMethod.Read.All', 'AuditLog.Read.All'],
  reports: ['Reports.Read.All'],
  groups: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'],
  licenseAssignment: ['LicenseAssignment.ReadWrite.All', 'Directory.ReadWrite.All', 'User.ReadWrite.All'],
  installApp: ['TeamsAppInstallation.ReadWriteForUser.All'],
} as const;
