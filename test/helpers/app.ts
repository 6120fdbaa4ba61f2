import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type Env } from '../../src/config';
import { startApp, type RunningApp, type StartOptions } from '../../src/index';
import { createLogger } from '../../src/logging/logger';
import { tempDir } from './temp-dir';

export interface TestApp extends RunningApp {
  logLines: string[];
}

/** Starts the real app in-process on a free port with a fresh SQLite file. */
export async function startTestApp(env: Env = {}, options: StartOptions = { syncAtStart: false, demoUsers: 200 }): Promise<TestApp> {
  const dir = tempDir();
  const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${join(dir.path, 'steward.sqlite')}`, LOG_LEVEL: 'debug', ...env });
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
      dir.cleanup();
    },
  };
}
