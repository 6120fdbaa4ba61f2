import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { policyCommand, policySchema } from '../../src/cli/policy';
import { AuditEvent } from '../../src/store';
import { NOW, openTestStore, seedCatalog } from '../insights/fixtures';
import { cli } from './helpers';

describe('cli: npm run policy', function () {
  this.timeout(20_000);
  let store: DataSource;
  let close: () => Promise<void>;
  const policy = (argv: string[]) => cli(policyCommand, argv, { store, now: NOW });
  before(async () => {
    ({ store, close } = await openTestStore());
    await seedCatalog(store);
  });
  after(() => close());

  it('its schema takes show, or set with a key and a value of one or more words', () => {
    assert.deepEqual(policySchema.safeParse({ verb: 'show', value: [] }).data, { verb: 'show' });
    assert.deepEqual(
      policySchema.safeParse({ verb: 'set', key: 'serviceAccountPatterns', value: ['svc-*,', 'bot-*'] }).data,
      { verb: 'set', key: 'serviceAccountPatterns', value: 'svc-*, bot-*' },
    );
    assert.deepEqual(policySchema.safeParse({ verb: 'set', key: 'excludedUsers', value: [''] }).data, {
      verb: 'set',
      key: 'excludedUsers',
      value: '',
    });
    for (const args of [
      { value: [] },
      { verb: 'set', key: 'inactiveDays', value: [] },
      { verb: 'show', key: 'x', value: [] },
      { verb: 'delete', key: 'x', value: [] },
    ]) {
      assert.equal(policySchema.safeParse(args).success, false, JSON.stringify(args));
    }
  });

  it('policy set changes the policy (audited) and policy show prints it; a bad value exits 2 and changes nothing', async () => {
    const set = await policy(['set', 'inactiveDays', '60']);
    assert.equal(set.code, 0);
    assert.equal(set.stdout, 'inactiveDays: 90 → 60\n');
    const bad = await policy(['set', 'inactiveDays', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /refused: inactiveDays/);
    const show = await policy(['show']);
    assert.match(show.stdout, /inactiveDays +60 +cli:/);
    assert.match(show.stdout, /graceDays +30 +\(default\)/);
    assert.deepEqual(
      (await store.getRepository(AuditEvent).find({ order: { id: 'ASC' } })).map((a) => a.outcome),
      ['ok', 'refused'],
    );
    await policy(['set', 'inactiveDays', '90']);
  });

  it('an unknown or incomplete command exits 2 with the usage, and changes nothing', async () => {
    const before = await store.getRepository(AuditEvent).count();
    for (const [argv, message] of [
      [[], 'no command given'],
      [['delete', 'x'], 'unknown or incomplete command: delete x'],
      [['set', 'inactiveDays'], 'unknown or incomplete command: set inactiveDays'],
    ] as const) {
      const refused = await cli(policyCommand, argv);
      assert.equal(refused.code, 2);
      assert.equal(refused.stderr, `${message}\nusage: npm run policy -- show | set KEY VALUE\n`);
    }
    assert.equal(await store.getRepository(AuditEvent).count(), before);
  });
});
