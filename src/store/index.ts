export { openStore, isReachable } from './data-source';
export * from './entities';
export { APPS, APP_LABELS, type AppName } from './apps';
export { MIGRATIONS } from './migrations';
export { TaskRuns, INSTANCE, type TaskStatus } from './task-runs';
export { TaskLocks } from './task-lock';
export { bulkUpdateById } from './bulk-update';
export { bind, differs, execute } from './execute';
export { eachTextPair } from './text-pairs';
export { activityAsOfSql, reportReadDate, saveReportRead } from './report-reads';
export { reportDaysByUser } from './report-days';
export {
  currentSnapshots,
  datedSnapshotUsers,
  markSnapshotsLeft,
  replaceSnapshots,
  reportRowDigest,
  userDigest,
  type SnapshotRow,
} from './report-snapshots';
export { replaceChildren, updateChanged, upsertChanged } from './write-changed';
export { heldSkuIds, holdsSkuSql, parseHeldSkuIds, refreshHeldSkus } from './held-skus';
export { refreshStatistics } from './statistics';
export { invalidateUsageMasks } from './usage-mask-state';
export { ReclamationRequests } from './reclamation-requests';
export { OPEN_REQUEST_STATES, type RequestState } from './request-states';
export { isUniqueViolation } from './unique-violation';
export { readCatalog } from './catalog';
export { addLicenseCosts, refuseLicenseCost, removeLicenseCost, type NewLicenseCost } from './license-costs';
export { findUserId } from './users';
export { ExportSigningKeys } from './export-keys';
export {
  CONCEALED_FIX,
  REPORT_LABELS,
  countSuspicious,
  readSuspicious,
  recordSuspicious,
} from './suspicious-activities';
export { ConsentRequests, type ConsentOutcome } from './consent-requests';
export { AuditedSettings } from './audited-settings';
export { ConversationRefs } from './conversation-refs';
export { UsersDirectory } from './users-directory';
export { AuditLog } from './audit-log';
export { Digests } from './digests';
export { DigestDeliveries } from './digest-deliveries';
export { HolderAsks, type NewAsk } from './holder-asks';
export { createRepositories, type Repositories } from './repositories';
export { COPILOT_APPS, COPILOT_APP_LABELS, isCopilotSku, type CopilotApp } from './copilot';
export { CopilotWaitlist } from './copilot-waitlist';
export type { WaitlistState } from './copilot-waitlist-states';
