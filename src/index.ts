import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { ConfigError, graphConfigFor, loadAppConfig, type Config, type GraphConfig } from './config';
import { ConsentFlow } from './consent/flow';
import { CREDENTIAL_LABELS, GraphClient } from './graph';
import { createLogger, type Logger } from './logging/logger';
import { createRepositories, isReachable, openStore, TaskLocks, TaskRuns } from './store';
import { NAMED_PEOPLE, startSimulator, STEWARD_CATALOG_APP_ID, type RunningSimulator } from './simulator';
import { runTask } from './tasks/runner';
import { DEFAULT_SCHEDULES, Scheduler } from './tasks/scheduler';
import { INTEGRATION_TASKS } from './tasks/registry';
import { TASK_NAMES, type SyncMode, type TaskName } from './tasks/task';
import { createAdapter } from './bot/adapter';
import { createBotApp, type BotApp, type BotAppOptions } from './bot/app';
import { servedTenantSource } from './bot/auth/served-tenant';
import { findingsCsv } from './bot/export-csv';
import { Insights, prepareUsageSnapshot } from './insights';
import { CopilotWaitlistService } from './reclamation/copilot/waitlist';
import { ReclamationSchedule } from './reclamation/schedule';
import { ReclamationWorkflow } from './reclamation/workflow';
import { createHttpServer } from './server/server';

/** The project root, from src/ (tsx) or dist/ (compiled) alike. */
const ROOT = resolve(__dirname, '..');

export interface StartOptions {
  /** Size of the demo tenant. */
  demoUsers?: number;
  /** Demo: sync once at start. Tenant: start the scheduler (which runs missed schedules). */
  syncAtStart?: boolean;
  /** Run the weekly digest schedule. Default true. */
  digestSchedule?: boolean;
  /**
   * Where Bot Framework's OpenID metadata (the keys that sign channel tokens) is read. Default: the
   * public cloud's. Only tests set it, to a local endpoint serving a key of their own: it is no
   * configuration variable, since a wrong value would make the bot trust whoever holds that key.
   */
  botOpenIdMetadataUrl?: string;
  /** The bot's clock (tests of time rules); default the system clock. */
  now?: () => Date;
  /** Holder asks' pace and backoff (tests make them quicker). */
  askSender?: BotAppOptions['askSender'];
}

export interface RunningApp {
  port: number;
  endpoint: string;
  simulator?: RunningSimulator;
  /** Resolves when the start-up sync has finished (at once when there is none). */
  firstSync: Promise<void>;
  /** The database the app opened (tests read and arrange it; the bot itself gets repositories only). */
  store: DataSource;
  bot: BotApp;
  stop(): Promise<void>;
}

const DEMO_BANNER = "Demo mode: this is a simulated tenant, not your organisation's data.";

/** Wires config → simulator (demo only) → graph → store → tasks → insights / reclamation → bot → server. */
export async function startApp(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningApp> {
  // The simulator exists only in demo mode, which config allows only when no GRAPH_* credential is set.
  const simulator =
    config.mode === 'demo' ? await startSimulator({ users: options.demoUsers ?? 2000, seed: 1 }) : undefined;
  const graphConfig: GraphConfig = simulator ? graphConfigFor(simulator) : config.graph!;
  const graph = new GraphClient({ config: graphConfig });
  const dataSource = await openStore(config.database);
  // Runs a crashed process left "running" are recorded as failed once their lock has lapsed.
  const abandoned = await new TaskRuns(dataSource).failAbandoned(new Date(), (task) =>
    new TaskLocks(dataSource).isHeld(task, new Date()),
  );
  if (abandoned) log.warn({ abandoned }, 'task runs interrupted by an earlier stop were marked failed');
  const adapter = createAdapter(
    config.bot,
    options.botOpenIdMetadataUrl ? { openIdMetadataUrl: options.botOpenIdMetadataUrl } : {},
  );
  let warming = Promise.resolve();
  let warmQueued = false;
  const run = async (
    task: TaskName,
    trigger: 'schedule' | 'startup' | 'manual',
    onProgress?: (message: string) => void,
    mode?: SyncMode,
  ) => {
    const result = await runTask(INTEGRATION_TASKS[task], {
      graph,
      dataSource,
      log,
      trigger,
      ...(mode ? { mode } : {}),
      onProgress: (t, message) => (onProgress ? onProgress(message) : log.debug({ task: t }, message)),
    });
    // The run made the usage snapshot out of date: rebuild it now rather than on an admin's next
    // downgrade page. Runs that end while a rebuild is still waiting share it.
    if (result.started && !warmQueued) {
      warmQueued = true;
      warming = warming
        .then(() => {
          warmQueued = false;
          return prepareUsageSnapshot(dataSource, new Date());
        })
        .catch((error: unknown) => log.warn({ err: error }, 'usage snapshot not rebuilt'));
    }
    return result;
  };
  const now = options.now ?? (() => new Date());
  // The bot gets the domain and repositories named for what they do, never the DataSource.
  const repositories = createRepositories(dataSource);
  const consent = new ConsentFlow({
    requests: repositories.consents,
    keys: repositories.exportKeys,
    app: {
      authorityHost: graphConfig.authorityHost,
      tenantId: graphConfig.tenantId,
      clientId: graphConfig.clientId,
      scope: graph.auth.scope,
    },
    renewToken: () => graph.auth.renew(),
    now,
    log: log.child({ component: 'consent' }),
  });
  // Demo: License Steward is in the simulated tenant's app catalog under the simulator's id.
  const catalogId = config.teamsAppCatalogId ?? (simulator ? STEWARD_CATALOG_APP_ID : undefined);
  const bot = createBotApp({
    adapter,
    log,
    ...(config.bot.id ? { botAppId: config.bot.id } : {}),
    banner: config.mode === 'demo' ? DEMO_BANNER : '',
    insights: new Insights(dataSource),
    store: repositories,
    graph,
    servedTenant: servedTenantSource(graphConfig.tenantId, async () => (await graph.auth.token()).token),
    sync: { tasks: TASK_NAMES, run: (task, onProgress) => run(task as TaskName, 'manual', onProgress) },
    // Demo: the demo tenant's license administrator (Adele Vance) is the bot's admin.
    ...(simulator
      ? { defaultAdmins: { users: NAMED_PEOPLE.filter((p) => p.admin).map((p) => p.id), groups: [] } }
      : {}),
    digestSchedule: options.digestSchedule ?? true,
    now,
    reclamation: (notifier) =>
      new ReclamationWorkflow({ graph, dataSource, settings: repositories.settings, log, now, notifier }),
    copilot: new CopilotWaitlistService({ graph, dataSource, log: log.child({ component: 'copilot' }), now }),
    ...(catalogId ? { teamsAppCatalogId: catalogId } : {}),
    ...(options.askSender ? { askSender: options.askSender } : {}),
    consent,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });
  const housekeeping = new ReclamationSchedule(bot.services.reclamation, log.child({ component: 'reclamation' }), () =>
    bot.services.copilotProposals.run(),
  );
  const http = createHttpServer({
    adapter,
    app: bot.application,
    ready: () => isReachable(dataSource),
    log,
    exports: { links: bot.services.exportLinks, csv: (request) => findingsCsv(bot.services, request) },
    consent,
  });
  const stopAll = async () => {
    await graph.close();
    await dataSource.destroy();
    await simulator?.stop();
  };
  let port: number;
  try {
    port = await http.listen(config.port);
  } catch (error) {
    await stopAll();
    throw error;
  }

  await bot.start().catch((error: unknown) => log.error({ err: error }, 'the digest schedule failed to start'));
  // Settles reclamations a stop interrupted, then expires requests hourly (it logs its own failures).
  await housekeeping.start();
  let scheduler: Scheduler | undefined;
  let firstSync = Promise.resolve();
  if (options.syncAtStart ?? true) {
    if (simulator) {
      firstSync = (async () => {
        for (const task of TASK_NAMES) await run(task, 'startup');
      })().catch((error: unknown) => log.error({ err: error }, 'demo sync failed'));
    } else {
      scheduler = new Scheduler({
        schedules: DEFAULT_SCHEDULES,
        runs: new TaskRuns(dataSource),
        log,
        run: (task, trigger, mode) => run(task, trigger, undefined, mode),
      });
      firstSync = scheduler.start().catch((error: unknown) => log.error({ err: error }, 'scheduler failed to start'));
    }
  }

  return {
    port,
    endpoint: `http://localhost:${port}/api/messages`,
    ...(simulator ? { simulator } : {}),
    firstSync,
    store: dataSource,
    bot,
    async stop() {
      scheduler?.stop();
      bot.stop();
      housekeeping.stop();
      await http.close();
      await warming;
      // A sync still in flight fails its current run (recorded as failed); its transactions keep the
      // data consistent, and the next start finishes the work.
      await stopAll();
    },
  };
}

function banner(config: Config, running: RunningApp): string {
  const lines =
    config.mode === 'demo'
      ? [
          'License Steward — DEMO MODE (no GRAPH_* credentials set)',
          `  Bot endpoint : ${running.endpoint}`,
          `  Tenant       : SIMULATED — the built-in tenant simulator (${running.simulator?.url}) serves a synthetic`,
          '                 tenant of 2,000 users; the integration tasks are reading it now.',
          '  Next         : run `npm run playground` in another terminal to chat with the bot in the',
          '                 Microsoft 365 Agents Playground, or set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and one',
          '                 credential to read a real tenant (README, "Connect your tenant").',
        ]
      : [
          `License Steward — TENANT MODE (tenant ${config.graph?.tenantId})`,
          `  Bot endpoint : ${running.endpoint}`,
          `  Graph        : ${config.graph?.baseUrl}`,
          `  Credential   : ${config.graph ? CREDENTIAL_LABELS[config.graph.credential.kind] : ''}`,
          `  Bot identity : ${config.bot.id ? `${config.bot.type} app ${config.bot.id}` : 'none (unauthenticated local traffic accepted)'}`,
        ];
  return `\n${lines.join('\n')}\n\n`;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadAppConfig(ROOT);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`License Steward: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger({ level: config.logLevel, secrets: config.secrets });
  let running: RunningApp;
  try {
    running = await startApp(config, log);
  } catch (error) {
    log.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
  process.stdout.write(banner(config, running));
  log.info({ mode: config.mode, port: running.port }, 'ready');
  void running.firstSync.then(() => log.info('start-up sync finished'));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  void main();
}
