import assert from 'node:assert/strict';
import { eachTextPair, TenantUser } from '../../src/store';
import { storePerTest } from '../helpers/test-database';

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

describe('store: two columns of many rows read as one text', () => {
  const db = storePerTest();

  const save = (upns: string[]) =>
    db.store.getRepository(TenantUser).insert(
      upns.map((upn, n) => ({
        id: id(n),
        userPrincipalName: upn,
        userType: 'Member',
        accountEnabled: true,
        activeDate: 'now',
        updatedAt: 'now',
        deactivatedDate: n === 1 ? 'gone' : null,
      })),
    );
  const read = async () => {
    const pairs: [string, string][] = [];
    await eachTextPair(
      db.store.manager,
      { first: '"userPrincipalName"', second: '"id"', from: 'FROM "users" WHERE "deactivatedDate" IS NULL' },
      [],
      (upn, userId) => pairs.push([upn, userId]),
    );
    return pairs.sort((a, b) => a[1].localeCompare(b[1]));
  };

  it('gives every row it selects, values as stored, and nothing when none is selected', async () => {
    assert.deepEqual(await read(), []);
    await save(['Ada@contoso.com', 'gone@contoso.com', 'zoë.ångström@contoso.com', '']);
    assert.deepEqual(await read(), [
      ['Ada@contoso.com', id(0)],
      ['zoë.ångström@contoso.com', id(2)],
      ['', id(3)],
    ]);
  });

  it('reads the rows one by one when a value holds a separator, and gives the same pairs', async () => {
    for (const odd of ['a\u001fb@contoso.com', 'a\u001eb@contoso.com', '\u001e\u001f@contoso.com']) {
      await db.store.getRepository(TenantUser).clear();
      await save(['first@contoso.com', 'gone@contoso.com', odd]);
      assert.deepEqual(await read(), [
        ['first@contoso.com', id(0)],
        [odd, id(2)],
      ]);
    }
  });
});
