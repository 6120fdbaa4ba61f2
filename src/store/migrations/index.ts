import { InitialSchema1764115200000 } from './1764115200000-initial-schema';
import { Digests1764288000000 } from './1764288000000-digests';
import { OneOpenRequest1764374400000 } from './1764374400000-one-open-request';
import { HeldSkus1764460800000 } from './1764460800000-held-skus';
import { UsageMasks1764547200000 } from './1764547200000-usage-masks';
import { DowngradeRequests1764633600000 } from './1764633600000-downgrade-requests';
import { LicenseChangeSafety1764720000000 } from './1764720000000-license-change-safety';
import { WriteSent1764806400000 } from './1764806400000-write-sent';
import { HourlyAudit1765065600000 } from './1765065600000-hourly-audit';
import { ExportSigningKeys1765152000000 } from './1765152000000-export-signing-keys';
import { ConsentRequests1765238400000 } from './1765238400000-consent-requests';
import { IncrementalSync1765324800000 } from './1765324800000-incremental-sync';
import { CostTerm1765497600000 } from './1765497600000-cost-term';
import { HolderStep1765756800000 } from './1765756800000-holder-step';
import { DropBotState1766016000000 } from './1766016000000-drop-bot-state';
import { Copilot1766102400000 } from './1766102400000-copilot';
import { ReportReads1766188800000 } from './1766188800000-report-reads';

/** In order. A new migration is appended here; an applied one is never edited. */
export const MIGRATIONS = [
  InitialSchema1764115200000,
  Digests1764288000000,
  OneOpenRequest1764374400000,
  HeldSkus1764460800000,
  UsageMasks1764547200000,
  DowngradeRequests1764633600000,
  LicenseChangeSafety1764720000000,
  WriteSent1764806400000,
  HourlyAudit1765065600000,
  ExportSigningKeys1765152000000,
  ConsentRequests1765238400000,
  IncrementalSync1765324800000,
  CostTerm1765497600000,
  HolderStep1765756800000,
  DropBotState1766016000000,
  Copilot1766102400000,
  ReportReads1766188800000,
];
