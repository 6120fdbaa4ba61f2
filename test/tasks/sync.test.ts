import assert from 'node:assert/strict';
import { AppActivity, DirectoryGroup, ReportRead, Sku, TenantUser, UserLicense } from '../../src/store';
import { accessTask } from '../../src/tasks/access';
import { rosterTask } from '../../src/tasks/roster';
import { startSyncBed, type SyncBed } from '../helpers/sync';

describe('integration tasks against the tenant simulator', function () {
  this.timeout(120_000);

  describe('a full sync of a clean tenant', () => {
    let bed: SyncBed;
    before(async () => {
      bed = await startSyncBed();
      const runs = await bed.syncAll();
      assert.deepEqual(
        runs.map((r) => [r.task, r.status, r.error]),
        [
          ['licenses', 'succeeded', null],
          ['roster', 'succeeded', null],
          ['access', 'succeeded', null],
        ],
      );
    });
    after(() => bed.stop());

    it('stores every live user of the tenant exactly once', async () => {
      const stored = await bed.dataSource.getRepository(TenantUser).find({ select: { id: true } });
      assert.equal(stored.length, 1000);
      assert.equal(new Set(stored.map((u) => u.id)).size, 1000);
      for (const { id } of stored.slice(0, 50)) assert.equal(bed.sim.control.userTruth(id).deleted, false);
    });

    it('matches the ground truth for a sample of users: enabled, MFA, sync, licenses direct vs group', async () => {
      const users = await bed.dataSource.getRepository(TenantUser).find({ order: { id: 'ASC' }, take: 60 });
      for (const user of users) {
        const truth = bed.sim.control.userTruth(user.id);
        assert.equal(user.userPrincipalName, truth.userPrincipalName);
        assert.equal(user.accountEnabled, truth.accountEnabled, user.userPrincipalName);
        assert.equal(user.onPremisesSyncEnabled === true, truth.onPremisesSynced, user.userPrincipalName);
        if (truth.accountEnabled) assert.equal(user.mfaRegistered, truth.mfaRegistered, user.userPrincipalName);
        const licenses = await bed.dataSource.getRepository(UserLicense).findBy({ userId: user.id });
        const got = licenses.map((l) => `${l.skuId}|${l.assignedByGroup || 'direct'}`).sort();
        const want = truth.licenses
          .map((l) => `${l.skuId.toLowerCase()}|${l.assignment === 'direct' ? 'direct' : l.groupId!.toLowerCase()}`)
          .sort();
        assert.deepEqual(got, want, user.userPrincipalName);
      }
      // users.heldSkuIds (what the summary reads) says the same as the license rows, for every user.
      const rows = await bed.dataSource.getRepository(UserLicense).find({ select: { userId: true, skuId: true } });
      const held = new Map<string, Set<string>>();
      for (const r of rows) held.set(r.userId, (held.get(r.userId) ?? new Set()).add(r.skuId));
      const all = await bed.dataSource.getRepository(TenantUser).find({ select: { id: true, heldSkuIds: true } });
      assert.ok(
        all.some((u) => u.heldSkuIds.includes(',')),
        'some users hold two SKUs',
      );
      for (const u of all) assert.equal(u.heldSkuIds, [...(held.get(u.id) ?? [])].sort().join(','), u.id);
    });

    it('stores per-app last activity equal to the reports and the sign-in log', async () => {
      const rows = await bed.dataSource.getRepository(AppActivity).find({ where: { app: 'teams' } });
      assert.ok(rows.length > 0);
      // The report shows use after its refresh date (1 to 3 days behind) as that date: the store can know no later day.
      const read = await bed.dataSource.getRepository(ReportRead).findOneByOrFail({ report: 'activeUsers' });
      const refreshed = read.reportRefreshDate;
      for (const row of rows) {
        const used = bed.sim.control.userTruth(row.userId).lastUse.teams?.slice(0, 10) ?? null;
        assert.equal(row.lastActivityDate, used !== null && used > refreshed ? refreshed : used, row.userId);
      }
    });

    it('stores the SKUs with friendly names and the consumed units Graph reports', async () => {
      const skus = await bed.dataSource.getRepository(Sku).find();
      const truth = bed.sim.control.summary().licenses as { skuId: string; consumed: number }[];
      assert.equal(skus.length, truth.length);
      const name = (part: string) => skus.find((s) => s.skuPartNumber === part)?.friendlyName;
      assert.equal(name('ENTERPRISEPACK'), 'Office 365 E3');
      // Outside the 22 rows the product once shipped: Microsoft's name from the whole table.
      assert.equal(name('FLOW_FREE'), 'Microsoft Power Automate Free');
      for (const t of truth) {
        const sku = skus.find((s) => s.skuId === t.skuId.toLowerCase());
        assert.ok(sku, t.skuId);
        if (typeof t.consumed === 'number') assert.equal(sku.consumedUnits, t.consumed);
      }
    });

    it('names every license-assigning group, fetched in one $batch', async () => {
      const groupIds = new Set(
        (await bed.dataSource.getRepository(UserLicense).find()).map((l) => l.assignedByGroup).filter(Boolean),
      );
      const groups = await bed.dataSource.getRepository(DirectoryGroup).find();
      assert.ok(groupIds.size > 0);
      assert.deepEqual(groups.map((g) => g.id).sort(), [...groupIds].sort());
      for (const g of groups) assert.notEqual(g.displayName, g.id);
    });

    it('reads only new sign-ins on the second run (the call log proves it)', async () => {
      bed.sim.control.clearCalls();
      const run = await bed.run(accessTask);
      assert.equal(run.status, 'succeeded');
      const signIns = bed.sim.control.calls().filter((c) => c.path.endsWith('/auditLogs/signIns'));
      assert.ok(signIns.length > 0);
      for (const call of signIns) assert.match(decodeURIComponent(call.query), /createdDateTime gt /);
    });
  });

  describe('degraded tenants', () => {
    let bed: SyncBed;
    afterEach(() => bed.stop());

    it('without AuditLog.Read.All, roster and access end partial and name what they skipped', async () => {
      bed = await startSyncBed({ users: 300 });
      bed.sim.control.setFaults({ revoke: ['AuditLog.Read.All'], invalidateTokens: true });
      const runs = await bed.syncAll();
      const [, roster, access] = runs;
      assert.equal(roster?.status, 'partial');
      assert.ok(
        roster?.skipped.some((s) => s.permission === 'AuditLog.Read.All' && /Sign in/.test(s.part)),
        JSON.stringify(roster?.skipped),
      );
      assert.equal(access?.status, 'partial');
      assert.ok(
        access?.skipped.some((s) => s.permission === 'AuditLog.Read.All'),
        JSON.stringify(access?.skipped),
      );
      assert.equal(await bed.dataSource.getRepository(TenantUser).count(), 300);
    });

    it('under 30 % throttling and 5 % server errors gets the same users as a clean run', async () => {
      bed = await startSyncBed({ users: 300, timeScale: 0.001 });
      bed.sim.control.setFaults({ throttleRate: 0.3, serverErrorRate: 0.05 });
      const run = await bed.run(rosterTask);
      assert.equal(run.status, 'succeeded', run.error ?? '');
      assert.ok((run.counts.retries ?? 0) > 0, 'some requests were retried');
      assert.equal(await bed.dataSource.getRepository(TenantUser).count(), 300);
    });

    it('retries a users page whose connection dropped mid-body', async () => {
      bed = await startSyncBed({ users: 2500 });
      bed.sim.control.setFaults({ dropConnectionOnUsersPage: 2 });
      const run = await bed.run(rosterTask);
      assert.equal(run.status, 'succeeded', run.error ?? '');
      assert.equal(await bed.dataSource.getRepository(TenantUser).count(), 2500);
    });

    it('marks a user deleted in the tenant as deactivated after the next complete run, never deleting the row', async () => {
      bed = await startSyncBed({ users: 300 });
      await bed.run(rosterTask);
      const victim = (await bed.dataSource.getRepository(TenantUser).find({ take: 1, order: { id: 'DESC' } }))[0]!;
      bed.sim.control.deleteUser(victim.id);
      const run = await bed.run(rosterTask, 'full');
      assert.equal(run.mode, 'full');
      assert.equal(run.counts.deactivated, 1);
      const stored = await bed.dataSource.getRepository(TenantUser).findOneByOrFail({ id: victim.id });
      assert.ok(stored.deactivatedDate);
    });
  });
});
