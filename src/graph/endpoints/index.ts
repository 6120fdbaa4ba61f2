import type { Endpoint } from './endpoint';
import { ASSIGN_LICENSE } from './assign-license';
import { COPILOT_USAGE_USER_DETAIL } from './copilot-usage';
import { GROUP, GROUPS_BATCH, GROUPS_BY_NAME } from './groups';
import { MEMBER_OF, USER_MEMBERS } from './memberships';
import { REGISTRATION_DETAILS, REGISTRATION_DETAILS_BATCH } from './registration-details';
import {
  ACTIVATIONS_USER_DETAIL,
  ACTIVE_USER_DETAIL,
  EMAIL_ACTIVITY_USER_DETAIL,
  M365_APP_USER_DETAIL,
  MAILBOX_USAGE_DETAIL,
  ONEDRIVE_USAGE_ACCOUNT_DETAIL,
} from './reports';
import { SIGN_INS } from './sign-ins';
import { SUBSCRIBED_SKUS } from './subscribed-skus';
import { INSTALL_USER_APP, USER_APP_CHAT, USER_APPS } from './teams-apps';
import { MANAGER, USER, USERS, USERS_SIGNED_IN_SINCE, USERS_WITH_SIGN_IN } from './users';
import { USERS_DELTA } from './users-delta';

export type { Endpoint } from './endpoint';
export { assignLicense } from './assign-license';
export { copilotUsageUserDetail, type CopilotUsageRow } from './copilot-usage';
export { findGroupByName, getGroup, getGroupsBatch } from './groups';
export { listMemberOf, listUserMembers } from './memberships';
export { getRegistrationDetailsBatch, listRegistrationDetails } from './registration-details';
export {
  emailActivityUserDetail,
  m365AppUserDetail,
  mailboxUsageDetail,
  office365ActivationsUserDetail,
  office365ActiveUserDetail,
  oneDriveUsageAccountDetail,
} from './reports';
export { listSignIns } from './sign-ins';
export { listSubscribedSkus } from './subscribed-skus';
export { getUserAppChat, installUserApp, listUserAppInstallations } from './teams-apps';
export {
  getManager,
  getUserLicenseState,
  listSignedInSince,
  listUsers,
  type DirectoryUser,
  type Manager,
  type SignInProperty,
  type UserLicenseState,
} from './users';
export { readUsersDelta } from './users-delta';

/** Every Graph endpoint the product calls; docs/graph-endpoints.md has a row for each (a test checks it). */
export const GRAPH_ENDPOINTS: readonly Endpoint[] = [
  USERS,
  USERS_WITH_SIGN_IN,
  USERS_DELTA,
  USERS_SIGNED_IN_SINCE,
  USER,
  MANAGER,
  MEMBER_OF,
  GROUP,
  GROUPS_BY_NAME,
  GROUPS_BATCH,
  USER_MEMBERS,
  SUBSCRIBED_SKUS,
  REGISTRATION_DETAILS,
  REGISTRATION_DETAILS_BATCH,
  SIGN_INS,
  ACTIVE_USER_DETAIL,
  EMAIL_ACTIVITY_USER_DETAIL,
  ACTIVATIONS_USER_DETAIL,
  M365_APP_USER_DETAIL,
  ONEDRIVE_USAGE_ACCOUNT_DETAIL,
  MAILBOX_USAGE_DETAIL,
  COPILOT_USAGE_USER_DETAIL,
  ASSIGN_LICENSE,
  USER_APPS,
  INSTALL_USER_APP,
  USER_APP_CHAT,
];
