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
      const scheduler = new Scheduler({ schedules: DEFAULT_SCHEDULES, timezone: 'UTC', runs, log, now: () => now, run: async () => ({ started: false, reason: 'test' }) });
      assert.deepEqual(await scheduler.missed(), ['licenses', 'roster', 'access']);
      // Roster completed after today's 02:00 run time; access failed; licenses ran before 03:00.
      await runs.finish(await runs.start('roster', 'schedule', new Date('2026-11-25T02:00:05Z')), { status: 'partial', counts: {}, skipped: [] }, now);
      await runs.finish(await runs.start('access', 'schedule', new Date('2026-11-25T02:30:05Z')), { status: 'failed', counts: {}, skipped: [], error: 'x' }, now);
      await runs.finish(await runs.start('licenses', 'schedule', new Date('2026-11-25T01:00:00Z')), { status: 'succeeded', counts: {}, skipped: [] }, now);
      assert.deepEqual(await scheduler.missed(), ['licenses', 'access']);
    } finally {
      await store.destroy();
      await database.cleanup();
    }
  });

  it('refuses a malformed cron pattern at construction', () => {
    assert.throws(() => new Scheduler({ schedules: { ...DEFAULT_SCHEDULES, roster: 'every day' }, runs: {} as TaskRuns, log, run: async () => ({ started: false, reason: '' }) }));
  });
});
