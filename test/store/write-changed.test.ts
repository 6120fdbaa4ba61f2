import assert from 'node:assert/strict';
import { replaceChildren, TenantUser, updateChanged, upsertChanged, UserLicense } from '../../src/store';
import { storePerTest } from '../helpers/test-database';

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const user = (n: number, extra: Partial<TenantUser> = {}): Partial<TenantUser> => ({
  id: id(n),
  userPrincipalName: `u${n}@contoso.com`,
  userType: 'Member',
  accountEnabled: true,
  onPremisesSyncEnabled: null,
  mailUsageMb: 1.5,
  activeDate: `first-${n}`,
  updatedAt: 'now',
  ...extra,
});
const COMPARE = ['userPrincipalName', 'accountEnabled', 'onPremisesSyncEnabled', 'mailUsageMb'] as const;

describe('store: writing only what changed', () => {
  const db = storePerTest();

  it('upserts new and changed rows only, and sets insert-only columns on insert only', async () => {
    const write = (rows: Partial<TenantUser>[]) =>
      upsertChanged(db.store.manager, TenantUser, rows, { key: ['id'], compare: COMPARE, stamp: ['updatedAt'] });
    assert.equal(await write([user(1), user(2), user(3)]), 3);
    assert.equal(await write([user(1), user(2), user(3)]), 0, 'booleans, nulls and doubles read back equal');
    assert.equal(
      await write([
        user(1, { accountEnabled: false, activeDate: 'later' }),
        user(2, { mailUsageMb: 2 }),
        user(3),
        user(4),
      ]),
      3,
    );
    const stored = new Map((await db.store.getRepository(TenantUser).find()).map((u) => [u.id, u]));
    assert.equal(stored.get(id(1))?.accountEnabled, false);
    assert.equal(stored.get(id(1))?.activeDate, 'first-1', 'the first-seen date is kept');
    assert.equal(stored.get(id(2))?.mailUsageMb, 2);
    assert.equal(stored.size, 4);
  });

  it('makes child rows equal to the given ones: new inserted, changed updated, gone deleted, others untouched', async () => {
    await upsertChanged(db.store.manager, TenantUser, [user(1), user(2)], { key: ['id'], compare: COMPARE });
    const license = (n: number, sku: string, plans: string[] = []): Partial<UserLicense> => ({
      userId: id(n),
      skuId: sku,
      assignedByGroup: '',
      disabledPlans: plans,
      state: 'Active',
      error: null,
      lastUpdatedDateTime: null,
      lastSeenRunId: null,
    });
    const options = {
      key: ['userId', 'skuId', 'assignedByGroup'],
      compare: ['disabledPlans', 'state', 'error', 'lastUpdatedDateTime'],
    } as const;
    assert.equal(
      await replaceChildren(
        db.store.manager,
        UserLicense,
        'userId',
        [id(1), id(2)],
        [license(1, 'a'), license(1, 'b'), license(2, 'a')],
        options,
      ),
      3,
    );
    assert.equal(
      await replaceChildren(
        db.store.manager,
        UserLicense,
        'userId',
        [id(1), id(2)],
        [license(1, 'a'), license(1, 'b'), license(2, 'a')],
        options,
      ),
      0,
    );
    // User 1 loses b and gets a disabled plan on a; user 2 is not named, so its row stays.
    assert.equal(
      await replaceChildren(db.store.manager, UserLicense, 'userId', [id(1)], [license(1, 'a', ['plan'])], options),
      2,
    );
    const rows = (await db.store.getRepository(UserLicense).find({ order: { userId: 'ASC', skuId: 'ASC' } })).map(
      (l) => `${l.userId.slice(-1)}:${l.skuId}:${l.disabledPlans.join('+')}`,
    );
    assert.deepEqual(rows, ['1:a:plan', '2:a:']);
  });

  it('updates the stored rows whose values changed, never inserting an unknown id', async () => {
    await upsertChanged(db.store.manager, TenantUser, [user(1), user(2)], { key: ['id'], compare: COMPARE });
    const changed = await updateChanged(
      db.store.manager,
      TenantUser,
      [
        { id: id(1), mailUsageMb: 1.5 },
        { id: id(2), mailUsageMb: 9 },
        { id: id(3), mailUsageMb: 4 },
      ],
      ['mailUsageMb'],
    );
    assert.deepEqual(changed, [id(2)]);
    assert.equal(await db.store.getRepository(TenantUser).count(), 2);
    assert.equal((await db.store.getRepository(TenantUser).findOneByOrFail({ id: id(2) })).mailUsageMb, 9);
    // Rows that carry different columns: one not carried is not compared, and left as stored.
    const again = await updateChanged(
      db.store.manager,
      TenantUser,
      [
        { id: id(1), accountEnabled: true },
        { id: id(2), mailUsageMb: 9.0, accountEnabled: false },
      ],
      ['mailUsageMb', 'accountEnabled'],
    );
    assert.deepEqual(again, [id(2)], 'a whole double reads back equal; a boolean that changed is written');
    const rows = new Map((await db.store.getRepository(TenantUser).find()).map((u) => [u.id, u]));
    assert.equal(rows.get(id(1))?.mailUsageMb, 1.5, 'a column the row did not carry is left as stored');
    assert.equal(rows.get(id(2))?.accountEnabled, false);
    assert.deepEqual(
      await updateChanged(
        db.store.manager,
        TenantUser,
        [
          { id: id(1), onPremisesSyncEnabled: true },
          { id: id(2), onPremisesSyncEnabled: null },
        ],
        ['onPremisesSyncEnabled'],
      ),
      [id(1)],
      'a value differs from a stored null, and null equals it',
    );
  });
});
