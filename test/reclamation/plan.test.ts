import assert from 'node:assert/strict';
import { listFindings } from '../../src/insights';
import { AuditEvent, ReclamationRequest } from '../../src/store';
import { createRequests, planReclamation, type PlanDeps } from '../../src/reclamation/plan';
import { REQUESTER as ADMIN, planDeps } from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';

describe('reclamation requests: preview and refusals', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  let deps: PlanDeps;

  before(async () => {
    bed = await startSyncBed({ users: 600 });
    await bed.syncAll();
    deps = planDeps(bed);
  });
  after(() => bed.stop());

  async function flagged(
    kind: 'inactive' | 'never' | 'blocked',
    predicate: (f: Awaited<ReturnType<typeof listFindings>>['items'][number]) => boolean,
  ) {
    const page = await listFindings(bed.dataSource, { kind, pageSize: 500 }, deps.policy, deps.now);
    return page.items.find(predicate);
  }

  it('plans every directly assigned managed license of a flagged user, approved by the Entra manager; creates nothing', async () => {
    const finding = await flagged(
      'inactive',
      (f) => f.licenses.some((l) => l.reclaimable) && !!bed.sim.control.userTruth(f.userId).manager,
    );
    assert.ok(finding, 'an inactive user with a direct license and a manager');
    const plan = await planReclamation(deps, finding.userPrincipalName, ADMIN);
    const reclaimable = finding.licenses
      .filter((l) => l.reclaimable)
      .map((l) => l.skuId)
      .sort();
    assert.deepEqual(plan.items.map((i) => i.skuId).sort(), reclaimable);
    for (const item of plan.items) {
      assert.equal(item.approver.id, bed.sim.control.userTruth(finding.userId).manager);
      assert.equal(item.approver.source, 'manager');
      assert.equal(item.reason, 'inactive');
    }
    assert.equal(await bed.dataSource.getRepository(ReclamationRequest).count(), 0);
  });

  it('refuses a group-inherited license, naming the group, and asks Graph nothing to remove it', async () => {
    let target;
    for (const kind of ['inactive', 'never', 'blocked'] as const)
      target ??= await flagged(kind, (f) => f.licenses.some((l) => !l.reclaimable));
    assert.ok(target, 'a flagged user holding a group-assigned license');
    const sku = target.licenses.find((l) => !l.reclaimable)!;
    const plan = await planReclamation(deps, target.userPrincipalName, ADMIN, sku.skuId);
    assert.equal(plan.items.length, 0);
    assert.match(plan.refusals[0]?.why ?? '', /group/i);
    assert.equal(bed.sim.control.calls().filter((c) => c.path.endsWith('/assignLicense')).length, 0);
  });

  it('refuses an active user and an unknown one, with the reason', async () => {
    const active = bed.sim.control.usersInCategory('active-30')[0]!;
    const plan = await planReclamation(deps, active, ADMIN);
    assert.equal(plan.items.length, 0);
    assert.match(plan.refusals[0]?.why ?? '', /nothing to reclaim|excluded/);
    const unknown = await planReclamation(deps, 'nobody@contoso.onmicrosoft.com', ADMIN);
    assert.match(unknown.refusals[0]?.why ?? '', /No user nobody@/);
  });

  it('falls back to a configured approver when the requester is the manager, and refuses when there is none', async () => {
    const finding = await flagged(
      'inactive',
      (f) => f.licenses.some((l) => l.reclaimable) && !!bed.sim.control.userTruth(f.userId).manager,
    );
    assert.ok(finding);
    const manager = bed.sim.control.userTruth(finding.userId).manager!;
    const refused = await planReclamation(deps, finding.userId, manager);
    assert.equal(refused.items.length, 0);
    assert.match(refused.refusals[0]?.why ?? '', /requester and approver must differ/);
    const other = 'cccccccc-0000-0000-0000-00000000cccc';
    const planned = await planReclamation({ ...deps, approvers: [manager, other] }, finding.userId, manager);
    assert.ok(planned.items.every((i) => i.approver.id === other && i.approver.source === 'configured'));
  });

  it('creates the confirmed requests with an audit row each, and refuses a second request for the same license', async () => {
    const finding = await flagged('blocked', (f) => f.licenses.some((l) => l.reclaimable));
    assert.ok(finding, 'a blocked user with a direct license');
    const plan = await planReclamation(
      { ...deps, approvers: ['dddddddd-0000-0000-0000-00000000dddd'] },
      finding.userId,
      ADMIN,
    );
    assert.ok(plan.items.length > 0, JSON.stringify(plan.refusals));
    const created = await createRequests(bed.dataSource, plan, ADMIN, {
      dryRun: false,
      expiryDays: 7,
      now: new Date(),
    });
    assert.equal(created.length, plan.items.length);
    for (const r of created) {
      assert.equal(r.state, 'requested');
      assert.equal(r.reason, 'blocked');
      assert.ok(Date.parse(r.expiresAt) - Date.now() > 6.9 * 86_400_000);
    }
    const audits = await bed.dataSource.getRepository(AuditEvent).findBy({ action: 'request', actor: ADMIN });
    assert.equal(audits.length, created.length);
    const again = await planReclamation(
      { ...deps, approvers: ['dddddddd-0000-0000-0000-00000000dddd'] },
      finding.userId,
      ADMIN,
    );
    assert.equal(again.items.length, 0);
    assert.match(again.refusals[0]?.why ?? '', /already open/);
  });
});

describe('reclamation requests: two confirmations at once', function () {
  this.timeout(60_000);
  it('create one open request per license, not two', async () => {
    const bed = await startSyncBed({ users: 400 });
    try {
      await bed.syncAll();
      const deps: PlanDeps = { ...planDeps(bed), approvers: ['dddddddd-0000-0000-0000-00000000dddd'] };
      const page = await listFindings(bed.dataSource, { kind: 'blocked', pageSize: 100 }, deps.policy, deps.now);
      const finding = page.items.find((f) => f.licenses.some((l) => l.reclaimable));
      assert.ok(finding);
      const plan = await planReclamation(deps, finding.userId, ADMIN);
      assert.ok(plan.items.length > 0);
      const both = await Promise.all(
        [1, 2].map(() =>
          createRequests(bed.dataSource, plan, ADMIN, { dryRun: false, expiryDays: 7, now: new Date() }),
        ),
      );
      assert.equal(both.flat().length, plan.items.length);
      assert.equal(
        await bed.dataSource.getRepository(ReclamationRequest).countBy({ userId: finding.userId }),
        plan.items.length,
      );
    } finally {
      await bed.stop();
    }
  });
});
