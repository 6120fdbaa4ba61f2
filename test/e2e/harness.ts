import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { startApp, type RunningApp } from '../../src/index';
import { createLogger } from '../../src/logging/logger';
import { tempDir } from '../helpers/temp-dir';

const ROOT = resolve(__dirname, '..', '..');
/** Flags that keep Chromium from reaching out to the (closed) network; see the machine notes. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Journey {
  app: RunningApp;
  databasePath: string;
  /** The app's log lines at warn level and above, so far. */
  warnings(): string[];
  /** The license admin's playground (Adele Vance). */
  page: Page;
  /**
   * The playground has no user switch: "switching user" is a second playground on the same bot
   * whose current user is that person (e.g. `megan`), in a browser page of its own.
   */
  as(person: string): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * The newcomer's setup, for real: the app in demo mode (simulator, first sync), the Microsoft 365
 * Agents Playground with the repository's `.m365agentsplayground.yml`, and headless Chromium on it.
 */
export async function startJourney(): Promise<Journey> {
  const dir = tempDir('steward-e2e-');
  const databasePath = join(dir.path, 'demo.sqlite');
  const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${databasePath}`, LOG_LEVEL: 'silent' });
  // Warnings and errors are kept, so a failed journey can say what the app saw.
  const warnings: string[] = [];
  const app = await startApp(
    config,
    createLogger({ level: 'warn', secrets: [], destination: { write: (line: string) => warnings.push(line) } }),
  );
  await app.firstSync;
  const playground = await startPlayground(app.port, join(ROOT, '.m365agentsplayground.yml'), dir.path);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`http://localhost:${playground.port}`, { waitUntil: 'networkidle' });
  const others: ChildProcess[] = [];
  return {
    app,
    databasePath,
    page,
    warnings: () => [...warnings],
    async as(person: string) {
      const config = join(dir.path, `playground-${person}.yml`);
      writeFileSync(config, asPerson(readFileSync(join(ROOT, '.m365agentsplayground.yml'), 'utf8'), person));
      const other = await startPlayground(app.port, config, dir.path);
      others.push(other.process);
      const otherPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await otherPage.goto(`http://localhost:${other.port}`, { waitUntil: 'networkidle' });
      return otherPage;
    },
    async stop() {
      await closeQuietly(browser);
      for (const child of [playground.process, ...others]) child.kill('SIGTERM');
      await app.stop();
      dir.cleanup();
    },
  };
}

async function startPlayground(
  appPort: number,
  config: string,
  logDir: string,
): Promise<{ process: ChildProcess; port: number }> {
  const port = 56000 + Math.floor(Math.random() * 1000);
  const child = spawn(
    join(ROOT, 'node_modules', '.bin', 'agentsplayground'),
    ['start', '--dt', '-e', `http://127.0.0.1:${appPort}/api/messages`, '-p', String(port)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: config,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(logDir, `playground-${port}.log`),
      },
      stdio: 'ignore',
    },
  );
  await waitForPlayground(port, child);
  return { process: child, port };
}

/**
 * The repository's playground config with another of its people as the current user (and their
 * own personal chat, as Teams gives every user theirs).
 */
export function asPerson(yaml: string, person: string): string {
  const lines = yaml.split('\n');
  const blockAt = (start: number) => lines.slice(start, start + 7);
  const current = lines.indexOf('currentUser:');
  const entry = lines.findIndex((l) => l === `  - id: 29:${person}`);
  if (current < 0 || entry < 0) throw new Error(`no ${person} in the playground config`);
  const me = blockAt(entry).map((l) => l.replace(/^ {2}- /, '  ').replace(/^ {4}/, '  '));
  const previous = blockAt(current + 1).map((l, i) => (i === 0 ? l.replace(/^ {2}/, '  - ') : `  ${l}`));
  const out = [...lines];
  out.splice(entry, 7, ...previous);
  out.splice(current + 1, 7, ...me);
  return out.join('\n').replace(/(personalChat:\n {2}id: [^\n]+)/, `$1-${person}`);
}

/** `GET /_internal/v1/config` answering is the playground's real readiness signal (docs/agents-playground.md §1). */
async function waitForPlayground(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the playground exited with ${child.exitCode}`);
    const ok = await fetch(`http://localhost:${port}/_internal/v1/config`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the playground did not become ready in 60 s');
}

async function closeQuietly(browser: Browser): Promise<void> {
  await browser.close().catch(() => undefined);
}

/** After a failed test, the app's warnings and errors, printed where a CI log keeps them. */
export function printWarningsIfFailed(test: Mocha.Test | undefined, journey: Journey | undefined): void {
  if (test?.state !== 'failed' || !journey) return;
  const lines = journey.warnings();
  console.error(`app warnings and errors during the journey (${lines.length}):\n${lines.slice(-40).join('')}`);
}
