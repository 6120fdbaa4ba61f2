import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { syncCommand, syncSchema } from '../../src/cli/sync';
import { graphConfigFor, loadConfig } from '../../src/config';
import { startSimulator } from '../../src/simulator';
import { openStore } from '../../src/store';
import { testDatabase } from '../helpers/test-database';
import { cli } from './helpers';

describe('npm run sync', function () {
  this.timeout(90_000);
  const root = resolve(__dirname, '..', '..');
  const sync = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sync.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
      timeout: 80_000,
    });

  it('its schema takes one task or all (the default), and --full, nothing else', () => {
    assert.deepEqual(syncSchema.safeParse({}).data, { task: 'all' });
    assert.deepEqual(syncSchema.safeParse({ task: 'roster' }).data, { task: 'roster' });
    assert.deepEqual(syncSchema.safeParse({ full: true }).data, { task: 'all', full: true });
    assert.match(syncSchema.safeParse({ task: 'payroll' }).error?.issues[0]?.message ?? '', /^unknown task "payroll"$/);
  });

  it('syncs the demo tenant once, prints a summary line per task and exits 0', async () => {
    const database = await testDatabase();
    try {
      const result = sync([], { DATABASE_URL: database.url });
      assert.equal(result.status, 0, result.stderr + result.stdout);
      for (const task of ['licenses', 'roster', 'access'])
        assert.match(result.stdout, new RegExp(`^${task}: succeeded in `, 'm'));
      assert.match(result.stdout, /"users":2000/);
    } finally {
      await database.cleanup();
    }
  });

  it('reads what changed by default, and everything with --full', async () => {
    const sim = await startSimulator({ users: 300, seed: 3 });
    const database = await testDatabase();
    const store = await openStore(database.config);
    try {
      const config = {
        ...loadConfig({ DATABASE_URL: database.url }),
        mode: 'tenant' as const,
        graph: graphConfigFor(sim),
      };
      const first = await cli(syncCommand, ['--task', 'roster'], { store, config });
      assert.match(first.stdout, /^roster: succeeded in .* s \(full\) — /m, 'nothing to go on from yet');
      const daily = await cli(syncCommand, ['--task', 'roster'], { store, config });
      assert.match(daily.stdout, /^roster: succeeded in .* s \(incremental\) — /m);
      const full = await cli(syncCommand, ['--task', 'roster', '--full'], { store, config });
      assert.equal(full.code, 0, full.stderr);
      assert.match(full.stdout, /^roster: succeeded in .* s \(full\) — /m);
    } finally {
      await store.destroy();
      await database.cleanup();
      await sim.stop();
    }
  });

  it('exits 1 when a task ends partial, naming the permission to grant', async () => {
    const sim = await startSimulator({ users: 300, seed: 3 });
    const database = await testDatabase();
    const store = await openStore(database.config);
    try {
      sim.control.setFaults({ revoke: ['AuditLog.Read.All'], invalidateTokens: true });
      const config = {
        ...loadConfig({ DATABASE_URL: database.url }),
        mode: 'tenant' as const,
        graph: graphConfigFor(sim),
      };
      const result = await cli(syncCommand, ['--task', 'roster'], { store, config });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /^roster: partial in .* — skipped: .*\(grant AuditLog\.Read\.All\)/m);
    } finally {
      await store.destroy();
      await database.cleanup();
      await sim.stop();
    }
  });

  it('syncs a tenant reached with a certificate, no secret: the settings `npm run sim -- --credential certificate` prints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sync-cert-'));
    const sim = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/simulator/cli.ts',
        '--users',
        '300',
        '--port',
        '0',
        '--credential',
        'certificate',
        '--ca-file',
        join(dir, 'ca.pem'),
        '--certificate-file',
        join(dir, 'client.pem'),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const database = await testDatabase();
    try {
      let out = '';
      sim.stdout.setEncoding('utf8');
      await new Promise<void>((resolveReady, reject) => {
        sim.stdout.on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('GRAPH_CA_FILE=')) resolveReady();
        });
        sim.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
      });
      const env = Object.fromEntries([...out.matchAll(/^(GRAPH_\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
      assert.equal(env['GRAPH_CLIENT_SECRET'], undefined);
      const result = sync(['--task', 'licenses'], { ...env, DATABASE_URL: database.url });
      assert.equal(result.status, 0, result.stderr + result.stdout);
      assert.match(result.stdout, /^licenses: succeeded in /m);
    } finally {
      if (sim.exitCode === null && sim.signalCode === null) {
        sim.kill('SIGINT');
        await once(sim, 'exit');
      }
      await database.cleanup();
    }
  });

  it('refuses an unknown task with exit code 2 and the usage', async () => {
    const result = await cli(syncCommand, ['--task', 'payroll']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown task "payroll"/);
    assert.match(result.stderr, /usage: npm run sync/);
  });
});
