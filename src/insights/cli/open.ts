import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { ConfigError, loadAppConfig } from '../../config';
import { openStore } from '../../store';

/** The project root, from src/ (tsx) or dist/ (compiled) alike. */
const ROOT = resolve(__dirname, '..', '..', '..');

/** What a CLI command writes to, so tests can run it in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Usage errors end with exit code 2 and the usage line, as the other CLIs do. */
export class UsageError extends Error {}

/** Opens the configured store the way `npm start` does (env files, then the environment). */
export async function openConfiguredStore(): Promise<DataSource> {
  return openStore(loadAppConfig(ROOT).database);
}

/** Runs a CLI command against the configured store and exits with its code. */
export function runCli(command: (store: DataSource, io: CliIo) => Promise<number>, usage: string): void {
  void (async () => {
    let store: DataSource | undefined;
    let code = 1;
    try {
      store = await openConfiguredStore();
      code = await command(store, processIo);
    } catch (error) {
      if (error instanceof UsageError) {
        processIo.err(`${error.message}\n${usage}\n`);
        code = 2;
      } else if (error instanceof ConfigError) {
        processIo.err(`configuration error: ${error.message}\n`);
        code = 2;
      } else {
        processIo.err(`failed: ${(error as Error).message}\n`);
      }
    } finally {
      await store?.destroy();
    }
    process.exit(code);
  })();
}
