import { answerWritten } from './answer-gate';
import type { ConsentFlow } from '../consent/flow';
import type { Insights } from '../insights';
import type { Logger } from '../logging/logger';
import type { CopilotWaitlistService } from '../reclamation/copilot/waitlist';
import type { ReclamationWorkflow } from '../reclamation/workflow';
import type { AuditLog, TaskRuns, UsersDirectory } from '../store';
import type { AdminDirectory } from './auth/admins';
import type { ConversationStore } from './conversations/references';
import type { CopilotProposals } from './copilot/proposals';
import type { DigestService } from './digest/service';
import type { ExportLinks } from './export-links';
import type { Proactive } from './proactive';
import type { HolderCards } from './holder/holder-cards';
import type { ApprovalCards } from './reclaim/approval-cards';
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
 * `process.env`). Built once by `createBotApp`. The bot reads and changes data only through the
 * domain (insights, reclamation) and store repositories named for what they do, never the store's
 * machinery (test/bot/layering.test.ts).
 */
export interface BotServices {
  log: Logger;
  now: () => Date;
  /** Shown on cards; says when the tenant is a simulation. Empty for none. */
  banner: string;
  /** The findings, the policy, spend, downgrades, and the numbers of the summary and digest (src/insights). */
  insights: Insights;
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
  /** Reclamation requests: preview, confirm, decisions, undo, retry, settings (src/reclamation). */
  reclamation: ReclamationWorkflow;
  /** The Copilot waitlist: requests, the line, assignment by an admin with a fresh seat check, undo (src/reclamation/copilot). */
  copilot: CopilotWaitlistService;
  /** Free Copilot seats proposed to an admin for the next people waiting; the person told when it is theirs. */
  copilotProposals: CopilotProposals;
  /** Approval cards: built for each viewer, delivered to the approver, every copy kept up to date. */
  approvalCards: ApprovalCards;
  /** The license holder's card (keep or release) for each viewer, and the cards that follow batches of asks. */
  holderCards: HolderCards;
  /** The tenant's users as the last sync stored them: by UPN, by id, their names. */
  users: UsersDirectory;
  /** The audit history: one user's, and the refusals of admin-only requests and other tenants. */
  audit: AuditLog;
  /** Application Task Tracking: the runs of each integration task. */
  taskRuns: TaskRuns;
  /** Background work started by a turn (sync); tracked so shutdown can wait for it and tests can too. */
  background: BackgroundWork;
}

/** Promises of work that outlives its turn. */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly log: Logger) {}

  /**
   * Runs `work` without blocking the caller; a failure is logged, never thrown into nowhere.
   * Started during a turn, it begins once the turn's answer is written (src/bot/answer-gate.ts).
   */
  start(name: string, work: () => Promise<unknown>): void {
    const written = answerWritten();
    const promise = (written ? written.then(work) : work())
      .catch((error: unknown) => this.log.error({ err: error, work: name }, 'background work failed'))
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves when everything started so far (and anything it starts) has finished. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
