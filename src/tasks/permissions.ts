/**
 * Application permissions per part of the product (graph-contract §2–§7; aad.manifest.json requests
 * the first of each list). Graph accepts any one permission of a list; the first is the least
 * privileged, the one admins are asked to grant; the others are broader ones that also serve.
 */
export const PERMISSIONS = {
  directory: ['User.Read.All', 'Directory.Read.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  skus: ['Organization.Read.All', 'LicenseAssignment.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
  signIns: ['AuditLog.Read.All'],
  mfa: ['UserAuthenticationMethod.Read.All', 'AuditLog.Read.All'],
  reports: ['Reports.Read.All'],
  groups: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'],
  assignLicenses: ['LicenseAssignment.ReadWrite.All', 'Directory.ReadWrite.All', 'User.ReadWrite.All'],
  installApp: ['TeamsAppInstallation.ReadWriteForUser.All'],
} as const;
