import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { openStore, TaskLocks, TaskRuns } from '../../src/store';
import { testDatabase, type TestDatabase } from '../helpers/test-database';

describe('task locks and runs', () => {
  let database: TestDatabase;
  let a: DataSource;
  let b: DataSource;
  const now = new Date('2026-11-25T10:00:00Z');

  beforeEach(async () => {
    database = await testDatabase();
    a = await openStore(database.config);
    b = await openStore(database.config);
  });
  afterEach(async () => {
    await a.destroy();
    await b.destroy();
    await database.cleanup();
  });

  it('let exactly one of two instances on one database take a task', async () => {
    const results = await Promise.all([
      new TaskLocks(a).acquire('roster', 'host-a:1', now, 60_000),
      new TaskLocks(b).acquire('roster', 'host-b:2', now, 60_000),
    ]);
    assert.deepEqual(results.sort(), [false, true]);
  });

  it('let another instance take over a lock whose holder died (expired), not a live one', async () => {
    const locks = new TaskLocks(a);
    assert.ok(await locks.acquire('roster', 'dead:1', now, 60_000));
    assert.equal(await new TaskLocks(b).acquire('roster', 'b:2', new Date(now.getTime() + 30_000), 60_000), false);
    assert.equal(await new TaskLocks(b).acquire('roster', 'b:2', new Date(now.getTime() + 61_000), 60_000), true);
    // The old holder can no longer renew or release it.
    assert.equal(await locks.renew('roster', 'dead:1', now, 60_000), false);
    await locks.release('roster', 'dead:1');
    assert.ok(await locks.isHeld('roster', new Date(now.getTime() + 62_000)));
  });

  it('mark a run left running by a dead process as failed, leaving a live one alone', async () => {
    const runs = new TaskRuns(a);
    const dead = await runs.start('roster', 'schedule', now);
    const live = await runs.start('access', 'schedule', now);
    await new TaskLocks(a).acquire('access', 'live:1', now, 60_000);
    const count = await runs.failAbandoned(now, (task) => new TaskLocks(a).isHeld(task, now));
    assert.equal(count, 1);
    assert.equal((await runs.latest('roster'))[0]?.status, 'failed');
    assert.equal((await runs.latest('access'))[0]?.id, live.id);
    assert.equal((await runs.latest('access'))[0]?.status, 'running');
    assert.ok(dead.id);
  });

  it('remember the last completed run, skipping failed ones', async () => {
    const runs = new TaskRuns(a);
    const ok = await runs.finish(
      await runs.start('licenses', 'startup', now),
      { status: 'partial', counts: { requests: 1 }, skipped: [] },
      now,
    );
    const later = new Date(now.getTime() + 1000);
    await runs.finish(
      await runs.start('licenses', 'schedule', later),
      { status: 'failed', counts: {}, skipped: [], error: 'boom' },
      later,
    );
    assert.equal((await runs.lastCompleted('licenses'))?.id, ok.id);
  });
});
