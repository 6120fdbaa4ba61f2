import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { adminsCommand, adminsOptionsSchema } from '../../src/cli/admins';
import { AuditEvent, Setting } from '../../src/store';
import { NOW, openTestStore } from '../insights/fixtures';
import { cli } from './helpers';

describe('cli: npm run admins', function () {
  this.timeout(20_000);
  let store: DataSource;
  let close: () => Promise<void>;
  const admins = (argv: string[]) => cli(adminsCommand, argv, { store, now: NOW });
  before(async () => ({ store, close } = await openTestStore()));
  after(() => close());

  it('its schema takes each option as a list, none by default, and nothing else', () => {
    assert.deepEqual(adminsOptionsSchema.safeParse({ 'add-user': ['a', 'b'] }).data, {
      'add-user': ['a', 'b'],
      'remove-user': [],
      'add-group': [],
      'remove-group': [],
    });
    assert.equal(adminsOptionsSchema.safeParse({ 'add-user': 'a' }).success, false);
    assert.equal(adminsOptionsSchema.safeParse({ 'add-admin': ['a'] }).success, false);
  });

  it('shows that none are configured, then names users and groups (lower case, audited as cli), and removes one', async () => {
    const none = await admins([]);
    assert.equal(none.code, 0);
    assert.equal(
      none.stdout,
      'License Steward admins (none configured; demo default in use):\n  users : —\n  groups: —\n',
    );
    const added = await admins([
      '--add-user',
      'AdeleV@contoso.onmicrosoft.com',
      '--add-user',
      'b2c3',
      '--add-group',
      'G-1',
    ]);
    assert.equal(
      added.stdout,
      'License Steward admins (from settings):\n  users : adelev@contoso.onmicrosoft.com, b2c3\n  groups: g-1\n',
    );
    const removed = await admins(['--remove-user', 'B2C3']);
    assert.match(removed.stdout, /users : adelev@contoso\.onmicrosoft\.com\n/);
    const audit = await store.getRepository(AuditEvent).find({ where: { action: 'admins.set' }, order: { id: 'ASC' } });
    assert.deepEqual(
      audit.map((a) => [a.actor, a.at]),
      [
        ['cli', NOW.toISOString()],
        ['cli', NOW.toISOString()],
      ],
    );
  });

  it('refuses an empty id or an unknown option with exit code 2 and the usage, and changes nothing', async () => {
    const before = await store.getRepository(Setting).findOneByOrFail({ key: 'admins' });
    for (const argv of [['--add-user', ' '], ['--bogus'], ['--add-group'], ['someone']]) {
      const refused = await admins(argv);
      assert.equal(refused.code, 2, argv.join(' '));
      assert.equal(refused.stdout, '');
      assert.match(refused.stderr, /\nusage: npm run admins -- \[--add-user <object id or UPN>\]/);
    }
    assert.deepEqual(await store.getRepository(Setting).findOneByOrFail({ key: 'admins' }), before);
  });
});
