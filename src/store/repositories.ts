import type { DataSource } from 'typeorm';
import { AuditLog } from './audit-log';
import { AuditedSettings } from './audited-settings';
import { ConsentRequests } from './consent-requests';
import { ConversationRefs } from './conversation-refs';
import { DigestDeliveries } from './digest-deliveries';
import { Digests } from './digests';
import { ExportSigningKeys } from './export-keys';
import { HolderAsks } from './holder-asks';
import { ReclamationRequests } from './reclamation-requests';
import { TaskRuns } from './task-runs';
import { UsersDirectory } from './users-directory';

/** The store as the layers above it use it: one repository per thing it keeps, each named for what it does. */
export interface Repositories {
  conversations: ConversationRefs;
  users: UsersDirectory;
  audit: AuditLog;
  /** Settings (admins, digest schedule, reclamation), each change audited. */
  settings: AuditedSettings;
  digests: Digests;
  deliveries: DigestDeliveries;
  taskRuns: TaskRuns;
  requests: ReclamationRequests;
  /** Asks to license holders (keep or release) and their batches, sent at a pace Teams accepts. */
  holderAsks: HolderAsks;
  exportKeys: ExportSigningKeys;
  /** Admin-consent round trips in flight (hashes of their states only). */
  consents: ConsentRequests;
}

/** Every repository over one open DataSource (`openStore`); src/index.ts builds them once. */
export function createRepositories(dataSource: DataSource): Repositories {
  return {
    conversations: new ConversationRefs(dataSource),
    users: new UsersDirectory(dataSource),
    audit: new AuditLog(dataSource),
    settings: new AuditedSettings(dataSource),
    digests: new Digests(dataSource),
    deliveries: new DigestDeliveries(dataSource),
    taskRuns: new TaskRuns(dataSource),
    requests: new ReclamationRequests(dataSource),
    holderAsks: new HolderAsks(dataSource),
    exportKeys: new ExportSigningKeys(dataSource),
    consents: new ConsentRequests(dataSource),
  };
}
