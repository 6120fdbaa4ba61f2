import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { reportCommand } from '../../src/cli/report';
import { DEFAULT_POLICY, prepareUsageSnapshot, type TaskTracking } from '../../src/insights';
import { differentiationUsers, type DifferentiationUserPage } from '../../src/insights/differentiation-users';
import type { Reclamation } from '../../src/reclamation/service';
import { AppActivity, ReportSnapshot, UserLicense } from '../../src/store';
import { accessTask } from '../../src/tasks/access';
import { cli } from '../cli/helpers';
import { APPROVER, inactiveRequest, reclamationService } from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';

const VISIO = 'c5928f49-12ba-48f7-ada3-0d743a3601d5';
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/**
 * A simulated tenant synced through the real tasks: License Differentiation user by user (the 11
 * applications, Visio by activation), and Application Task Tracking of all five tasks.
 */
describe('license differentiation and task tracking over a synced tenant', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  let reclamation: Reclamation;
  const report = (argv: string[]) => cli(reportCommand, argv, { store: bed.dataSource });
  const page = async (options: Parameters<typeof differentiationUsers>[3]) => {
    const result = await differentiationUsers(bed.dataSource, DEFAULT_POLICY, new Date(), options);
    assert.ok(!('error' in result), JSON.stringify(result));
    return result as DifferentiationUserPage;
  };

  before(async () => {
    bed = await startSyncBed({ users: 400, seed: 11 });
    await bed.syncAll();
    await prepareUsageSnapshot(bed.dataSource, new Date());
    reclamation = reclamationService(bed);
  });
  after(() => bed.stop());

  it('lists one row per user and managed license, with the last activity of each of the 11 applications', async () => {
    const first = await page({ pageSize: 1000 });
    const pairs = new Set(
      (await bed.dataSource.getRepository(UserLicense).find()).map((l) => `${l.userId}|${l.skuId.toLowerCase()}`),
    );
    assert.equal(first.total, pairs.size);
    assert.equal(first.items.length, Math.min(1000, pairs.size));
    const teams = new Map(
      (await bed.dataSource.getRepository(AppActivity).findBy({ app: 'teams' })).map((a) => [
        a.userId,
        a.lastActivityDate,
      ]),
    );
    for (const row of first.items.slice(0, 100)) {
      assert.deepEqual(
        row.apps.map((a) => a.app),
        [
          'exchange',
          'teams',
          'onedrive',
          'outlook',
          'sharepoint',
          'skype',
          'yammer',
          'dynamics365',
          'powerbi',
          'project',
          'visio',
        ],
      );
      assert.equal(
        row.apps.find((a) => a.app === 'teams')?.date ?? null,
        teams.get(row.userId) ?? null,
        row.userPrincipalName,
      );
    }
  });

  it('fills Visio from the day its desktop app was last activated, within the last 90 days, for the license type asked for', async () => {
    const visio = async () => page({ sku: 'visioclient', pageSize: 500 });
    const before = await visio();
    assert.deepEqual([...new Set(before.items.map((r) => r.skuPartNumber))], ['VISIOCLIENT']);
    assert.equal(
      before.total,
      new Set((await bed.dataSource.getRepository(UserLicense).findBy({ skuId: VISIO })).map((l) => l.userId)).size,
    );
    // The tenant activated Visio long ago: older than 90 days, so not shown.
    const snapshots = bed.dataSource.getRepository(ReportSnapshot);
    const activations = (await snapshots.findBy({ report: 'activations' })).filter(
      (s) => s.data['Product Type'] === 'VISIO',
    );
    assert.ok(activations.length > 1, 'the tenant has Visio activations');
    assert.ok(activations.every((s) => String(s.data['Last Activated Date']) < day(90)));
    assert.ok(before.items.every((r) => r.apps.find((a) => a.app === 'visio')?.date === null));
    // One holder activates Visio again; the next access run shows the day.
    const fresh = activations.find((s) => before.items.some((r) => r.userId === s.userId))!;
    await snapshots.update({ id: fresh.id }, { data: { ...fresh.data, 'Last Activated Date': day(10) } });
    await bed.run(accessTask);
    const after = await visio();
    assert.deepEqual(
      after.items
        .filter((r) => r.apps.find((a) => a.app === 'visio')?.date)
        .map((r) => [
          r.userId,
          r.apps.find((a) => a.app === 'visio')?.date,
          r.apps.find((a) => a.app === 'visio')?.daysSince,
        ]),
      [[fresh.userId, day(10), 10]],
    );
    assert.match(
      ((await differentiationUsers(bed.dataSource, DEFAULT_POLICY, new Date(), { sku: 'NOPE' })) as { error: string })
        .error,
      /"NOPE" is not a managed license.*SPE_E3/,
    );
  });

  it('npm run report -- differentiation --sku … --format csv: the same rows, a date and days-since column per application', async () => {
    const csv = await report(['differentiation', '--sku', 'VISIOCLIENT', '--format', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, (await page({ sku: 'VISIOCLIENT' })).total);
    for (const label of [
      'Microsoft Exchange Server',
      'Microsoft Teams',
      'OneDrive',
      'Outlook',
      'SharePoint',
      'Skype for Business',
      'Yammer',
      'Dynamics 365',
      'Power BI',
      'Project',
      'Visio (activation)',
    ]) {
      assert.ok(`${label} Last Activity` in rows[0]! && `${label} Days Since` in rows[0]!, label);
    }
    assert.ok(rows.every((r) => r['SKU'] === 'VISIOCLIENT'));
    const json = JSON.parse((await report(['differentiation', '--format', 'json'])).stdout) as {
      total: number;
      items: unknown[];
    };
    assert.equal(json.items.length, json.total);
    const unknown = await report(['differentiation', '--sku', 'NOPE']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^--sku: "NOPE" is not a managed license/);
  });

  it('tracks all five tasks: the three integration tasks, License Differentiation and Reclamation', async () => {
    const request = await inactiveRequest(bed, reclamation);
    assert.ok((await reclamation.approve(request.id, APPROVER, request.version)).ok);
    assert.equal((await reclamation.execute(request.id))?.state, 'reclaimed');
    const reclaimed = (await reclamation.requests.get(request.id))!;
    assert.ok((await reclamation.undo(request.id, APPROVER, reclaimed.version)).ok);
    // A second execute finds nothing to do: no run.
    await reclamation.execute(request.id);

    const json = await report(['runs', '--format', 'json']);
    const { tasks } = JSON.parse(json.stdout) as { tasks: TaskTracking[] };
    assert.deepEqual(
      tasks.map((t) => [t.title, t.lastStatus]),
      [
        ['Application Roster', 'succeeded'],
        ['Application Access', 'succeeded'],
        ['License Information', 'succeeded'],
        ['License Differentiation', 'succeeded'],
        ['Reclamation', 'succeeded'],
      ],
    );
    const of = (task: string) => tasks.find((t) => t.task === task)!;
    assert.ok(
      (of('differentiation').runs[0]?.counts['users'] ?? 0) >= 400,
      JSON.stringify(of('differentiation').runs[0]),
    );
    assert.deepEqual(
      of('reclamation').runs.map((r) => [r.trigger, r.counts]),
      [
        ['undo', { undone: 1 }],
        ['approval', { reclaimed: 1 }],
      ],
    );
    for (const t of tasks)
      for (const r of t.runs) assert.equal(typeof r.durationSeconds, 'number', `${t.task} ${r.id}`);
    const table = await report(['runs']);
    assert.match(table.stdout, /Reclamation +succeeded +undo /);
    assert.match(table.stdout, /License Differentiation +succeeded +sync /);
  });
});
