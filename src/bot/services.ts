import type { DataSource } from 'typeorm';
import type { ConsentFlow } from '../consent/flow';
import type { Logger } from '../logging/logger';
import type { AdminDirectory } from './auth/admins';
import type { ConversationStore } from './conversations/references';
import type { DigestService } from './digest/service';
import type { ExportLinks } from './export-links';
import type { Proactive } from './proactive';
import type { ApprovalWorkflow } from './reclaim/workflow';
import type { SyncService } from './sync/sync-service';

/** The Graph facts the bot shows: permissions granted to the app (from the token's `roles`). */
export interface GraphFacts {
  /** Application permissions granted, from the current token. Throws when no token can be had. */
  roles(): Promise<ReadonlySet<string>>;
  /** How the app signs in to Entra ID, in words (src/graph/auth.ts CREDENTIAL_LABELS). */
  readonly credential: string;
}

/**
 * Everything a command or card action may use, as one injected object (no globals, no
 * `process.env`). Built once by `createBotApp`.
 */
export interface BotServices {
  dataSource: DataSource;
  log: Logger;
  now: () => Date;
  /** Shown on cards; says when the tenant is a simulation. Empty for none. */
  banner: string;
  admins: AdminDirectory;
  conversations: ConversationStore;
  graph: GraphFacts;
  /** Absent: `sync` answers that syncing is not available in this process. */
  sync?: SyncService;
  /** Admin consent from Teams (`connect`). Absent: `connect` says it is not available. */
  consent?: ConsentFlow;
  /** PUBLIC_URL: where people reach this server. Absent: taken from the request of the turn. */
  publicUrl?: string;
  exportLinks: ExportLinks;
  proactive: Proactive;
  digest: DigestService;
  /** Reclamation requests, approval cards and their updates (issue 7). */
  approvals: ApprovalWorkflow;
  /** Background work started by a turn (sync); tracked so shutdown can wait for it and tests can too. */
  background: BackgroundWork;
}

/** Promises of work that outlives its turn. */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly log: Logger) {}

  /** Runs `work` without blocking the caller; a failure is logged, never thrown into nowhere. */
  start(name: string, work: () => Promise<unknown>): void {
    const promise = work()
      .catch((error: unknown) => this.log.error({ err: error, work: name }, 'background work failed'))
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves when everything started so far (and anything it starts) has finished. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
