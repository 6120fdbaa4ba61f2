import assert from 'node:assert/strict';
import { INTEGRATION_TASKS } from '../../src/tasks/registry';
import { startSyncBed, type SyncBed } from '../helpers/sync';

describe('planner statistics after a task', function () {
  this.timeout(30_000);
  let bed: SyncBed;
  before(async () => {
    bed = await startSyncBed({ users: 200 });
  });
  after(() => bed.stop());

  it('are refreshed on PostgreSQL by the task runner, and left alone on SQLite', async () => {
    await bed.run(INTEGRATION_TASKS.licenses);
    if (bed.dataSource.options.type === 'postgres') {
      const rows = (await bed.dataSource.query(
        `SELECT "last_analyze" FROM pg_stat_user_tables WHERE "relname" = 'skus'`,
      )) as { last_analyze: Date | null }[];
      assert.ok(rows[0]?.last_analyze, 'skus analyzed');
    } else {
      const rows = (await bed.dataSource.query(
        `SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'`,
      )) as unknown[];
      assert.equal(rows.length, 0, 'no ANALYZE on SQLite');
    }
  });
});
