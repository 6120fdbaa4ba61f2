import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { startApp, type RunningApp } from '../../src/index';
import { createLogger } from '../../src/logging/logger';
import { tempDir } from '../helpers/temp-dir';

const ROOT = resolve(__dirname, '..', '..');
/** Flags that keep Chromium from reaching out to the (closed) network; see the machine notes. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Journey {
  app: RunningApp;
  databasePath: string;
  page: Page;
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
  const app = await startApp(config, createLogger({ level: 'silent', secrets: [] }));
  await app.firstSync;
  const port = 56000 + Math.floor(Math.random() * 1000);
  const playground = spawn(join(ROOT, 'node_modules', '.bin', 'agentsplayground'), ['start', '--dt', '-e', `http://127.0.0.1:${app.port}/api/messages`, '-p', String(port)], {
    cwd: ROOT,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: join(dir.path, 'playground.log') },
    stdio: 'ignore',
  });
  await waitForPlayground(port, playground);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`http://localhost:${port}`, { waitUntil: 'networkidle' });
  return {
    app,
    databasePath,
    page,
    async stop() {
      await closeQuietly(browser);
      playground.kill('SIGTERM');
      await app.stop();
      dir.cleanup();
    },
  };
}

/** `GET /_internal/v1/config` answering is the playground's real readiness signal (agents-playground.md). */
async function waitForPlayground(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the playground exited with ${child.exitCode}`);
    const ok = await fetch(`http://localhost:${port}/_internal/v1/config`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the playground did not become ready in 60 s');
}

async function closeQuietly(browser: Browser): Promise<void> {
  await browser.close().catch(() => undefined);
}
