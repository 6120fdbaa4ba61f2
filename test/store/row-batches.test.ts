import assert from 'node:assert/strict';
import { ReportSnapshot } from '../../src/store';
import { bulkUpsert } from '../../src/store/bulk-upsert';
import { storePerTest } from '../helpers/test-database';

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
  const db = storePerTest();

  it('writes every row of several statements exactly as given', async () => {
    const rows = snapshots(4501).slice(0, 4500);
    const written = await db.store.transaction((m) => bulkUpsert(m, ReportSnapshot, rows));
    assert.equal(written, 4500);
    const stored = await db.store.getRepository(ReportSnapshot).find({ order: { id: 'ASC' } });
    assert.equal(stored.length, 4500);
    assert.deepEqual(stored[2777]!.data, { 'Storage Used (Byte)': '2777' });
    assert.equal(stored[4499]!.userPrincipalName, 'u4499@contoso.com');
  });

  it('a batch failing half-way in a transaction leaves none of its rows once the transaction is rolled back', async () => {
    await assert.rejects(db.store.transaction((m) => bulkUpsert(m, ReportSnapshot, snapshots(4501))));
    assert.equal(await db.store.getRepository(ReportSnapshot).count(), 0);
    // The connection takes the next transaction.
    await db.store.transaction((m) => bulkUpsert(m, ReportSnapshot, snapshots(3).slice(0, 2)));
    assert.equal(await db.store.getRepository(ReportSnapshot).count(), 2);
  });

  it('outside a transaction a failing statement leaves none of its own rows', async () => {
    await assert.rejects(bulkUpsert(db.store.manager, ReportSnapshot, snapshots(5)));
    assert.equal(await db.store.getRepository(ReportSnapshot).count(), 0);
  });
});
