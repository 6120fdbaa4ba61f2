import { Writable } from 'node:stream';
import { loadConfig, type Env } from '../../src/config';
import { startApp, type RunningApp, type StartOptions } from '../../src/index';
import { createLogger } from '../../src/logging/logger';
import { testDatabase } from './test-database';

export interface TestApp extends RunningApp {
  logLines: string[];
}

/** Starts the real app in-process on a free port with a fresh database (test-database.ts) unless env names one. */
export async function startTestApp(
  env: Env = {},
  options: StartOptions = { syncAtStart: false, demoUsers: 200 },
): Promise<TestApp> {
  const database = env.DATABASE_URL ? undefined : await testDatabase();
  const config = loadConfig({ PORT: '0', DATABASE_URL: database?.url, LOG_LEVEL: 'debug', ...env });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger({ level: config.logLevel, secrets: config.secrets, destination });
  const running = await startApp(config, log, options);
  return {
    ...running,
    logLines,
    async stop() {
      await running.stop();
      await database?.cleanup();
    },
  };
}
