/**
 * Application permissions per part of a task (seeds' permission table; graph-contract §2–§7).
 * Graph accepts any one permission of a list; the first is the one we ask admins to grant.
 */
export const PERMISSIONS = {
  directory: ['Directory.Read.All', 'User.Read.All', 'Directory.ReadWrite.All', 'User.ReadWrite.All'],
  signIns: ['AuditLog.Read.All'],
  mfa: ['UserAuthenticationMethod.Read.All', 'AuditLog.Read.All'],
  reports: ['Reports.Read.All'],
  groups: ['Directory.Read.All', 'Group.Read.All', 'GroupMember.Read.All'],
} as const;
