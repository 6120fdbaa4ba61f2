import assert from 'node:assert/strict';
import { createLogger } from '../../src/logging/logger';
import { openStore, TaskRuns } from '../../src/store';
import { DEFAULT_SCHEDULES, Scheduler } from '../../src/tasks/scheduler';
import { testDatabase } from '../helpers/test-database';

describe('scheduler', () => {
  const log = createLogger({ level: 'silent', secrets: [] });

  it('runs at start, in dependency order, each task whose latest schedule passed without a completed run', async () => {
    const database = await testDatabase();
    const store = await openStore(database.config);
    try {
      const runs = new TaskRuns(store);
      const now = new Date('2026-11-25T12:00:00Z');
      const scheduler = new Scheduler({
        schedules: DEFAULT_SCHEDULES,
        timezone: 'UTC',
        runs,
        log,
        now: () => now,
        run: async () => ({ started: false, reason: 'test' }),
      });
      assert.deepEqual(await scheduler.missed(), ['licenses', 'roster', 'access']);
      // Roster completed after today's 02:00 run time; access failed; licenses ran before 03:00.
      await runs.finish(
        await runs.start('roster', 'schedule', new Date('2026-11-25T02:00:05Z')),
        { status: 'partial', counts: {}, skipped: [] },
        now,
      );
      await runs.finish(
        await runs.start('access', 'schedule', new Date('2026-11-25T02:30:05Z')),
        { status: 'failed', counts: {}, skipped: [], error: 'x' },
        now,
      );
      await runs.finish(
        await runs.start('licenses', 'schedule', new Date('2026-11-25T01:00:00Z')),
        { status: 'succeeded', counts: {}, skipped: [] },
        now,
      );
      assert.deepEqual(await scheduler.missed(), ['licenses', 'access']);
    } finally {
      await store.destroy();
      await database.cleanup();
    }
  });

  it('runs incrementally each day and fully once a week (the last full run completed a week ago)', async () => {
    const database = await testDatabase();
    const store = await openStore(database.config);
    try {
      const runs = new TaskRuns(store);
      let now = new Date('2026-11-25T02:00:00Z');
      const asked: string[] = [];
      const scheduler = new Scheduler({
        schedules: DEFAULT_SCHEDULES,
        timezone: 'UTC',
        runs,
        log,
        now: () => now,
        run: async (task, _trigger, mode) => {
          asked.push(`${task}:${mode}`);
          return { started: false, reason: 'test' };
        },
      });
      assert.equal(await scheduler.mode('roster'), 'full', 'never ran fully');
      await runs.finish(
        await runs.start('roster', 'schedule', new Date('2026-11-25T02:00:05Z')),
        { status: 'succeeded', mode: 'full', counts: {}, skipped: [] },
        now,
      );
      now = new Date('2026-11-26T02:00:00Z');
      assert.equal(await scheduler.mode('roster'), 'incremental');
      await runs.finish(
        await runs.start('roster', 'schedule', new Date('2026-11-26T02:00:05Z')),
        { status: 'succeeded', mode: 'incremental', counts: {}, skipped: [] },
        now,
      );
      // A failed full run does not count: the next one is full again.
      await runs.finish(
        await runs.start('roster', 'manual', new Date('2026-11-30T10:00:00Z')),
        { status: 'failed', mode: 'full', counts: {}, skipped: [], error: 'x' },
        now,
      );
      now = new Date('2026-12-01T02:00:00Z');
      assert.equal(await scheduler.mode('roster'), 'incremental', 'six days after the full run');
      now = new Date('2026-12-02T02:00:00Z');
      assert.equal(await scheduler.mode('roster'), 'full', 'a week after it, at the same hour');
      await scheduler.start();
      scheduler.stop();
      assert.ok(asked.includes('roster:full'), asked.join());
    } finally {
      await store.destroy();
      await database.cleanup();
    }
  });

  it('refuses a malformed cron pattern at construction', () => {
    assert.throws(
      () =>
        new Scheduler({
          schedules: { ...DEFAULT_SCHEDULES, roster: 'every day' },
          runs: {} as TaskRuns,
          log,
          run: async () => ({ started: false, reason: '' }),
        }),
    );
  });
});
