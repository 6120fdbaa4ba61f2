import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { costsCommand, costsSchema } from '../../src/cli/costs';
import { reportCommand } from '../../src/cli/report';
import type { SkuCost, SpendSummary } from '../../src/insights';
import { AuditEvent, LicenseCost } from '../../src/store';
import { NOW, openTestStore, seedCatalog } from '../insights/fixtures';
import { tempDir } from '../helpers/temp-dir';
import { cli } from './helpers';

describe('cli: npm run costs', function () {
  this.timeout(20_000);
  let store: DataSource;
  let close: () => Promise<void>;
  let dir: ReturnType<typeof tempDir>;
  const costs = (argv: string[]) => cli(costsCommand, argv, { store, now: NOW });
  const spend = async () =>
    (JSON.parse((await cli(reportCommand, ['spend', '--format', 'json'], { store, now: NOW })).stdout) as SpendSummary)
      .lines;
  const stored = () => store.getRepository(LicenseCost).count();
  before(async () => {
    ({ store, close } = await openTestStore());
    await seedCatalog(store);
    dir = tempDir();
  });
  after(async () => {
    dir.cleanup();
    await close();
  });

  it('its schema takes list, set with the cost options, or import with a file', () => {
    assert.deepEqual(costsSchema.safeParse({ verb: 'list' }).data, { verb: 'list', format: 'table' });
    assert.deepEqual(costsSchema.safeParse({ verb: 'import', target: 'costs.csv' }).data, {
      verb: 'import',
      file: 'costs.csv',
    });
    assert.deepEqual(
      costsSchema.safeParse({ verb: 'set', target: 'SPE_E3', cost: '36', currency: 'USD', frequency: 'monthly' }).data,
      {
        verb: 'set',
        entry: {
          sku: 'SPE_E3',
          cost: '36',
          currency: 'USD',
          frequency: 'monthly',
          months: undefined,
          effective: undefined,
          expires: undefined,
        },
      },
    );
    for (const args of [
      {},
      { verb: 'set', target: 'SPE_E3', cost: '36' },
      { verb: 'list', cost: '1' },
      { verb: 'list', format: 'csv' },
      { verb: 'import' },
      { verb: 'drop' },
    ]) {
      assert.equal(costsSchema.safeParse(args).success, false, JSON.stringify(args));
    }
  });

  it('set stores a cost, and the spend report says per license whether its figure is entered or a list price', async () => {
    assert.equal((await spend()).find((l) => l.skuPartNumber === 'SPE_E3')?.source, 'list-price');
    const set = await costs([
      'set',
      'SPE_E3',
      '--cost',
      '432',
      '--currency',
      'usd',
      '--frequency',
      'annual',
      '--effective',
      '2025-01-01',
      '--expires',
      '2025-12-31',
    ]);
    assert.deepEqual([set.code, set.stderr], [0, '']);
    assert.match(set.stdout, /^SPE_E3: cost stored/);
    const lines = await spend();
    const e3 = lines.find((l) => l.skuPartNumber === 'SPE_E3');
    assert.deepEqual(
      [e3?.source, e3?.monthlyPerLicense],
      ['entered', { amount: '36.00', currency: 'USD', source: 'entered' }],
    );
    assert.equal(lines.find((l) => l.skuPartNumber === 'SPE_E5')?.source, 'list-price');
    const list = JSON.parse((await costs(['list', '--format', 'json'])).stdout) as SkuCost[];
    assert.deepEqual(list.find((c) => c.skuPartNumber === 'SPE_E3')?.monthly, { amount: '36.00', currency: 'USD' });
    assert.match(
      (await costs(['list'])).stdout,
      /SPE_E3 +Microsoft 365 E3 +Yes +36\.00 USD +entered +432 USD annual 2025-01-01→2025-12-31 \(in force\)/,
    );
  });

  it('a refused value exits 2 naming the field, changes nothing, and is audited', async () => {
    const before = await stored();
    const bad = await costs([
      'set',
      'SPE_E5',
      '--cost',
      '0',
      '--currency',
      'ZZZ',
      '--frequency',
      'annual',
      '--effective',
      '2025-06-01',
      '--expires',
      '2025-01-01',
    ]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(
      bad.stderr,
      /^refused, nothing changed:\n {2}cost: "0" is not a positive amount.*; currency: "ZZZ" is not an ISO 4217 currency code.*; expires: 2025-01-01 is before the effective date 2025-06-01/,
    );
    const unknown = await costs(['set', 'NOPE', '--cost', '1', '--currency', 'USD', '--frequency', 'monthly']);
    assert.match(unknown.stderr, /sku: "NOPE" is not a SKU of this tenant/);
    assert.equal(await stored(), before);
    const refusals = await store.getRepository(AuditEvent).findBy({ action: 'cost.set', outcome: 'refused' });
    assert.equal(refusals.length, 2);
    assert.match(
      (await costs(['set', 'SPE_E5', '--cost', '1'])).stderr,
      /set needs --currency, --frequency\nusage: npm run costs -- list/,
    );
  });

  it('import takes a whole file or nothing: a malformed row is named with its row and field', async () => {
    const before = await stored();
    const file = join(dir.path, 'costs.csv');
    writeFileSync(
      file,
      'sku,cost,currency,frequency,months\nSPE_E5,684,USD,annual,\nPOWER_BI_PRO,120,EUR,multi-year,\n',
    );
    const bad = await costs(['import', file]);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      'refused, nothing changed:\n  row 2: months: a multi-year cost needs the months one payment covers\n',
    );
    assert.equal(await stored(), before);
    writeFileSync(
      file,
      'sku,cost,currency,frequency,months\nSPE_E5,684,USD,annual,\nPOWER_BI_PRO,120,EUR,multi-year,12\n',
    );
    const good = await costs(['import', file]);
    assert.deepEqual([good.code, good.stderr], [0, '']);
    assert.match(good.stdout, /^2 costs imported from /);
    assert.equal(await stored(), before + 2);
    assert.match(
      (await costs(['import', join(dir.path, 'missing.csv')])).stderr,
      /^refused: cannot read .*missing\.csv: ENOENT/,
    );
  });
});
