import type { ReportName } from '../report-request';
import { activationsUserDetail } from './activations';
import { activeUserDetail } from './active-user-detail';
import type { ReportDefinition } from './definition';
import { emailActivity } from './email-activity';
import { m365AppUserDetail } from './m365-app-user-detail';
import { mailboxUsage } from './mailbox-usage';
import { oneDriveUsage } from './onedrive-usage';

export const REPORTS: Readonly<Record<ReportName, ReportDefinition>> = {
  getOffice365ActiveUserDetail: activeUserDetail,
  getEmailActivityUserDetail: emailActivity,
  getOffice365ActivationsUserDetail: activationsUserDetail,
  getM365AppUserDetail: m365AppUserDetail,
  getOneDriveUsageAccountDetail: oneDriveUsage,
  getMailboxUsageDetail: mailboxUsage,
};
