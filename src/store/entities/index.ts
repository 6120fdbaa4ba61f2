import { AppActivity } from './app-activity.entity';
import { AuditEvent } from './audit-event.entity';
import { ConsentRequest } from './consent-request.entity';
import { ConversationRef } from './conversation.entity';
import { CopilotActivity } from './copilot-activity.entity';
import { CopilotWaitlistEntry } from './copilot-waitlist.entity';
import { Digest } from './digest.entity';
import { DigestDelivery } from './digest-delivery.entity';
import { ExportSigningKey } from './export-signing-key.entity';
import { DirectoryGroup, GroupMember } from './group.entity';
import { AskBatch, HolderAsk } from './holder-ask.entity';
import { LicenseCost } from './license-cost.entity';
import { ReclamationRequest } from './reclamation-request.entity';
import { ReportRead } from './report-read.entity';
import { ReportSnapshot } from './report-snapshot.entity';
import { Setting } from './setting.entity';
import { Sku } from './sku.entity';
import { SuspiciousActivity } from './suspicious-activity.entity';
import { SyncCursor, TaskLock, TaskRun } from './task-run.entity';
import { UsageMask, UsageMaskState } from './usage-mask.entity';
import { TenantUser } from './user.entity';
import { UserLicense } from './user-license.entity';

export {
  AppActivity,
  AskBatch,
  HolderAsk,
  AuditEvent,
  ConsentRequest,
  ConversationRef,
  CopilotActivity,
  CopilotWaitlistEntry,
  Digest,
  DigestDelivery,
  DirectoryGroup,
  ExportSigningKey,
  GroupMember,
  LicenseCost,
  ReclamationRequest,
  ReportRead,
  ReportSnapshot,
  Setting,
  Sku,
  SuspiciousActivity,
  SyncCursor,
  TaskLock,
  TaskRun,
  TenantUser,
  UsageMask,
  UsageMaskState,
  UserLicense,
};
export type { ServicePlanInfo } from './sku.entity';
export type { SkippedPart, TaskRunCounts } from './task-run.entity';

export const ENTITIES = [
  TenantUser,
  Sku,
  LicenseCost,
  UserLicense,
  DirectoryGroup,
  GroupMember,
  AppActivity,
  ReportSnapshot,
  ReportRead,
  TaskRun,
  TaskLock,
  SyncCursor,
  Setting,
  ConversationRef,
  ReclamationRequest,
  AuditEvent,
  SuspiciousActivity,
  Digest,
  DigestDelivery,
  UsageMask,
  UsageMaskState,
  ExportSigningKey,
  ConsentRequest,
  CopilotActivity,
  CopilotWaitlistEntry,
  AskBatch,
  HolderAsk,
];
