import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { findUserId, TenantUser } from '../../src/store';
import { openTestStore, saveUsers, seedCatalog, user } from '../insights/fixtures';

/** Runs on SQLite, and on PostgreSQL under `npm run test:pg` (the two order NULLs differently). */
describe('store: finding a user by UPN', () => {
  let store: DataSource;
  let close: () => Promise<void>;
  before(async () => ({ store, close } = await openTestStore()));
  after(() => close());

  it('picks the live account when a UPN was reused after a deactivation, then the latest deactivated', async () => {
    await seedCatalog(store);
    const upn = 'reuse@contoso.com';
    const old = user({ userPrincipalName: upn, deactivatedDate: '2025-01-10T00:00:00Z' });
    const older = user({ userPrincipalName: upn, deactivatedDate: '2024-03-01T00:00:00Z' });
    const live = user({ userPrincipalName: upn });
    await saveUsers(store, [old, older, live]);
    assert.equal(await findUserId(store, 'REUSE@contoso.com'), live.id);
    await store.getRepository(TenantUser).delete(live.id);
    assert.equal(await findUserId(store, upn), old.id);
    assert.equal(await findUserId(store, older.id.toUpperCase()), older.id);
    assert.equal(await findUserId(store, 'nobody@contoso.com'), null);
  });
});
