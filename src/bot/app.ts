import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { ConsentFlow } from '../consent/flow';
import { CREDENTIAL_LABELS, type GraphClient } from '../graph';
import type { Insights } from '../insights';
import type { Logger } from '../logging/logger';
import type { CopilotWaitlistService } from '../reclamation/copilot/waitlist';
import type { RequestNotifier } from '../reclamation/notifier';
import type { ReclamationWorkflow } from '../reclamation/workflow';
import type { Repositories } from '../store';
import { ACTIONS } from './actions';
import { AdminDirectory, type Admins } from './auth/admins';
import { ServedTenant } from './auth/served-tenant';
import { unexpectedErrorCard } from './cards/error';
import { COMMANDS } from './commands';
import type { Command } from './commands/command';
import { helpCommand, type HelpOptions } from './commands/help';
import { registerConversationEvents } from './conversations/events';
import { announceConsent } from './consent-announcer';
import { ConversationStore } from './conversations/references';
import { CopilotProposals } from './copilot/proposals';
import { DigestService, type DigestServiceOptions } from './digest/service';
import { registerActions } from './dispatch/actions';
import { referenceOf } from './dispatch/caller';
import { registerCommands } from './dispatch/commands';
import { guardTurns } from './dispatch/guard';
import { ExportLinks } from './export-links';
import { memberGroupsFrom } from './graph-facts';
import { AskSender, type AskSenderOptions } from './holder/ask-sender';
import { HolderCards } from './holder/holder-cards';
import { HolderReach } from './holder/reach';
import { Proactive } from './proactive';
import { ApprovalCards } from './reclaim/approval-cards';
import { BackgroundWork, type BotServices } from './services';
import type { SyncService } from './sync/sync-service';
import { turnLogger } from './turn-logger';

/** The store's repositories the bot uses (src/store/repositories.ts). */
export type BotRepositories = Pick<
  Repositories,
  | 'conversations'
  | 'users'
  | 'audit'
  | 'settings'
  | 'digests'
  | 'deliveries'
  | 'taskRuns'
  | 'requests'
  | 'holderAsks'
  | 'exportKeys'
>;

export interface BotAppOptions {
  adapter: TeamsAdapter;
  /** The findings, the policy and the numbers the summary and digest show. */
  insights: Insights;
  store: BotRepositories;
  /**
   * The reclamation workflow, given where to announce new requests and changes (the bot's approval
   * cards); built by src/index.ts.
   */
  reclamation(notifier: RequestNotifier): ReclamationWorkflow;
  /** The Copilot waitlist (src/reclamation/copilot/waitlist.ts). */
  copilot: CopilotWaitlistService;
  log: Logger;
  botAppId?: string;
  /** Shown on cards; says when the tenant is a simulation. */
  banner: string;
  /** Granted permissions (from the token) and group memberships (admin groups). */
  graph: GraphClient;
  /** The one tenant served: its id, or a resolver when configuration names it by domain. */
  servedTenant: string | (() => Promise<string>);
  /** Runs integration tasks for `sync`; absent, `sync` says it is not available. */
  sync?: SyncService;
  /** Admins while none are configured in settings (demo mode: the demo tenant's license admin). Default nobody. */
  defaultAdmins?: Admins;
  /** Admin consent from Teams: `connect`, the permissions card's button, the answer posted to the admin. */
  consent?: ConsentFlow;
  /** PUBLIC_URL, for the admin-consent redirect. Absent: the address of each request. */
  publicUrl?: string;
  /** Run the weekly digest schedule. Default true; tests that drive digests turn it off. */
  digestSchedule?: boolean;
  /** Digest sending pace and retry backoff. */
  digestOutbox?: DigestServiceOptions['outbox'];
  /** TEAMS_APP_CATALOG_ID: lets the bot install itself for license holders it has never talked to. */
  teamsAppCatalogId?: string;
  /** Holder asks' pace, retry backoff and progress updates (tests make them quicker). */
  askSender?: Pick<AskSenderOptions, 'minIntervalMs' | 'backoff' | 'progressIntervalMs' | 'leaseMs'>;
  now?: () => Date;
}

/** The bot: the teams-ai Application, the services its handlers share, and its background parts. */
export interface BotApp {
  application: Application<TurnState>;
  services: BotServices;
  /** Starts the digest schedule (resuming pending deliveries) and the holder asks a stop left unsent. */
  start(): Promise<void>;
  /** Stops schedules; work in flight is abandoned (a restart resumes or reports it). */
  stop(): void;
}

/**
 * Builds the bot: commands and card actions registered from their lists, a tenant guard before
 * every turn, installation events, and a last-resort error card (never silence, never a stack trace).
 */
export function createBotApp(options: BotAppOptions): BotApp {
  const now = options.now ?? (() => new Date());
  // No `storage`: no handler keeps turn state (what must last is in the store's repositories), so
  // teams-ai reads and writes nothing per turn.
  const application = new Application<TurnState>({
    adapter: options.adapter,
    ...(options.botAppId ? { botAppId: options.botAppId } : {}),
    // Strips "<at>License Steward</at>" from channel and group chat messages before routing.
    removeRecipientMention: true,
    startTypingTimer: true,
  });
  const { store } = options;
  const conversations = new ConversationStore(store.conversations, now);
  const proactive = new Proactive(options.adapter, options.botAppId ?? '');
  const holderCards = new HolderCards({
    users: store.users,
    conversations,
    proactive,
    log: options.log.child({ component: 'holder' }),
    banner: options.banner,
  });
  const approvalCards = new ApprovalCards({
    users: store.users,
    requests: store.requests,
    log: options.log,
    now,
    banner: options.banner,
    conversations,
    proactive,
    holder: holderCards,
    asks: store.holderAsks,
  });
  const servedTenant = new ServedTenant(options.servedTenant);
  const background = new BackgroundWork(options.log);
  const reach = new HolderReach({
    graph: options.graph,
    conversations,
    proactive,
    tenantId: () => servedTenant.id(),
    log: options.log.child({ component: 'holder' }),
    now,
    ...(options.teamsAppCatalogId ? { catalogId: options.teamsAppCatalogId } : {}),
  });
  const askSender = new AskSender({
    asks: store.holderAsks,
    requests: store.requests,
    reach,
    cards: holderCards,
    background,
    log: options.log.child({ component: 'holder' }),
    now,
    ...options.askSender,
  });
  const admins = new AdminDirectory({
    settings: store.settings,
    users: store.users,
    log: options.log,
    now,
    memberGroups: memberGroupsFrom(options.graph),
    ...(options.defaultAdmins ? { fallback: options.defaultAdmins } : {}),
  });
  // The workflow is built below, with the notifier; its settings are read when a proposal is posted.
  const copilotProposals = new CopilotProposals({
    copilot: options.copilot,
    conversations,
    proactive,
    admins,
    log: options.log.child({ component: 'copilot' }),
    banner: options.banner,
    approvalsChannel: async () => (await reclamation.settings.get()).approvalsChannel,
  });
  // The approval and holder cards follow each request; a reclaimed Copilot license also frees a seat for the waitlist.
  const notifier: RequestNotifier = {
    requested: (request, channel) => approvalCards.requested(request, channel),
    changed: async (request) => {
      await approvalCards.changed(request);
      await copilotProposals.requestChanged(request);
    },
    asksQueued: () => approvalCards.asksQueued(),
    remind: (request) => approvalCards.remind(request),
  };
  const reclamation = options.reclamation(notifier);
  const services: BotServices = {
    log: options.log,
    now,
    banner: options.banner,
    insights: options.insights,
    admins,
    conversations,
    graph: { roles: () => options.graph.auth.roles(), credential: CREDENTIAL_LABELS[options.graph.auth.kind] },
    ...(options.sync ? { sync: options.sync } : {}),
    ...(options.consent ? { consent: options.consent } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    exportLinks: new ExportLinks({ now, keys: store.exportKeys }),
    proactive,
    digest: new DigestService({
      insights: options.insights,
      digests: store.digests,
      deliveries: store.deliveries,
      settings: store.settings,
      log: options.log.child({ component: 'digest' }),
      now,
      conversations,
      proactive,
      banner: options.banner,
      schedule: options.digestSchedule ?? true,
      ...(options.digestOutbox ? { outbox: options.digestOutbox } : {}),
    }),
    background,
    reclamation,
    approvalCards,
    holderCards,
    copilot: options.copilot,
    copilotProposals,
    users: store.users,
    audit: store.audit,
    taskRuns: store.taskRuns,
  };

  holderCards.attach(services.reclamation);
  askSender.attach(services.reclamation);
  approvalCards.onAsksQueued(() => askSender.kick());
  options.consent?.onAnswer((answer) => announceConsent(services, answer));
  const commands: Command[] = [];
  const help: HelpOptions = { commands: () => commands, banner: options.banner };
  commands.push(helpCommand(help), ...COMMANDS);
  guardTurns(application, services, servedTenant);
  registerConversationEvents(application, services, help);
  registerActions(application, services, ACTIONS);
  registerCommands(application, services, commands, help);

  application.error(async (context, error) => {
    const log = turnLogger(context, options.log);
    const reference = referenceOf(context);
    log.error({ err: error, reference }, 'turn failed');
    try {
      await context.sendActivity({ attachments: [unexpectedErrorCard(reference)] });
    } catch (sendError) {
      // The channel itself is unreachable; the log is all we can do.
      log.error({ err: sendError }, 'could not tell the user about the failure');
    }
  });

  return {
    application,
    services,
    async start() {
      // Holder asks a stop left unsent go now (an ask interrupted mid-send is never sent again).
      askSender.kick();
      await services.digest.start();
    },
    stop: () => {
      askSender.stop();
      services.digest.stop();
    },
  };
}
