import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadAppConfig, type Config } from '../../config';
import { createLogger, type Logger } from '../../logging/logger';
import { openStore } from '../../store';
import type { CliIo } from './io';

/** The project root, from src/ (tsx) or dist/ (compiled) alike: where `env/` is. */
const ROOT = resolve(__dirname, '..', '..', '..');

/** What every command gets: the bot's configuration, its store, a logger, its output and a clock. */
export interface CliContext {
  config: Config;
  store: DataSource;
  log: Logger;
  io: CliIo;
  now(): Date;
}

export interface OpenedContext extends CliContext {
  close(): Promise<void>;
}

/**
 * Opens what `npm start` opens, the same way (env files, then the environment; the store with its
 * migrations). Logs go to stderr, so stdout stays the command's output alone, and only warnings
 * unless LOG_LEVEL asks for another level than the default. Throws `ConfigError` on a bad setting.
 */
export async function openContext(io: CliIo): Promise<OpenedContext> {
  const config = loadAppConfig(ROOT);
  const log = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    secrets: config.secrets,
    destination: process.stderr,
  });
  const store = await openStore(config.database);
  return { config, store, log, io, now: () => new Date(), close: () => store.destroy() };
}
