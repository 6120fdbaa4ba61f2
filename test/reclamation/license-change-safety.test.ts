import assert from 'node:assert/strict';
import { downgrades, listFindings, type DowngradeCandidate, type Finding } from '../../src/insights';
import { createRequests, planDowngrade, planReclamation, type PlanDeps } from '../../src/reclamation/plan';
import { readUser } from '../../src/reclamation/recheck';
import type { Reclamation } from '../../src/reclamation/service';
import { Sku, UserLicense } from '../../src/store';
import { rosterTask } from '../../src/tasks/roster';
import {
  REQUESTER as ADMIN,
  assignCalls as callsIn,
  assignLicense,
  planDeps,
  reclamationService,
} from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';

/**
 * Downgrades leave the user licensed and were judged on every license the user holds: the plans
 * turned off on the old license stay off on the new one, a change in the tenant since the last
 * sync stops them, and no two changes to one user's licenses run at the same time.
 */
describe("reclamation: changes to one user's licenses, made safely", function () {
  this.timeout(180_000);
  let bed: SyncBed;
  let deps: PlanDeps;
  let reclamation: Reclamation;
  let pick: DowngradeCandidate;
  /** The old SKU's Exchange Online plan, and the new SKU's (another plan: E3's is not Business Basic's). */
  let shared: string;
  let newMail: string;

  const assign = (userId: string, add: { skuId: string; disabledPlans: string[] }[], remove: string[]) =>
    assignLicense(bed, userId, add, remove);
  const assignCalls = () => callsIn(bed);
  const inTenant = async (userId: string) =>
    new Map(
      (await readUser(bed.graph, userId, false))!.assignedLicenses.map((l) => [l.skuId.toLowerCase(), l.disabledPlans]),
    );
  const planned = async () => {
    const plan = await planDowngrade(deps, pick.userPrincipalName, ADMIN);
    assert.deepEqual(plan.refusals, []);
    const [request] = await createRequests(bed.dataSource, plan, ADMIN, {
      dryRun: false,
      expiryDays: 7,
      now: new Date(),
    });
    assert.ok(request);
    assert.ok((await reclamation.approve(request.id, request.approverId, request.version)).ok);
    return request;
  };

  before(async () => {
    bed = await startSyncBed({ users: 600 });
    await bed.syncAll();
    deps = planDeps(bed);
    reclamation = reclamationService(bed, { checks: true });
    const skus = bed.dataSource.getRepository(Sku);
    const list = await downgrades(bed.dataSource, { pageSize: 500 }, deps.policy, deps.now);
    const mail = async (skuId: string) =>
      (await skus.findOneByOrFail({ skuId })).servicePlans.find((p) =>
        /^EXCHANGE_S_(ENTERPRISE|STANDARD)$/.test(p.servicePlanName),
      );
    for (const c of list.items.filter(
      (c) => c.reclaimable && c.to.availableSeats > 0 && !!bed.sim.control.userTruth(c.userId).manager,
    )) {
      const [from, to] = [await mail(c.from.skuId), await mail(c.to.skuId)];
      if (from && to && from.servicePlanId !== to.servicePlanId)
        [pick, shared, newMail] = [c, from.servicePlanId, to.servicePlanId];
      if (pick) break;
    }
    assert.ok(
      pick,
      'a downgrade candidate (direct license, free seat, manager) to a SKU with another Exchange Online plan',
    );
  });
  after(() => bed.stop());

  it("keeps a service turned off on the old license off on the new one (through the new SKU's own plan), and undo turns it off again on the old one", async () => {
    await assign(pick.userId, [{ skuId: pick.from.skuId, disabledPlans: [shared] }], []);
    await bed.run(rosterTask);
    const request = await planned();
    bed.sim.control.clearCalls();
    const done = await reclamation.execute(request.id);
    assert.equal(done?.state, 'reclaimed', done?.outcome ?? '');
    assert.equal(assignCalls().length, 1);
    let held = await inTenant(pick.userId);
    assert.deepEqual([held.has(pick.from.skuId), held.get(pick.to.skuId)], [false, [newMail]]);
    assert.deepEqual(done?.disabledPlans, [shared]);
    assert.deepEqual(
      (await bed.dataSource.getRepository(UserLicense).findOneByOrFail({ userId: pick.userId, skuId: pick.to.skuId }))
        .disabledPlans,
      [newMail],
    );

    assert.ok((await reclamation.undo(request.id, request.approverId, done!.version)).ok);
    held = await inTenant(pick.userId);
    assert.deepEqual([held.get(pick.from.skuId), held.has(pick.to.skuId)], [[shared], false]);
    await assign(pick.userId, [{ skuId: pick.from.skuId, disabledPlans: [] }], []);
    await bed.run(rosterTask);
  });

  it("skips, with no call, a downgrade whose user's licenses changed in the tenant since the last sync", async () => {
    const request = await planned();
    await assign(pick.userId, [{ skuId: pick.from.skuId, disabledPlans: [shared] }], []);
    bed.sim.control.clearCalls();
    const done = await reclamation.execute(request.id);
    assert.equal(done?.state, 'skipped');
    assert.match(done?.outcome ?? '', /licenses changed since the last sync \(service plans changed on 1\)/);
    assert.equal(assignCalls().length, 0);
    await assign(pick.userId, [{ skuId: pick.from.skuId, disabledPlans: [] }], []);
  });

  it('refuses to plan a downgrade while another request for the user is open, whatever its license', async () => {
    const other = await reclamation.requests.create(
      {
        userId: pick.userId,
        userPrincipalName: pick.userPrincipalName,
        skuId: pick.to.skuId,
        reason: 'inactive',
        evidence: { skuName: pick.to.friendlyName },
        requestedBy: ADMIN,
        approverId: ADMIN,
        dryRun: false,
        expiresAt: '2999-01-01T00:00:00.000Z',
      },
      new Date(),
    );
    const plan = await planDowngrade(deps, pick.userPrincipalName, ADMIN);
    assert.equal(plan.items.length, 0);
    assert.match(
      plan.refusals[0]?.why ?? '',
      new RegExp(`request for this user \\(${pick.to.friendlyName}\\) is still open \\(requested\\)`),
    );
    assert.ok((await reclamation.reject(other.id, ADMIN, other.version)).ok);
    assert.equal((await planDowngrade(deps, pick.userPrincipalName, ADMIN)).items.length, 1);
  });

  it('settles a downgrade a crash interrupted by what the user holds: neither license → failed, with no call', async () => {
    const request = await planned();
    await reclamation.requests.transition(
      request.id,
      { from: ['approved'], to: 'executing', actor: 'system', action: 'execute' },
      new Date(),
    );
    await assign(pick.userId, [], [pick.from.skuId]);
    bed.sim.control.clearCalls();
    assert.equal(await reclamation.reconcile(), 1);
    const settled = await reclamation.requests.get(request.id);
    assert.equal(settled?.state, 'failed');
    assert.match(settled?.outcome ?? '', /neither license/);
    assert.equal(assignCalls().length, 0);
    await assign(pick.userId, [{ skuId: pick.from.skuId, disabledPlans: [] }], []);
  });

  it('runs two approved removals for one user one after the other, never on the same read', async () => {
    let found: Finding | undefined;
    for (let page = 1; !found; page++) {
      const list = await listFindings(
        bed.dataSource,
        { kind: 'inactive', page, pageSize: 100 },
        deps.policy,
        new Date(),
      );
      found = list.items.find((f) => f.licenses.filter((l) => l.reclaimable).length >= 2);
      if (page * 100 >= list.total) break;
    }
    assert.ok(found, 'a flagged inactive user with two direct licenses');
    const plan = await planReclamation(deps, found.userPrincipalName, ADMIN);
    const requests = await createRequests(bed.dataSource, plan, ADMIN, {
      dryRun: false,
      expiryDays: 7,
      now: new Date(),
    });
    assert.ok(requests.length >= 2);
    for (const r of requests) assert.ok((await reclamation.approve(r.id, r.approverId, r.version)).ok);
    bed.sim.control.clearCalls();
    const done = await Promise.all(requests.map((r) => reclamation.execute(r.id)));
    assert.deepEqual(
      done.map((d) => d?.state),
      requests.map(() => 'reclaimed'),
    );
    // Each execution reads the user, then writes: with one at a time, the reads and writes alternate.
    const steps = bed.sim.control
      .calls()
      .filter((c) => c.origin === 'graph' && c.path.includes(found.userId))
      .map((c) => c.method);
    assert.deepEqual(
      steps,
      requests.flatMap(() => ['GET', 'POST']),
    );
  });
});
