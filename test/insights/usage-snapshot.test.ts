import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { downgrades } from '../../src/insights';
import {
  invalidateUsageMasks,
  refreshHeldSkus,
  TenantUser,
  UsageMask,
  UsageMaskState,
  UserLicense,
} from '../../src/store';
import { INTEGRATION_TASKS } from '../../src/tasks/registry';
import { startSyncBed, type SyncBed } from '../helpers/sync';
import { NOW, SKU, dayAgo, openTestStore, policy, recordRuns, saveUsers, seedCatalog, user } from './fixtures';

/**
 * The downgrade list pages from a snapshot of every user's usage masks (src/insights/sql/
 * usage-masks.ts). What matters is that it is never stale where the product changed the data: a
 * reclaim, a policy change and a task run are each seen by the next read.
 */
const HOUR = 60 * 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const app = (userId: string, name: string) => ({
  userId,
  app: name,
  lastActivityDate: dayAgo(3),
  source: 'report',
  asOf: dayAgo(2),
});

async function allCandidates(
  store: DataSource,
  p = policy(),
  now = NOW,
  pageSize = 3,
): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total: number;
  for (let page = 1; ; page++) {
    const d = await downgrades(store, { page, pageSize }, p, now);
    total = d.total;
    if (d.items.length === 0) break;
    ids.push(...d.items.map((i) => i.userId));
  }
  return { ids, total };
}

const state = (store: DataSource) => store.getRepository(UsageMaskState).findOneByOrFail({ id: 1 });

describe('insights: the usage snapshot behind the downgrade list', () => {
  let store: DataSource;
  let close: () => Promise<void>;
  // Mail and Teams only: E5 holders → Business Basic (saves 51 USD list price), E3 holders → Basic (30).
  const e5 = Array.from({ length: 3 }, (_, i) =>
    user({ userPrincipalName: `erin${i}@contoso.com`, licenses: [{ skuId: SKU.e5.skuId, assignedByGroup: '' }] }),
  );
  const e3 = Array.from({ length: 5 }, (_, i) => user({ userPrincipalName: `ed${i}@contoso.com` }));
  const desktop = user({ userPrincipalName: 'doris.desktop@contoso.com' });
  const byId = (users: readonly { id: string }[]) => users.map((u) => u.id).sort();

  before(async () => {
    ({ store, close } = await openTestStore());
    await seedCatalog(store);
    await saveUsers(
      store,
      [...e5, ...e3, desktop],
      [...e5, ...e3, desktop].flatMap((u) => [app(u.id, 'exchange'), app(u.id, 'teams')]),
    );
    // Office desktop use keeps a full suite: a candidate without a downgrade.
    await store.getRepository(TenantUser).update(desktop.id, { usesWindows: true });
    await recordRuns(store, { at: dayAgo(200) });
    await recordRuns(store);
  });
  after(() => close());

  it('pages through every candidate exactly once, the largest saving first, then by id', async () => {
    const { ids, total } = await allCandidates(store);
    assert.deepEqual(ids, [...byId(e5), ...byId(e3)]);
    assert.equal(total, 8);
    const s = await state(store);
    assert.equal(s.builtGeneration, s.generation);
    assert.equal(s.asOf, NOW.toISOString());
    // Every live user has a row; only the active, non-excluded ones are candidates.
    assert.equal(await store.getRepository(UsageMask).count(), 9);
    assert.equal(await store.getRepository(UsageMask).countBy({ candidate: true }), 9);
  });

  it('sees a reclaim at the next read (the seat is freed in the same transaction that marks the snapshot out of date)', async () => {
    const reclaimed = e3[0]!;
    await store.transaction(async (m) => {
      await m.delete(UserLicense, { userId: reclaimed.id, skuId: SKU.e3.skuId });
      await refreshHeldSkus(m, [reclaimed.id]);
    });
    const { ids, total } = await allCandidates(store);
    assert.deepEqual(ids, [...byId(e5), ...byId(e3.slice(1))]);
    assert.equal(total, 7);
  });

  it('sees a policy change at once', async () => {
    const { ids } = await allCandidates(store, policy({ excludedUsers: [e5[1]!.userPrincipalName] }));
    assert.deepEqual(ids, [...byId([e5[0]!, e5[2]!]), ...byId(e3.slice(1))]);
    // And back: the stored snapshot follows the policy it is read with.
    assert.equal((await allCandidates(store)).total, 7);
  });

  it('serves a snapshot for up to an hour when nothing changed, then measures again', async () => {
    // A write no product code makes (it would mark the snapshot out of date): only the hour notices it.
    await store.getRepository(TenantUser).update(e5[2]!.id, { usesWindows: true });
    assert.equal((await allCandidates(store, policy(), at(10 * 60_000))).total, 7);
    assert.equal((await state(store)).asOf, NOW.toISOString());
    const later = at(HOUR + 1000);
    // Office desktop use: E5 → E3 now (saves 21), ranked after the E3 → Basic group (30).
    const expected = [...byId([e5[0]!, e5[1]!]), ...byId(e3.slice(1)), e5[2]!.id];
    assert.deepEqual((await allCandidates(store, policy(), later)).ids, expected);
    assert.equal(
      (await downgrades(store, { page: 3, pageSize: 3 }, policy(), later)).items[0]?.to.skuPartNumber,
      'SPE_E3',
    );
    assert.equal((await state(store)).asOf, later.toISOString());
    // A clock behind the snapshot (another instance's, or a test's) does not read it either.
    assert.deepEqual((await allCandidates(store, policy(), at(-1000))).ids, expected);
    assert.equal((await state(store)).asOf, at(-1000).toISOString());
  });

  it('is rebuilt by one of several readers that find it out of date at the same time, and they agree', async () => {
    await invalidateUsageMasks(store.manager);
    const before = await state(store);
    const pages = await Promise.all(
      Array.from({ length: 4 }, () => downgrades(store, { pageSize: 50 }, policy(), NOW)),
    );
    for (const page of pages)
      assert.deepEqual(
        page.items.map((i) => i.userId),
        pages[0]!.items.map((i) => i.userId),
      );
    assert.equal(pages[0]!.total, 7);
    const after = await state(store);
    assert.equal(after.generation, before.generation);
    assert.equal(after.builtGeneration, after.generation);
    assert.equal(await store.getRepository(UsageMask).count(), 9);
  });
});

describe('insights: the usage snapshot after a task run', function () {
  this.timeout(90_000);
  let bed: SyncBed;
  before(async () => {
    bed = await startSyncBed({ users: 400, seed: 5 });
    await bed.syncAll();
  });
  after(() => bed.stop());

  it('is out of date once a task has run: a user deleted in the tenant leaves the list after the roster runs', async () => {
    const now = () => bed.sim.control.now();
    const first = await downgrades(bed.dataSource, { pageSize: 500 }, policy(), now());
    assert.ok(first.total > 0, 'the tenant has downgrade candidates');
    const gone = first.items[0]!;
    bed.sim.control.deleteUser(gone.userId);
    const generation = (await state(bed.dataSource)).generation;
    await bed.run(INTEGRATION_TASKS.roster);
    assert.equal((await state(bed.dataSource)).generation, generation + 1);
    const next = await downgrades(bed.dataSource, { pageSize: 500 }, policy(), now());
    assert.equal(next.total, first.total - 1);
    assert.deepEqual(
      next.items.map((i) => i.userId),
      first.items
        .map((i) => i.userId)
        .filter((id) => id !== gone.userId)
        .slice(0, 500),
    );
  });
});
