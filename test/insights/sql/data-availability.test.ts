import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { readDataAvailability } from '../../../src/insights/sql/data-availability';
import { TaskRun } from '../../../src/store';
import { openTestStore, recordRuns } from '../fixtures';

describe('insights: what the latest runs could read', () => {
  let store: DataSource;
  let close: () => Promise<void>;
  before(async () => ({ store, close } = await openTestStore()));
  after(() => close());

  it('knows whether the mailbox report named mailbox types, and says nothing for runs that did not count them', async () => {
    await recordRuns(store);
    const roster = await store.getRepository(TaskRun).findOneByOrFail({ task: 'roster' });
    const withCounts = async (counts: TaskRun['counts']) => {
      await store.getRepository(TaskRun).update(roster.id, { counts });
      return (await readDataAvailability(store)).mailboxTypes;
    };
    assert.equal(await withCounts({}), null, 'no mailbox report read');
    assert.equal(await withCounts({ mailboxRows: 40 }), null, 'a run from before the count was kept');
    assert.equal(await withCounts({ mailboxRows: 40, mailboxTypedRows: 0 }), false);
    assert.equal(await withCounts({ mailboxRows: 40, mailboxTypedRows: 40 }), true);
  });
});
