import assert from 'node:assert/strict';
import { downgrades, summary, type DowngradeCandidate } from '../../src/insights';
import { createRequests, planDowngrade, type PlanDeps } from '../../src/reclamation/plan';
import type { Reclamation } from '../../src/reclamation/service';
import { ReclamationRequest, Sku, TenantUser, UserLicense, parseHeldSkuIds } from '../../src/store';
import { REQUESTER as ADMIN, assignCalls as callsIn, planDeps, reclamationService } from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';

/**
 * A downgrade goes through the reclamation workflow: the downgrade list's suggestion is planned,
 * approved, then carried out by one assignLicense that adds the cheaper SKU and removes the old one
 * (the user is never without a license), counted in the savings, and undone by one call back.
 */
describe('reclamation: downgrades', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  let deps: PlanDeps;
  let reclamation: Reclamation;
  let pick: DowngradeCandidate;

  before(async () => {
    bed = await startSyncBed({ users: 600 });
    await bed.syncAll();
    deps = planDeps(bed);
    reclamation = reclamationService(bed);
    const list = await downgrades(bed.dataSource, { pageSize: 500 }, deps.policy, deps.now);
    const found = list.items.find(
      (c) => c.reclaimable && c.to.availableSeats > 0 && !!bed.sim.control.userTruth(c.userId).manager,
    );
    assert.ok(
      found,
      'the tenant has a downgrade candidate with a direct license, a free seat of the cheaper SKU and a manager',
    );
    pick = found;
  });
  after(() => bed.stop());

  const assignCalls = () => callsIn(bed);
  const directSkus = (userId: string) =>
    bed.sim.control
      .userTruth(userId)
      .licenses.filter((l) => l.assignment === 'direct')
      .map((l) => l.skuId.toLowerCase());
  const storedSkus = async (userId: string) =>
    [...new Set((await bed.dataSource.getRepository(UserLicense).findBy({ userId })).map((l) => l.skuId))].sort();
  const heldColumn = async (userId: string) =>
    parseHeldSkuIds((await bed.dataSource.getRepository(TenantUser).findOneByOrFail({ id: userId })).heldSkuIds);
  const savings = async () => (await summary(bed.dataSource, deps.policy, new Date())).savings;

  it('plans the downgrade the list shows, approved by the Entra manager, and creates nothing', async () => {
    const plan = await planDowngrade(deps, pick.userPrincipalName, ADMIN);
    assert.deepEqual(plan.refusals, []);
    assert.equal(plan.items.length, 1);
    const [item] = plan.items;
    assert.deepEqual([item?.skuId, item?.to?.skuId, item?.reason], [pick.from.skuId, pick.to.skuId, 'downgrade']);
    assert.deepEqual(
      [item?.monthlySaving?.amount, item?.monthlySaving?.currency],
      [pick.monthlySaving.amount, pick.monthlySaving.currency],
    );
    assert.equal(item?.approver.source, 'manager');
    assert.equal(await bed.dataSource.getRepository(ReclamationRequest).count(), 0);
  });

  it('refuses a user who is not a candidate, and a downgrade without a free seat of the cheaper SKU', async () => {
    const inactive = bed.sim.control.usersInCategory('inactive-90')[0]!;
    const refused = await planDowngrade(deps, inactive, ADMIN);
    assert.equal(refused.items.length, 0);
    assert.match(refused.refusals[0]?.why ?? '', /not a downgrade candidate/);
    const skus = bed.dataSource.getRepository(Sku);
    const target = await skus.findOneByOrFail({ skuId: pick.to.skuId });
    await skus.update(target.skuId, { consumedUnits: target.prepaidEnabled });
    try {
      const full = await planDowngrade(deps, pick.userPrincipalName, ADMIN);
      assert.equal(full.items.length, 0);
      assert.match(full.refusals[0]?.why ?? '', /seat is free/);
    } finally {
      await skus.update(target.skuId, { consumedUnits: target.consumedUnits });
    }
  });

  it('approve → one assignLicense adding the cheaper SKU and removing the old one; counted in the savings; undo swaps back in one call', async () => {
    const plan = await planDowngrade(deps, pick.userPrincipalName, ADMIN);
    const [request] = await createRequests(bed.dataSource, plan, ADMIN, {
      dryRun: false,
      expiryDays: 7,
      now: new Date(),
    });
    assert.ok(request);
    assert.equal(request.toSkuId, pick.to.skuId);
    assert.deepEqual(await savings(), []);
    bed.sim.control.clearCalls();
    assert.ok((await reclamation.approve(request.id, request.approverId, request.version)).ok);
    const done = await reclamation.execute(request.id);
    assert.equal(done?.state, 'reclaimed', done?.outcome ?? '');
    assert.equal(done?.outcome, `Downgraded to ${pick.to.friendlyName}.`);
    assert.equal(assignCalls().length, 1);
    assert.equal(assignCalls()[0]?.status, 200);
    assert.ok(directSkus(pick.userId).includes(pick.to.skuId) && !directSkus(pick.userId).includes(pick.from.skuId));
    // The store says so at once: the rows, the held-SKU column, the savings, and the list.
    const rows = await storedSkus(pick.userId);
    assert.ok(rows.includes(pick.to.skuId) && !rows.includes(pick.from.skuId));
    assert.deepEqual(await heldColumn(pick.userId), rows);
    assert.deepEqual(await savings(), [
      {
        currency: pick.monthlySaving.currency,
        amount: pick.monthlySaving.amount,
        source: pick.listPrice ? 'list-price' : 'entered',
      },
    ]);
    const after = await downgrades(bed.dataSource, { pageSize: 500 }, deps.policy, new Date());
    assert.ok(!after.items.some((c) => c.userId === pick.userId && c.from.skuId === pick.from.skuId));

    const undone = await reclamation.undo(request.id, request.approverId, done!.version);
    assert.ok(undone.ok, undone.ok ? '' : undone.why);
    assert.equal(assignCalls().length, 2);
    assert.ok(directSkus(pick.userId).includes(pick.from.skuId) && !directSkus(pick.userId).includes(pick.to.skuId));
    const back = await storedSkus(pick.userId);
    assert.ok(back.includes(pick.from.skuId) && !back.includes(pick.to.skuId));
    assert.deepEqual(await heldColumn(pick.userId), back);
    assert.deepEqual(await savings(), []);
  });
});
