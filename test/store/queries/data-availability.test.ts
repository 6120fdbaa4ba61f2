import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { TaskRun } from '../../../src/store';
import { readDataAvailability } from '../../../src/store/queries/data-availability';
import { openTestStore, recordRuns } from '../../insights/fixtures';

describe('store: what the latest runs could read', () => {
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
