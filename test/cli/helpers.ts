import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { loadConfig, type Config } from '../../src/config';
import type { CliCommand, ExitCode } from '../../src/cli/core/command';
import type { CliIo } from '../../src/cli/core/io';
import { runCommand, type ContextOpener } from '../../src/cli/core/run';
import { createLogger } from '../../src/logging/logger';

export const ROOT = resolve(__dirname, '..', '..');

/** An in-memory stdout and stderr. */
export function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    closed: false,
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  };
  return io;
}

export interface CliResult {
  code: ExitCode;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in-process through the real parser and runner, on a test's store and clock; the
 * store stays open for the next test. Without a store, opening the context fails the test: a usage
 * error or `--help` must never open anything.
 */
export async function cli<S extends z.ZodTypeAny>(
  command: CliCommand<S>,
  argv: readonly string[],
  on?: { store: DataSource; now?: Date; config?: Config },
): Promise<CliResult> {
  const io = capture();
  const open: ContextOpener = async (contextIo) => {
    if (!on) throw new Error('the command opened its context');
    const now = on.now ?? new Date();
    return {
      config: on.config ?? loadConfig({}),
      store: on.store,
      log: createLogger({ level: 'silent', secrets: [] }),
      io: contextIo,
      now: () => now,
      close: async () => {},
    };
  };
  const code = await runCommand(command, argv, io, open);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Runs `src/cli/<name>.ts` as its own process (node + tsx, as `npm run <name>` does). */
export async function spawnCli(
  name: string,
  argv: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${name}.ts`, ...argv], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}
