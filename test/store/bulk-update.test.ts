import assert from 'node:assert/strict';
import { bulkUpdateById, openStore, TenantUser } from '../../src/store';
import { testDatabase } from '../helpers/test-database';

describe('bulk update by id', () => {
  it('updates each row with its own values in few statements, leaving absent values and other rows alone', async () => {
    const database = await testDatabase();
    const store = await openStore(database.config);
    try {
      const now = '2026-11-25T00:00:00.000Z';
      const ids = Array.from({ length: 700 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
      await store.getRepository(TenantUser).insert(
        ids.map((id, i) => ({
          id,
          userPrincipalName: `u${i}@contoso.com`,
          userType: 'Member',
          accountEnabled: true,
          activeDate: now,
          updatedAt: now,
          mailUsageMb: 1,
        })),
      );
      const rows = ids
        .slice(0, 650)
        .map((id, i) => ({ id, mailUsageMb: i * 2.5, ...(i % 2 ? { mailboxType: 'Shared' } : {}) }));
      await bulkUpdateById(store.manager, TenantUser, rows, ['mailUsageMb', 'mailboxType']);
      const stored = new Map((await store.getRepository(TenantUser).find()).map((u) => [u.id, u]));
      assert.equal(stored.get(ids[10]!)?.mailUsageMb, 25);
      assert.equal(stored.get(ids[11]!)?.mailboxType, 'Shared');
      assert.equal(stored.get(ids[10]!)?.mailboxType, null, 'a row without the value keeps it');
      assert.equal(stored.get(ids[649]!)?.mailUsageMb, 649 * 2.5);
      assert.equal(stored.get(ids[699]!)?.mailUsageMb, 1, 'rows not named are untouched');
    } finally {
      await store.destroy();
      await database.cleanup();
    }
  });
});
