import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { policyCommand } from '../../src/insights/cli/policy';
import { reportCommand } from '../../src/insights/cli/report';
import { UsageError, type CliIo } from '../../src/insights/cli/open';
import { AuditEvent } from '../../src/store';
import { NOW, SKU, ago, openTestStore, recordRuns, saveUsers, seedCatalog, silent, user } from './fixtures';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
  return io;
}

describe('insights: CLIs (npm run policy / npm run report)', function () {
  this.timeout(20_000);
  let store: DataSource;
  let url: string;
  let close: () => Promise<void>;
  before(async () => {
    ({ store, url, close } = await openTestStore());
    await seedCatalog(store);
    await saveUsers(store, [
      user({ ...silent, userPrincipalName: 'never.one@contoso.com', displayName: 'Never, "One"' }),
      user({ ...silent, userPrincipalName: 'never.two@contoso.com', displayName: null }),
      user({ userPrincipalName: 'blocked@contoso.com', accountEnabled: false }),
      user({ userPrincipalName: 'olga.overlap@contoso.com', licenses: [{ skuId: SKU.e3.skuId, assignedByGroup: '' }, { skuId: SKU.e5.skuId, assignedByGroup: '' }] }),
    ]);
    await recordRuns(store, { at: ago(200) });
    await recordRuns(store);
  });
  after(() => close());

  it('report never --format csv: a header and one parseable row per user', async () => {
    const io = capture();
    assert.equal(await reportCommand(['never', '--format', 'csv', '--sort', 'name'], store, io, NOW), 0);
    const rows = parse(io.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => [r['User Principal Name'], r['Display Name'], r['Finding'], r['Monthly Cost'], r['List Price']]), [
      ['never.one@contoso.com', 'Never, "One"', 'never', '36.00 USD', 'Yes'],
      ['never.two@contoso.com', '', 'never', '36.00 USD', 'Yes'],
    ]);
  });

  it('report history --format csv and json: every audit step with actor, time and outcome', async () => {
    await store.getRepository(AuditEvent).insert([
      { at: '2026-11-20T10:00:00.000Z', actor: 'admin-1', action: 'request', subjectType: 'request', subjectId: 'lynne@contoso.com', requestId: 'r-1', outcome: 'ok', detail: { skuId: 's' } },
      { at: '2026-11-20T11:00:00.000Z', actor: 'mgr-1', action: 'approve', subjectType: 'request', subjectId: 'lynne@contoso.com', requestId: 'r-1', outcome: 'ok', detail: {} },
      { at: '2026-11-20T11:01:00.000Z', actor: 'intruder', action: 'approve', subjectType: 'request', subjectId: 'lynne@contoso.com', requestId: 'r-1', outcome: 'refused', detail: { why: 'not the approver' } },
    ]);
    const csv = capture();
    assert.equal(await reportCommand(['history', '--format', 'csv'], store, csv, NOW), 0);
    const rows = (parse(csv.stdout, { columns: true }) as Record<string, string>[]).filter((r) => r['Request'] === 'r-1');
    assert.deepEqual(rows.map((r) => [r['Actor'], r['Action'], r['Outcome']]), [['admin-1', 'request', 'ok'], ['mgr-1', 'approve', 'ok'], ['intruder', 'approve', 'refused']]);
    const json = capture();
    await reportCommand(['history', '--format', 'json'], store, json, NOW);
    const events = (JSON.parse(json.stdout) as { requestId: string | null; at: string }[]).filter((e) => e.requestId === 'r-1');
    assert.deepEqual(events.map((e) => e.at), ['2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z', '2026-11-20T11:01:00.000Z']);
    await store.getRepository(AuditEvent).delete({ requestId: 'r-1' });
  });

  it('report blocked --format json and the table say the same', async () => {
    const json = capture();
    await reportCommand(['blocked', '--format', 'json'], store, json, NOW);
    const list = JSON.parse(json.stdout) as { userPrincipalName: string }[];
    assert.deepEqual(list.map((f) => f.userPrincipalName), ['blocked@contoso.com']);
    const text = capture();
    await reportCommand(['blocked'], store, text, NOW);
    assert.match(text.stdout, /blocked@contoso\.com .*SPE_E3/);
    assert.match(text.stdout, /1 flagged blocked users/);
  });

  it('report spend prints per-SKU monthly costs and totals per currency', async () => {
    const io = capture();
    await reportCommand(['spend'], store, io, NOW);
    assert.match(io.stdout, /SPE_E3 .* 36\.00 USD .* 360\.00 USD .* list-price/);
    assert.match(io.stdout, /total per month: .*USD \(includes list prices\)/);
  });

  it('report users --format csv: every user with their state (the Users tab)', async () => {
    const io = capture();
    await reportCommand(['users', '--format', 'csv'], store, io, NOW);
    const rows = parse(io.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => [r['User Principal Name'], r['State']]).sort(), [['blocked@contoso.com', 'blocked'], ['never.one@contoso.com', 'never'], ['never.two@contoso.com', 'never'], ['olga.overlap@contoso.com', 'active']]);
  });

  it('report overlaps (CSV, JSON, table): who holds a license another of theirs includes, and what it costs', async () => {
    const io = capture();
    assert.equal(await reportCommand(['overlaps', '--format', 'csv'], store, io, NOW), 0);
    const rows = parse(io.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => [r['User'], r['Redundant'], r['Included in'], r['Saving per month'], r['Reclaimable']]), [['olga.overlap@contoso.com', 'SPE_E3', 'SPE_E5', '36.00 USD', 'Yes']]);
    const json = capture();
    await reportCommand(['overlaps', '--format', 'json'], store, json, NOW);
    const parsed = JSON.parse(json.stdout) as { total: number; groups: unknown[]; items: { userPrincipalName: string }[] };
    assert.deepEqual([parsed.total, parsed.groups.length, parsed.items.map((i) => i.userPrincipalName)], [1, 1, ['olga.overlap@contoso.com']]);
    const text = capture();
    await reportCommand(['overlaps'], store, text, NOW);
    assert.match(text.stdout, /olga\.overlap@contoso\.com .*SPE_E3 .*SPE_E5/);
  });

  it('refuses an unknown report or format with the usage', async () => {
    await assert.rejects(reportCommand(['wasted'], store, capture(), NOW), UsageError);
    await assert.rejects(reportCommand(['never', '--format', 'xml'], store, capture(), NOW), UsageError);
    await assert.rejects(policyCommand(['delete', 'x'], store, capture(), NOW), UsageError);
  });

  it('policy set changes the policy (audited) and policy show prints it; a bad value exits 2 and changes nothing', async () => {
    const set = capture();
    assert.equal(await policyCommand(['set', 'inactiveDays', '60'], store, set, NOW), 0);
    assert.equal(set.stdout, 'inactiveDays: 90 → 60\n');
    const bad = capture();
    assert.equal(await policyCommand(['set', 'inactiveDays', 'soon'], store, bad, NOW), 2);
    assert.match(bad.stderr, /refused: inactiveDays/);
    const show = capture();
    await policyCommand(['show'], store, show, NOW);
    assert.match(show.stdout, /inactiveDays +60 +cli:/);
    assert.match(show.stdout, /graceDays +30 +\(default\)/);
    assert.deepEqual((await store.getRepository(AuditEvent).find({ order: { id: 'ASC' } })).map((a) => a.outcome), ['ok', 'refused']);
    await policyCommand(['set', 'inactiveDays', '90'], store, capture(), NOW);
  });

  it('runs as a process against DATABASE_URL (tsx entry file), exit 0, and 2 on a usage error', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' };
    const tsx = join('node_modules', '.bin', 'tsx');
    const ok = await run(tsx, ['src/insights/cli/report.ts', 'blocked', '--format', 'csv'], { env });
    assert.match(ok.stdout, /blocked@contoso\.com/);
    await assert.rejects(run(tsx, ['src/insights/cli/policy.ts', 'frobnicate'], { env }), (e: { code?: number; stderr?: string }) => e.code === 2 && /usage: npm run policy/.test(e.stderr ?? ''));
  });

  it('report <list> says how many the policy excludes, and --status excluded lists them with the reason', async () => {
    await policyCommand(['set', 'excludedUsers', 'never.two@contoso.com'], store, capture(), NOW);
    try {
      const flagged = capture();
      await reportCommand(['never'], store, flagged, NOW);
      assert.match(flagged.stdout, /1 flagged never users\n1 more excluded by policy: --status excluded lists them/);
      assert.doesNotMatch(flagged.stdout, /never\.two/);
      const excluded = capture();
      await reportCommand(['never', '--status', 'excluded'], store, excluded, NOW);
      assert.match(excluded.stdout, /never\.two@contoso\.com +named-user /);
      assert.match(excluded.stdout, /1 excluded never users\n$/);
    } finally {
      await policyCommand(['set', 'excludedUsers', ''], store, capture(), NOW);
    }
  });
});
