import assert from 'node:assert/strict';
import { In } from 'typeorm';
import { AppActivity, ReportRead, ReportSnapshot, TenantUser, type TaskRun } from '../../src/store';
import { startSyncBed, type SyncBed } from '../helpers/sync';

/**
 * Only the last 90 days of report data (docs/product-rules.md R10): the tenant is synced, then aged 120 days with nobody
 * using anything, and synced again on the simulator's clock.
 */
describe('integration tasks: only the last 90 days of report data are kept', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  const simNow = () => bed.sim.control.now();
  const day = (daysAgo: number) => new Date(simNow().getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  let first: TenantUser[];
  let roster: TaskRun | undefined;
  let access: TaskRun | undefined;

  before(async () => {
    bed = await startSyncBed({ users: 300, seed: 3 });
    // The bed's tasks run on the simulator's clock; full runs, as the weekly ones, read every report.
    await bed.syncAll('full');
    first = await bed.dataSource.getRepository(TenantUser).find();
    bed.sim.control.advanceDays(120);
    const runs = await bed.syncAll('full');
    assert.deepEqual(
      runs.map((r) => r.status),
      ['succeeded', 'succeeded', 'succeeded'],
    );
    [, roster, access] = runs;
  });
  after(() => bed.stop());

  it('clears platforms the usage reports of the last 90 days no longer show', async () => {
    const had = first.filter((u) => u.usesWindows !== null);
    assert.ok(had.length > 20, 'users had platform values after the first sync');
    const snapshots = new Set(
      (await bed.dataSource.getRepository(ReportSnapshot).findBy({ report: 'm365apps' })).map((s) => s.userId),
    );
    const now = new Map((await bed.dataSource.getRepository(TenantUser).find()).map((u) => [u.id, u]));
    const cleared = had.filter((u) => !snapshots.has(u.id));
    assert.ok(cleared.length > 0, 'some users left the Microsoft 365 apps report');
    for (const u of cleared)
      assert.deepEqual([now.get(u.id)?.usesWindows, now.get(u.id)?.usesWeb], [null, null], u.userPrincipalName);
    // A snapshot as of its report's latest read holds no date of its own: that read's is kept once.
    const reads = new Map(
      (await bed.dataSource.getRepository(ReportRead).find()).map((r) => [r.report, r.reportRefreshDate]),
    );
    const kept = await bed.dataSource.getRepository(ReportSnapshot).find();
    assert.ok(kept.length > 0);
    assert.ok(kept.every((s) => (s.reportRefreshDate ?? reads.get(s.report) ?? '') >= day(90)));
    assert.ok((roster?.counts['usageCleared'] ?? 0) >= cleared.length, JSON.stringify(roster?.counts));
  });

  it("deletes per-app days from reports older than 90 days, keeping each user's last activity date", async () => {
    assert.ok((access?.counts['activityCleared'] ?? 0) > 0, JSON.stringify(access?.counts));
    const reportRows = await bed.dataSource.getRepository(AppActivity).findBy({ source: 'report' });
    assert.ok(
      reportRows.every((r) => (r.lastActivityDate ?? '') >= day(90)),
      'no report day older than 90 days',
    );
    const now = new Map((await bed.dataSource.getRepository(TenantUser).find()).map((u) => [u.id, u]));
    const known = first.filter((u) => u.lastActivityDate !== null);
    assert.ok(known.length > 20);
    // The rules rest on it: a cleared report day never turns an inactive user into one who never logged in.
    for (const u of known)
      assert.ok((now.get(u.id)?.lastActivityDate ?? '') >= u.lastActivityDate!, u.userPrincipalName);
  });
});

describe('integration tasks: an incremental run clears the columns of the users whose last snapshot it pruned', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  afterEach(() => bed.stop());

  it('clears those, and only those', async () => {
    bed = await startSyncBed({ users: 300, seed: 3 });
    await bed.syncAll('full');
    const snapshots = bed.dataSource.getRepository(ReportSnapshot);
    const users = bed.dataSource.getRepository(TenantUser);
    const withPlatforms = (await users.find()).filter((u) => u.usesWindows !== null);
    const [aged, unread] = withPlatforms;
    assert.ok(aged && unread);
    // One user's Microsoft 365 apps snapshot is of a read 100 days ago; another's is gone, as an
    // older version could have left it (a full run looks at every user: the test above).
    const old = new Date(bed.sim.control.now().getTime() - 100 * 86_400_000).toISOString().slice(0, 10);
    await snapshots.update({ report: 'm365apps', userId: aged.id }, { reportRefreshDate: old });
    await snapshots.delete({ report: 'm365apps', userId: unread.id });
    // The same day: the reports were read today, so the run only prunes.
    const runs = await bed.syncAll('incremental');
    const roster = runs.find((r) => r.task === 'roster')!;
    assert.deepEqual([roster.status, roster.mode], ['succeeded', 'incremental']);
    assert.equal(await snapshots.countBy({ report: 'm365apps', userId: aged.id }), 0);
    const after = async (id: string) => {
      const u = await users.findOneByOrFail({ id });
      return [u.usesWindows, u.usesWeb, u.mailUsageMb !== null];
    };
    assert.deepEqual(
      await after(aged.id),
      [null, null, aged.mailUsageMb !== null],
      'the pruned user: platforms cleared',
    );
    assert.deepEqual(
      await after(unread.id),
      [unread.usesWindows, unread.usesWeb, unread.mailUsageMb !== null],
      'a user not pruned keeps what they have until a full run',
    );
    assert.equal(roster.counts['usageCleared'], 1);
  });
});

describe('integration tasks: the snapshots of a user who left the tenant', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  afterEach(() => bed.stop());

  it('take the date of the last read that had them, which retention counts from', async () => {
    bed = await startSyncBed({ users: 300, seed: 3 });
    await bed.syncAll('full');
    const reads = bed.dataSource.getRepository(ReportRead);
    const before = new Map((await reads.find()).map((r) => [r.report, r.reportRefreshDate]));
    const { deleted } = bed.sim.control.changeUsers(60, 7);
    assert.ok(deleted.length > 0);
    bed.sim.control.advanceDays(1);
    const runs = await bed.syncAll('incremental');
    assert.deepEqual(
      runs.map((r) => [r.status, r.mode]),
      runs.map(() => ['succeeded', 'incremental']),
    );
    const left = await bed.dataSource.getRepository(ReportSnapshot).findBy({ userId: In(deleted) });
    assert.ok(left.length > 0, 'the users who left had snapshots');
    for (const s of left) assert.equal(s.reportRefreshDate, before.get(s.report), `${s.report} ${s.userId}`);
  });
});
