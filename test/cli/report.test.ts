import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { policyCommand } from '../../src/cli/policy';
import { reportCommand, reportSchema } from '../../src/cli/report';
import { AuditEvent } from '../../src/store';
import { NOW, SKU, ago, openTestStore, recordRuns, saveUsers, seedCatalog, silent, user } from '../insights/fixtures';
import { cli, spawnCli } from './helpers';

describe('cli: npm run report', function () {
  this.timeout(20_000);
  let store: DataSource;
  let url: string;
  let close: () => Promise<void>;
  const report = (argv: string[]) => cli(reportCommand, argv, { store, now: NOW });
  before(async () => {
    ({ store, url, close } = await openTestStore());
    await seedCatalog(store);
    await saveUsers(store, [
      user({ ...silent, userPrincipalName: 'never.one@contoso.com', displayName: 'Never, "One"' }),
      user({ ...silent, userPrincipalName: 'never.two@contoso.com', displayName: null }),
      user({ userPrincipalName: 'blocked@contoso.com', accountEnabled: false }),
      user({
        userPrincipalName: 'olga.overlap@contoso.com',
        licenses: [
          { skuId: SKU.e3.skuId, assignedByGroup: '' },
          { skuId: SKU.e5.skuId, assignedByGroup: '' },
        ],
      }),
    ]);
    await recordRuns(store, { at: ago(200) });
    await recordRuns(store);
  });
  after(() => close());

  it('its schema takes one report with defaults, and refuses an unknown report, format or option', () => {
    assert.deepEqual(reportSchema.safeParse({ report: 'never' }).data, {
      report: 'never',
      format: 'table',
      sort: 'cost',
    });
    assert.equal(reportSchema.safeParse({ report: 'users', status: 'deactivated' }).success, true);
    assert.equal(reportSchema.safeParse({ report: 'never', status: 'deactivated' }).success, false);
    assert.equal(reportSchema.safeParse({ report: 'spend', sku: 'SPE_E3' }).success, false);
    assert.equal(reportSchema.safeParse({ report: 'wasted' }).success, false);
    assert.equal(reportSchema.safeParse({ report: 'never', format: 'xml' }).success, false);
    assert.equal(reportSchema.safeParse({ report: 'never', colour: 'red' }).success, false);
  });

  it('report never --format csv: a header and one parseable row per user', async () => {
    const { code, stdout } = await report(['never', '--format', 'csv', '--sort', 'name']);
    assert.equal(code, 0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((r) => [r['User Principal Name'], r['Display Name'], r['Finding'], r['Monthly Cost'], r['List Price']]),
      [
        ['never.one@contoso.com', 'Never, "One"', 'never', '36.00 USD', 'Yes'],
        ['never.two@contoso.com', '', 'never', '36.00 USD', 'Yes'],
      ],
    );
  });

  it('report history --format csv and json: every audit step with actor, time and outcome', async () => {
    await store.getRepository(AuditEvent).insert([
      {
        at: '2026-11-20T10:00:00.000Z',
        actor: 'admin-1',
        action: 'request',
        subjectType: 'request',
        subjectId: 'lynne@contoso.com',
        requestId: 'r-1',
        outcome: 'ok',
        detail: { skuId: 's' },
      },
      {
        at: '2026-11-20T11:00:00.000Z',
        actor: 'mgr-1',
        action: 'approve',
        subjectType: 'request',
        subjectId: 'lynne@contoso.com',
        requestId: 'r-1',
        outcome: 'ok',
        detail: {},
      },
      {
        at: '2026-11-20T11:01:00.000Z',
        actor: 'intruder',
        action: 'approve',
        subjectType: 'request',
        subjectId: 'lynne@contoso.com',
        requestId: 'r-1',
        outcome: 'refused',
        detail: { why: 'not the approver' },
      },
    ]);
    const csv = await report(['history', '--format', 'csv']);
    assert.equal(csv.code, 0);
    const rows = (parse(csv.stdout, { columns: true }) as Record<string, string>[]).filter(
      (r) => r['Request'] === 'r-1',
    );
    assert.deepEqual(
      rows.map((r) => [r['Actor'], r['Action'], r['Outcome']]),
      [
        ['admin-1', 'request', 'ok'],
        ['mgr-1', 'approve', 'ok'],
        ['intruder', 'approve', 'refused'],
      ],
    );
    const json = await report(['history', '--format', 'json']);
    const events = (JSON.parse(json.stdout) as { requestId: string | null; at: string }[]).filter(
      (e) => e.requestId === 'r-1',
    );
    assert.deepEqual(
      events.map((e) => e.at),
      ['2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z', '2026-11-20T11:01:00.000Z'],
    );
    await store.getRepository(AuditEvent).delete({ requestId: 'r-1' });
  });

  it('report blocked --format json and the table say the same', async () => {
    const json = await report(['blocked', '--format', 'json']);
    const list = JSON.parse(json.stdout) as { userPrincipalName: string }[];
    assert.deepEqual(
      list.map((f) => f.userPrincipalName),
      ['blocked@contoso.com'],
    );
    const text = await report(['blocked']);
    assert.match(text.stdout, /blocked@contoso\.com .*SPE_E3/);
    assert.match(text.stdout, /1 flagged blocked users/);
  });

  it('report spend prints per-SKU monthly costs and totals per currency', async () => {
    const { stdout } = await report(['spend']);
    assert.match(stdout, /SPE_E3 .* 36\.00 USD .* 360\.00 USD .* list-price/);
    assert.match(stdout, /total per month: .*USD \(includes list prices\)/);
  });

  it('report users --format csv: every user with their state (the Users tab)', async () => {
    const { stdout } = await report(['users', '--format', 'csv']);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => [r['User Principal Name'], r['State']]).sort(), [
      ['blocked@contoso.com', 'blocked'],
      ['never.one@contoso.com', 'never'],
      ['never.two@contoso.com', 'never'],
      ['olga.overlap@contoso.com', 'active'],
    ]);
  });

  it('report overlaps (CSV, JSON, table): who holds a license another of theirs includes, and what it costs', async () => {
    const csv = await report(['overlaps', '--format', 'csv']);
    assert.equal(csv.code, 0);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((r) => [r['User'], r['Redundant'], r['Included in'], r['Saving per month'], r['Reclaimable']]),
      [['olga.overlap@contoso.com', 'SPE_E3', 'SPE_E5', '36.00 USD', 'Yes']],
    );
    const json = await report(['overlaps', '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as {
      total: number;
      groups: unknown[];
      items: { userPrincipalName: string }[];
    };
    assert.deepEqual(
      [parsed.total, parsed.groups.length, parsed.items.map((i) => i.userPrincipalName)],
      [1, 1, ['olga.overlap@contoso.com']],
    );
    const text = await report(['overlaps']);
    assert.match(text.stdout, /olga\.overlap@contoso\.com .*SPE_E3 .*SPE_E5/);
  });

  it('refuses an unknown report, format or a second report with exit code 2 and the usage on stderr, opening nothing', async () => {
    for (const argv of [['wasted'], ['never', '--format', 'xml'], ['never', 'blocked'], []]) {
      const refused = await cli(reportCommand, argv);
      assert.equal(refused.code, 2, argv.join(' '));
      assert.equal(refused.stdout, '');
      assert.match(refused.stderr, /\nusage: npm run report -- inactive\|never\|blocked/);
    }
    assert.match((await cli(reportCommand, ['wasted'])).stderr, /^report: Invalid enum value\. Expected 'inactive'/);
  });

  it('report <list> says how many the policy excludes, and --status excluded lists them with the reason', async () => {
    await cli(policyCommand, ['set', 'excludedUsers', 'never.two@contoso.com'], { store, now: NOW });
    try {
      const flagged = await report(['never']);
      assert.match(flagged.stdout, /1 flagged never users\n1 more excluded by policy: --status excluded lists them/);
      assert.doesNotMatch(flagged.stdout, /never\.two/);
      const excluded = await report(['never', '--status', 'excluded']);
      assert.match(excluded.stdout, /never\.two@contoso\.com +named-user /);
      assert.match(excluded.stdout, /1 excluded never users\n$/);
    } finally {
      await cli(policyCommand, ['set', 'excludedUsers', ''], { store, now: NOW });
    }
  });

  it('runs as a process against DATABASE_URL (tsx entry file), exit 0, and 2 on a usage error', async () => {
    const ok = await spawnCli('report', ['blocked', '--format', 'csv'], { DATABASE_URL: url });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /blocked@contoso\.com/);
    const refused = await spawnCli('policy', ['frobnicate'], { DATABASE_URL: url });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /usage: npm run policy/);
  });
});
