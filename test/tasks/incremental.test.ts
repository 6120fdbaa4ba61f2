import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { AppActivity, ReportSnapshot, SyncCursor, TenantUser, type TaskRun } from '../../src/store';
import { rosterTask } from '../../src/tasks/roster';
import { openSyncStore, startSyncBed, type SyncBed, type SyncStore } from '../helpers/sync';

/**
 * The store's content, without what only says which run wrote it (timestamps, run ids): two stores
 * with the same content answer every question the same.
 */
async function content(store: DataSource): Promise<Record<string, unknown[]>> {
  const rows = async (sql: string) => (await store.query(sql)) as Record<string, unknown>[];
  const users = await rows(`SELECT * FROM "users" ORDER BY "id"`);
  return {
    users: users.map(({ updatedAt: _u, lastSeenRunId: _r, activeDate: _a, deactivatedDate, ...rest }) => ({
      ...rest,
      deactivated: deactivatedDate !== null,
    })),
    licenses: await rows(
      `SELECT "userId", "skuId", "assignedByGroup", "disabledPlans", "state", "error", "lastUpdatedDateTime" FROM "user_licenses" ORDER BY "userId", "skuId", "assignedByGroup"`,
    ),
    activity: await rows(
      `SELECT "userId", "app", "lastActivityDate", "source", "asOf" FROM "app_activity" ORDER BY "userId", "app"`,
    ),
    snapshots: await rows(
      `SELECT "report", "userId", "userPrincipalName", "reportRefreshDate", "data" FROM "report_snapshots" ORDER BY "report", "userId", "data"`,
    ),
    reads: await rows(`SELECT "report", "reportRefreshDate" FROM "report_reads" ORDER BY "report"`),
    groups: await rows(`SELECT "id", "displayName" FROM "groups" ORDER BY "id"`),
    members: await rows(`SELECT "groupId", "userId" FROM "group_members" ORDER BY "groupId", "userId"`),
    skus: (await rows(`SELECT * FROM "skus" ORDER BY "skuId"`)).map(({ updatedAt: _u, ...rest }) => rest),
  };
}

const graphPaths = (bed: SyncBed) =>
  bed.sim.control
    .calls()
    .filter((c) => c.origin === 'graph')
    .map((c) => c.path);

/**
 * A trigger that makes the store refuse to update these user columns with `message`, as a full disk
 * would (SQLite and PostgreSQL spell it differently); `lift` removes it.
 */
function refuseUserUpdates(store: DataSource, name: string, columns: string[], message: string) {
  const postgres = store.options.type === 'postgres';
  const of = columns.map((c) => `"${c}"`).join(', ');
  const sql = postgres
    ? [
        `CREATE FUNCTION "${name}"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER "${name}" BEFORE UPDATE OF ${of} ON "users" FOR EACH ROW EXECUTE FUNCTION "${name}"()`,
      ]
    : [`CREATE TRIGGER "${name}" BEFORE UPDATE OF ${of} ON "users" BEGIN SELECT RAISE(ABORT, '${message}'); END`];
  return {
    async install() {
      for (const statement of sql) await store.query(statement);
    },
    lift: () => store.query(`DROP TRIGGER "${name}"${postgres ? ' ON "users"' : ''}`),
  };
}

/**
 * A day-2 incremental sync whose store refuses some writes (`refusal`), then day 3's: returns the
 * content of the store and of a twin synced in full on day 1 and day 3 (an incremental run must end
 * where a full one does, whatever the run before it left undone).
 */
async function afterRefusedRun(
  bed: SyncBed,
  refusal: ReturnType<typeof refuseUserUpdates>,
  options: {
    sync: (store: SyncStore, mode: 'full' | 'incremental') => Promise<TaskRun[]>;
    failed: { task: string; error: RegExp };
    /** What changes in the tenant on day 2. */
    change?: () => void;
  },
): Promise<{ mine: Record<string, unknown[]>; full: Record<string, unknown[]> }> {
  const twin: SyncStore = await openSyncStore(bed.graph, () => bed.sim.control.now());
  try {
    await options.sync(bed, 'full');
    await options.sync(twin, 'full');
    options.change?.();
    bed.sim.control.advanceDays(1);
    await refusal.install();
    const failed = (await options.sync(bed, 'incremental')).find((r) => r.task === options.failed.task)!;
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', options.failed.error);
    await refusal.lift();
    // The next day most users' rows are what the failed run read.
    bed.sim.control.advanceDays(1);
    const runs = await options.sync(bed, 'incremental');
    assert.ok(
      runs.every((r) => r.status === 'succeeded' && r.mode === 'incremental'),
      JSON.stringify(runs),
    );
    await options.sync(twin, 'full');
    return { mine: await content(bed.dataSource), full: await content(twin.dataSource) };
  } finally {
    await twin.close();
  }
}

const syncAll = (store: SyncStore, mode: 'full' | 'incremental') => store.syncAll(mode);

describe('incremental sync (users/delta, sign-ins since a cursor, MFA of the changed users)', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  afterEach(() => bed.stop());

  it('ends with the same store as a full sync of the same tenant', async () => {
    bed = await startSyncBed({ users: 1500 });
    const twin: SyncStore = await openSyncStore(bed.graph, () => bed.sim.control.now());
    try {
      await bed.syncAll('full');
      await twin.syncAll('full');
      const changed = bed.sim.control.changeUsers(60, 7);
      assert.ok(
        Object.values(changed).every((ids) => ids.length > 0),
        JSON.stringify(changed),
      );
      // The next day: the reports, read once a day, are read again too.
      bed.sim.control.advanceDays(1);
      bed.sim.control.clearCalls();
      const runs = await bed.syncAll('incremental');
      const roster = runs.find((r) => r.task === 'roster')!;
      assert.equal(roster.mode, 'incremental');
      assert.ok(graphPaths(bed).includes('/v1.0/users/delta'));
      const listings = bed.sim.control
        .calls()
        .filter((c) => c.path === '/v1.0/users' && !decodeURIComponent(c.query).includes('$filter='));
      assert.deepEqual(listings, [], 'the directory is not listed');
      assert.equal(roster.counts.deactivated, changed.deleted.length);
      // MFA registration as the tenant has it now, for the users whose registration changed.
      const users = bed.dataSource.getRepository(TenantUser);
      for (const id of changed.mfa) {
        const truth = bed.sim.control.userTruth(id);
        if (truth.accountEnabled)
          assert.equal((await users.findOneByOrFail({ id })).mfaRegistered, truth.mfaRegistered, id);
      }
      await twin.syncAll('full');
      assert.deepEqual(await content(bed.dataSource), await content(twin.dataSource));
    } finally {
      await twin.close();
    }
  });

  it("sets every user's report columns again after a run that stopped before writing them", async () => {
    // An incremental run leaves alone the columns of users whose report rows did not change, trusting
    // the store to hold them (src/tasks/cursors.ts): not after a run whose snapshots were written and
    // whose columns were not. The store refuses the columns' write here, as a full disk would.
    bed = await startSyncBed({ users: 1500 });
    const refusal = refuseUserUpdates(
      bed.dataSource,
      'refuse_columns',
      ['activations', 'mailUsageMb', 'oneDriveUsageMb', 'usesWindows'],
      'columns refused',
    );
    const { mine, full } = await afterRefusedRun(bed, refusal, {
      sync: async (store, mode) => [await store.run(rosterTask, mode)],
      failed: { task: 'roster', error: /columns refused/ },
      // New and lost licenses give users new report rows, hence new columns.
      change: () => assert.ok(bed.sim.control.changeUsers(150, 5).license.length > 0),
    });
    assert.deepEqual(mine.users, full.users);
    // (Those the latest read no longer has are dated by the read before, which the twin did not make.)
    const latest = (rows: unknown[] = []) => rows.filter((r) => (r as ReportSnapshot).reportRefreshDate === null);
    assert.deepEqual(latest(mine.snapshots), latest(full.snapshots));
  });

  it('refreshes "last used" for the users whose per-app days a failed run wrote', async () => {
    // An incremental run recomputes a user's last activity only where per-app days were written
    // since the last refresh that completed (src/tasks/activity.ts). The store refuses the refresh here.
    bed = await startSyncBed({ users: 1500 });
    const refusal = refuseUserUpdates(bed.dataSource, 'refuse_last_used', ['lastActivityDate'], 'last used refused');
    const { mine, full } = await afterRefusedRun(bed, refusal, {
      sync: syncAll,
      failed: { task: 'access', error: /last used refused/ },
    });
    assert.deepEqual(mine.users, full.users);
  });

  it('falls back to a full read when the deltaLink expired (7 days) or Graph reset it (410)', async () => {
    bed = await startSyncBed({ users: 400 });
    await bed.run(rosterTask, 'full');
    bed.sim.control.advanceDays(8);
    bed.sim.control.clearCalls();
    const expired = await bed.run(rosterTask);
    assert.equal(expired.status, 'succeeded', expired.error ?? '');
    assert.equal(expired.mode, 'full');
    assert.equal(expired.counts.deltaResets, 1);
    const listed = bed.sim.control
      .calls()
      .filter(
        (c) =>
          c.path === '/v1.0/users' &&
          /signInActivity/.test(decodeURIComponent(c.query)) &&
          !/\$filter/.test(decodeURIComponent(c.query)),
      );
    assert.ok(listed.length > 0, 'the whole directory was listed');
    assert.ok(bed.sim.control.calls().some((c) => c.path === '/v1.0/users/delta' && c.status === 410));

    assert.equal((await bed.run(rosterTask)).mode, 'incremental', 'the full read took a new deltaLink');
    bed.sim.control.setFaults({ resetDeltaTokens: true });
    const reset = await bed.run(rosterTask);
    assert.equal(reset.mode, 'full');
    assert.equal(reset.counts.deltaResets, 1);
  });

  it('reads the whole directory when the deltaLink was lost', async () => {
    bed = await startSyncBed({ users: 300 });
    await bed.run(rosterTask, 'full');
    await bed.dataSource.getRepository(SyncCursor).clear();
    const run = await bed.run(rosterTask);
    assert.equal(run.mode, 'full');
    assert.equal(run.counts.deltaResets, undefined);
  });

  it('deactivates a user users/delta says was removed', async () => {
    bed = await startSyncBed({ users: 300 });
    await bed.run(rosterTask, 'full');
    const victim = (await bed.dataSource.getRepository(TenantUser).find({ take: 1, order: { id: 'DESC' } }))[0]!;
    bed.sim.control.deleteUser(victim.id);
    const run = await bed.run(rosterTask);
    assert.equal(run.mode, 'incremental');
    assert.equal(run.counts.removedUsers, 1);
    assert.equal(run.counts.deactivated, 1);
    assert.ok((await bed.dataSource.getRepository(TenantUser).findOneByOrFail({ id: victim.id })).deactivatedDate);
  });

  it('on the next report day rewrites only the snapshots and per-app days whose values changed', async () => {
    bed = await startSyncBed({ users: 500 });
    await bed.syncAll('full');
    // A user's rows of a report, as values and as stored rows (activations has one per product type).
    const snapshots = async () => {
      const rows = (await bed.dataSource.query(
        `SELECT "id", "report", "userId", "data" FROM "report_snapshots" ORDER BY "report", "userId", "data"`,
      )) as { id: number; report: string; userId: string; data: string }[];
      const byUser = new Map<string, { data: string[]; ids: number[] }>();
      for (const r of rows) {
        const own = byUser.get(`${r.report}|${r.userId}`) ?? { data: [], ids: [] };
        own.data.push(r.data);
        own.ids.push(Number(r.id));
        byUser.set(`${r.report}|${r.userId}`, own);
      }
      return new Map([...byUser].map(([user, u]) => [`${user}|${u.data.join('\n')}`, u.ids.join(',')]));
    };
    const activity = async () =>
      new Map(
        (
          (await bed.dataSource.query(
            `SELECT "userId", "app", "lastActivityDate", "updatedAt" FROM "app_activity" WHERE "source" = 'report'`,
          )) as { userId: string; app: string; lastActivityDate: string; updatedAt: string }[]
        ).map((a) => [`${a.userId}|${a.app}|${a.lastActivityDate}`, a.updatedAt]),
      );
    const [snapshotsBefore, activityBefore] = [await snapshots(), await activity()];
    const reads = () =>
      bed.dataSource.query(`SELECT "report", "reportRefreshDate" FROM "report_reads" ORDER BY "report"`);
    const readsBefore = await reads();
    // The refresh date is 1 to 3 days behind, varying by day: three days on it surely moves (two days
    // on, a 1-day lag followed by a 3-day one would give the same date).
    bed.sim.control.advanceDays(3);
    await bed.syncAll('full');
    const readsAfter = await reads();
    assert.notDeepEqual(readsAfter, readsBefore, 'the reports were refreshed');
    const [snapshotsAfter, activityAfter] = [await snapshots(), await activity()];
    const keptSnapshots = [...snapshotsAfter].filter(([key, id]) => snapshotsBefore.get(key) === id);
    const sameSnapshots = [...snapshotsAfter.keys()].filter((key) => snapshotsBefore.has(key));
    assert.ok(sameSnapshots.length > 100, `${sameSnapshots.length} snapshots kept their values`);
    assert.equal(keptSnapshots.length, sameSnapshots.length, 'a snapshot whose values stayed is not rewritten');
    assert.ok(snapshotsAfter.size > sameSnapshots.length, 'some snapshots changed');
    const doubled = (await bed.dataSource.query(
      `SELECT "report", "userId" FROM "report_snapshots" WHERE "report" <> 'activations' AND "reportRefreshDate" IS NULL GROUP BY "report", "userId" HAVING COUNT(*) > 1`,
    )) as unknown[];
    assert.deepEqual(doubled, [], 'a snapshot whose values changed replaced the one before');
    const sameDays = [...activityAfter].filter(([key]) => activityBefore.has(key));
    assert.ok(sameDays.length > 100, `${sameDays.length} per-app days stayed`);
    assert.ok(
      sameDays.every(([key, updatedAt]) => activityBefore.get(key) === updatedAt),
      'a per-app day that stayed is not rewritten',
    );
  });

  it("on the next report day holds each user's per-app days as the reports give them, a day changed in the store set right", async () => {
    bed = await startSyncBed({ users: 500 });
    await bed.syncAll('full');
    // Changed behind the task's back: a day, and a day's "as of" (a day of an older read).
    const stored = (await bed.dataSource.query(
      `SELECT "userId", "app" FROM "app_activity" WHERE "source" = 'report' AND "app" IN ('teams', 'outlook') ORDER BY "userId", "app"`,
    )) as { userId: string; app: string }[];
    const [moved, dated] = [stored[0]!, stored.at(-1)!];
    assert.notDeepEqual(moved, dated);
    const activity = bed.dataSource.getRepository(AppActivity);
    await activity.update(moved, { lastActivityDate: '2000-01-01' });
    await activity.update(dated, { asOf: '2000-01-01' });
    bed.sim.control.advanceDays(3);
    const access = (await bed.syncAll('incremental')).find((r) => r.task === 'access')!;
    assert.equal(access.status, 'succeeded');
    const cutoff = new Date(bed.sim.control.now().getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
    // Outlook's day is the email activity report's, which the simulator makes from Exchange's use.
    for (const [app, report, use] of [
      ['teams', 'activeUsers', 'teams'],
      ['outlook', 'emailActivity', 'exchange'],
    ] as const) {
      const [read] = (await bed.dataSource.query(
        `SELECT "reportRefreshDate" FROM "report_reads" WHERE "report" = '${report}'`,
      )) as { reportRefreshDate: string }[];
      const days = new Map(
        (
          (await bed.dataSource.query(
            `SELECT "userId", "lastActivityDate", "asOf" FROM "app_activity" WHERE "app" = '${app}'`,
          )) as { userId: string; lastActivityDate: string; asOf: string | null }[]
        ).map((a) => [a.userId, a]),
      );
      const users = (await bed.dataSource.query(`SELECT "id" FROM "users" WHERE "deactivatedDate" IS NULL`)) as {
        id: string;
      }[];
      let held = 0;
      for (const { id } of users) {
        // The report shows use after its refresh date as that date (sync.test.ts).
        const used = bed.sim.control.userTruth(id).lastUse[use]?.slice(0, 10) ?? null;
        const want = used !== null && used > read!.reportRefreshDate ? read!.reportRefreshDate : used;
        const got = days.get(id);
        if (want === null || want < cutoff) continue;
        held++;
        assert.deepEqual([got?.lastActivityDate, got?.asOf], [want, null], `${id} ${app}`);
      }
      assert.ok(held > 50, `${held} users' ${app} days`);
    }
  });

  it('writes nothing when re-reading a tenant that did not change', async () => {
    bed = await startSyncBed({ users: 500 });
    await bed.syncAll('full');
    const before = await bed.dataSource.query(`SELECT "id", "updatedAt" FROM "users" ORDER BY "id"`);
    const again = await bed.syncAll('full');
    assert.deepEqual(
      again.map((r) => [r.task, r.counts.rowsWritten]),
      [
        ['licenses', 0],
        ['roster', 0],
        ['access', 0],
      ],
    );
    assert.deepEqual(await bed.dataSource.query(`SELECT "id", "updatedAt" FROM "users" ORDER BY "id"`), before);
  });
});
