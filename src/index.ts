import { join, resolve } from 'node:path';
import { ConfigError, loadConfig, readEnv, type Config } from './config';
import { createLogger, type Logger } from './logging/logger';
import { DatabaseBotStorage, openStore } from './store';
import { createAdapter } from './bot/adapter';
import { createBotApp } from './bot/app';
import { createHttpServer } from './server/server';

/** The project root, from src/ (tsx) or dist/ (compiled) alike. */
const ROOT = resolve(__dirname, '..');

export interface RunningApp {
  port: number;
  endpoint: string;
  stop(): Promise<void>;
}

const DEMO_BANNER = 'Demo mode: this is a simulated tenant, not your organisation\'s data.';

/** Wires config → store → bot → server. The only place that knows all of them. */
export async function startApp(config: Config, log: Logger): Promise<RunningApp> {
  const dataSource = await openStore(config.database);
  const adapter = createAdapter(config.bot);
  const app = createBotApp({
    adapter,
    storage: new DatabaseBotStorage(dataSource),
    log,
    ...(config.bot.id ? { botAppId: config.bot.id } : {}),
    banner: config.mode === 'demo' ? DEMO_BANNER : '',
  });
  const http = createHttpServer({ adapter, app, dataSource, log });
  let port: number;
  try {
    port = await http.listen(config.port);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return {
    port,
    endpoint: `http://localhost:${port}/api/messages`,
    async stop() {
      await http.close();
      await dataSource.destroy();
    },
  };
}

function banner(config: Config, running: RunningApp): string {
  const lines =
    config.mode === 'demo'
      ? [
          'License Steward — DEMO MODE (no GRAPH_* credentials set)',
          `  Bot endpoint : ${running.endpoint}`,
          '  Tenant       : the built-in tenant simulator is not available yet, so there is no tenant data;',
          '                 the bot answers `help`.',
          '  Next         : point the Microsoft 365 Agents Playground or Bot Framework Emulator at the endpoint,',
          '                 or set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET for a real tenant (README).',
        ]
      : [
          `License Steward — TENANT MODE (tenant ${config.graph?.tenantId})`,
          `  Bot endpoint : ${running.endpoint}`,
          `  Graph        : ${config.graph?.baseUrl}`,
          `  Bot identity : ${config.bot.id ? `${config.bot.type} app ${config.bot.id}` : 'none (unauthenticated local traffic accepted)'}`,
        ];
  return `\n${lines.join('\n')}\n\n`;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    // The Agents Toolkit keeps the bot's local secrets in .localConfigs (m365agents.local.yml).
    const files = [join(ROOT, 'env', '.env.local'), join(ROOT, 'env', '.env.local.user'), join(ROOT, '.localConfigs')];
    config = loadConfig(readEnv(files, process.env));
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
