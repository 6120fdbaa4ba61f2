import assert from 'node:assert/strict';
import { openStore, ReportSnapshot } from '../../src/store';
import { bulkUpsert } from '../../src/store/bulk-upsert';
import { testDatabase } from '../helpers/test-database';

/** More rows than one statement holds, the last one invalid (no user principal name). */
function snapshots(n: number): Partial<ReportSnapshot>[] {
  return Array.from({ length: n }, (_, i) => ({
    report: 'mailbox',
    userId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    userPrincipalName: i === n - 1 ? (null as unknown as string) : `u${i}@contoso.com`,
    reportRefreshDate: null,
    data: { 'Storage Used (Byte)': String(i) },
    digest: null,
  }));
}

describe('multi-row writes in batches', () => {
  it('writes every row of several statements exactly as given', async () => {
    const database = await testDatabase();
    const store = await openStore(database.config);
    try {
      const rows = snapshots(1201).slice(0, 1200);
      const written = await store.transaction((m) => bulkUpsert(m, ReportSnapshot, rows));
      assert.equal(written, 1200);
      const stored = await store.getRepository(ReportSnapshot).find({ order: { id: 'ASC' } });
      assert.equal(stored.length, 1200);
      assert.deepEqual(stored[777]!.data, { 'Storage Used (Byte)': '777' });
      assert.equal(stored[1199]!.userPrincipalName, 'u1199@contoso.com');
    } finally {
      await store.destroy();
      await database.cleanup();
    }
  });

  it('a batch failing half-way in a transaction leaves none of its rows once the transaction is rolled back', async () => {
    const database = await testDatabase();
    const store = await openStore(database.config);
    try {
      await assert.rejects(store.transaction((m) => bulkUpsert(m, ReportSnapshot, snapshots(1201))));
      assert.equal(await store.getRepository(ReportSnapshot).count(), 0);
      // The connection is usable afterwards, in and out of a transaction.
      await store.transaction((m) => bulkUpsert(m, ReportSnapshot, snapshots(3).slice(0, 2)));
      assert.equal(await store.getRepository(ReportSnapshot).count(), 2);
    } finally {
      await store.destroy();
      await database.cleanup();
    }
  });

  it('outside a transaction a failing statement leaves none of its own rows', async () => {
    const database = await testDatabase();
    const store = await openStore(database.config);
    try {
      await assert.rejects(bulkUpsert(store.manager, ReportSnapshot, snapshots(5)));
      assert.equal(await store.getRepository(ReportSnapshot).count(), 0);
    } finally {
      await store.destroy();
      await database.cleanup();
    }
  });
});
