import type { Endpoint } from './endpoint';
import { ASSIGN_LICENSE } from './assign-license';
import { COPILOT_USAGE_USER_DETAIL } from './copilot-usage';
import { GROUP, GROUPS_BATCH, GROUPS_BY_NAME } from './groups';
import { MEMBER_OF, USER_MEMBERS } from './memberships';
import { REGISTRATION_DETAILS } from './registration-details';
import {
  ACTIVATIONS_USER_DETAIL, ACTIVE_USER_DETAIL, EMAIL_ACTIVITY_USER_DETAIL, M365_APP_USER_DETAIL, MAILBOX_USAGE_DETAIL,
  ONEDRIVE_USAGE_ACCOUNT_DETAIL,
} from './reports';
import { SIGN_INS } from './sign-ins';
import { SUBSCRIBED_SKUS } from './subscribed-skus';
import { INSTALL_USER_APP, USER_APP_CHAT, USER_APPS } from './teams-apps';
import { MANAGER, USER, USERS, USERS_WITH_SIGN_IN } from './users';

export type { Endpoint } from './endpoint';
export { assignLicense } from './assign-license';
export { copilotUsageUserDetail, type CopilotUsageRow } from './copilot-usage';
export { findGroupByName, getGroup, getGroupsBatch } from './groups';
export { listMemberOf, listUserMembers } from './memberships';
export { listRegistrationDetails } from './registration-details';
export {
  emailActivityUserDetail, m365AppUserDetail, mailboxUsageDetail, office365ActivationsUserDetail, office365ActiveUserDetail,
  oneDriveUsageAccountDetail,
} from './reports';
export { listSignIns } from './sign-ins';
export { listSubscribedSkus } from './subscribed-skus';
export { getUserAppChat, installUserApp, listUserAppInstallations } from './teams-apps';
export { getManager, getUserLicenseState, listUsers, type DirectoryUser, type Manager, type UserLicenseState } from './users';

/** Every Graph endpoint the product calls; docs/graph-endpoints.md has a row for each (a test checks it). */
export const GRAPH_ENDPOINTS: readonly Endpoint[] = [
  USERS, USERS_WITH_SIGN_IN, USER, MANAGER, MEMBER_OF, GROUP, GROUPS_BY_NAME, GROUPS_BATCH, USER_MEMBERS, SUBSCRIBED_SKUS,
  REGISTRATION_DETAILS, SIGN_INS, ACTIVE_USER_DETAIL, EMAIL_ACTIVITY_USER_DETAIL, ACTIVATIONS_USER_DETAIL, M365_APP_USER_DETAIL,
  ONEDRIVE_USAGE_ACCOUNT_DETAIL, MAILBOX_USAGE_DETAIL, COPILOT_USAGE_USER_DETAIL, ASSIGN_LICENSE, USER_APPS, INSTALL_USER_APP, USER_APP_CHAT,
];
