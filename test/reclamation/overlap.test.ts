import assert from 'node:assert/strict';
import { overlaps } from '../../src/insights';
import { createRequests, planReclamation, type PlanDeps } from '../../src/reclamation/plan';
import type { Reclamation } from '../../src/reclamation/service';
import { Sku, TenantUser, UsageMask, UserLicense } from '../../src/store';
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
 * An active user holding a license another of theirs includes (E3 next to E5): `reclaim` plans the
 * redundant one, the approver approves, one assignLicense removes it and the user keeps E5; if E5
 * is gone by execution, the removal is skipped.
 */
describe('reclamation: overlapping licenses', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  let deps: PlanDeps;
  let reclamation: Reclamation;
  let e3: string;
  let e5: string;
  let user: TenantUser;

  const assign = (userId: string, add: string[], remove: string[]) =>
    assignLicense(
      bed,
      userId,
      add.map((skuId) => ({ skuId, disabledPlans: [] })),
      remove,
    );
  const direct = (userId: string) =>
    bed.sim.control
      .userTruth(userId)
      .licenses.filter((l) => l.assignment === 'direct')
      .map((l) => l.skuId.toLowerCase());
  const assignCalls = () => callsIn(bed);

  before(async () => {
    bed = await startSyncBed({ users: 400 });
    await bed.syncAll();
    deps = planDeps(bed, { mfaRule: false, ssoRule: false });
    reclamation = reclamationService(bed);
    const skus = await bed.dataSource.getRepository(Sku).find();
    const id = (part: string) => skus.find((s) => s.skuPartNumber === part)!.skuId;
    [e3, e5] = [id('SPE_E3'), id('SPE_E5')];
    // An active candidate holding E3 alone, directly and through no group, with a manager and a usage location; given E5 too.
    await overlaps(bed.dataSource, { pageSize: 1 }, deps.policy, deps.now); // builds the usage snapshot that says who is a candidate
    const candidates = new Set(
      (await bed.dataSource.getRepository(UsageMask).findBy({ candidate: true })).map((m) => m.userId),
    );
    const rows = await bed.dataSource.getRepository(UserLicense).find();
    const directE3 = new Set(rows.filter((l) => l.skuId === e3 && l.assignedByGroup === '').map((l) => l.userId));
    const byGroup = new Set(rows.filter((l) => l.assignedByGroup !== '').map((l) => l.userId));
    const found = (
      await bed.dataSource.getRepository(TenantUser).find({ where: { heldSkuIds: e3 }, order: { id: 'ASC' } })
    ).find(
      (u) =>
        candidates.has(u.id) &&
        directE3.has(u.id) &&
        !byGroup.has(u.id) &&
        u.usageLocation &&
        bed.sim.control.userTruth(u.id).manager,
    );
    assert.ok(found, 'an active user holding E3 directly');
    user = found;
    await assign(user.id, [e5], []);
    await bed.run(rosterTask);
  });
  after(() => bed.stop());

  async function request() {
    const plan = await planReclamation(deps, user.userPrincipalName, ADMIN);
    assert.deepEqual(plan.refusals, []);
    assert.deepEqual(
      plan.items.map((i) => [i.skuId, i.reason, i.evidence['coveredBy']]),
      [[e3, 'overlap', e5]],
    );
    const [created] = await createRequests(bed.dataSource, plan, ADMIN, {
      dryRun: false,
      expiryDays: 7,
      now: new Date(),
    });
    assert.ok(created);
    assert.ok((await reclamation.approve(created.id, created.approverId, created.version)).ok);
    return created;
  }

  it('reclaim plans the redundant E3; once approved one call removes it and the user keeps E5', async () => {
    const created = await request();
    bed.sim.control.clearCalls();
    const done = await reclamation.execute(created.id);
    assert.equal(done?.state, 'reclaimed', done?.outcome ?? '');
    assert.equal(assignCalls().length, 1);
    assert.deepEqual([direct(user.id).includes(e3), direct(user.id).includes(e5)], [false, true]);
  });

  it('skips the removal, with no call, when the including license is gone by execution', async () => {
    await assign(user.id, [e3], []);
    await bed.run(rosterTask);
    const created = await request();
    await assign(user.id, [], [e5]);
    bed.sim.control.clearCalls();
    const done = await reclamation.execute(created.id);
    assert.equal(done?.state, 'skipped');
    assert.match(done?.outcome ?? '', /no longer holds/);
    assert.equal(assignCalls().length, 0);
    assert.ok(direct(user.id).includes(e3));
  });

  it('does not offer the overlap while E5 is assigned with a plan off that E3 has, and does once it is on again', async () => {
    const e3Plans = new Set(
      (await bed.dataSource.getRepository(Sku).findOneByOrFail({ skuId: e3 })).servicePlans.map((p) => p.servicePlanId),
    );
    const mail = (await bed.dataSource.getRepository(Sku).findOneByOrFail({ skuId: e5 })).servicePlans.find(
      (p) => p.servicePlanName.startsWith('EXCHANGE_S_') && e3Plans.has(p.servicePlanId),
    );
    assert.ok(mail, 'E3 and E5 share their Exchange plan');
    const withE5 = async (disabledPlans: string[]) => {
      await assignLicense(bed, user.id, [{ skuId: e5, disabledPlans }], []);
      await bed.run(rosterTask);
    };
    // The user's mail may come from E3 alone: removing it could take their mailbox.
    await withE5([mail.servicePlanId]);
    const refused = await planReclamation(deps, user.userPrincipalName, ADMIN);
    assert.deepEqual(refused.items, []);
    assert.match(refused.refusals[0]?.why ?? '', /nothing to reclaim/);
    assert.ok(
      !(await overlaps(bed.dataSource, { pageSize: 500 }, deps.policy, new Date())).items.some(
        (i) => i.userId === user.id,
      ),
    );
    await withE5([]);
    assert.ok(
      (await overlaps(bed.dataSource, { pageSize: 500 }, deps.policy, new Date())).items.some(
        (i) => i.userId === user.id && i.redundant.skuId === e3,
      ),
    );
    assert.deepEqual(
      (await planReclamation(deps, user.userPrincipalName, ADMIN)).items.map((i) => [i.skuId, i.reason]),
      [[e3, 'overlap']],
    );
  });
});
