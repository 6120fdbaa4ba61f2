import assert from 'node:assert/strict';
import { UserIndex } from '../../src/tasks/user-index';

describe('tasks: the index of active users by number', () => {
  it('finds a user by UPN in any case and by id, and nobody else', () => {
    const users = new UserIndex();
    users.add('Ann@Contoso.com', 'id-ann');
    users.add('bob@contoso.com', 'id-bob');
    assert.equal(users.size, 2);
    assert.equal(users.ofUpn('ann@contoso.com'), 0);
    assert.equal(users.ofUpn('BOB@CONTOSO.COM'), 1);
    assert.equal(users.ofUpn('carol@contoso.com'), undefined);
    assert.deepEqual([users.ofId('id-bob'), users.ofId('id-ann'), users.ofId('id-carol')], [1, 0, undefined]);
    assert.deepEqual(users.ids, ['id-ann', 'id-bob']);
  });

  it('knows a user added after a look-up by id, and gives a UPN listed twice to the later user', () => {
    const users = new UserIndex();
    users.add('ann@contoso.com', 'id-old');
    assert.equal(users.ofId('id-new'), undefined);
    users.add('ANN@contoso.com', 'id-new');
    assert.equal(users.ofId('id-new'), 1);
    assert.equal(users.ids[users.ofUpn('ann@contoso.com')!], 'id-new');
  });
});
