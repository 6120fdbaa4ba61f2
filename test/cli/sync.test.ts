import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { testDatabase } from '../helpers/test-database';

describe('npm run sync', function () {
  this.timeout(90_000);
  const root = resolve(__dirname, '..', '..');
  const sync = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sync.ts', ...args], { cwd: root, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 80_000 });

  it('syncs the demo tenant once, prints a summary line per task and exits 0', async () => {
    const database = await testDatabase();
    try {
      const result = sync([], { DATABASE_URL: database.url });
      assert.equal(result.status, 0, result.stderr + result.stdout);
      for (const task of ['licenses', 'roster', 'access']) assert.match(result.stdout, new RegExp(`^${task}: succeeded in `, 'm'));
      assert.match(result.stdout, /"users":2000/);
    } finally {
      await database.cleanup();
    }
  });

  it('refuses an unknown task with exit code 2 and the usage', () => {
    const result = sync(['--task', 'payroll']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown task "payroll"/);
    assert.match(result.stderr, /usage: npm run sync/);
  });
});
