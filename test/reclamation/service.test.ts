import assert from 'node:assert/strict';
import { AuditEvent, TenantUser, UserLicense, parseHeldSkuIds } from '../../src/store';
import { GRAPH_PERMISSIONS } from '../../src/graph';
import type { Reclamation } from '../../src/reclamation/service';
import { rosterTask } from '../../src/tasks/roster';
import {
  APPROVER,
  assignCalls as callsIn,
  assignLicense,
  inactiveRequest,
  reclamationService,
  REQUESTER,
} from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';

describe('reclamation: approval, execution, undo', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  let reclamation: Reclamation;

  beforeEach(async () => {
    bed = await startSyncBed({ users: 400 });
    await bed.run(rosterTask);
    reclamation = reclamationService(bed);
  });
  afterEach(() => bed.stop());

  const requestFor = (options: { dryRun?: boolean; expiresAt?: string } = {}) =>
    inactiveRequest(bed, reclamation, options);

  // users.heldSkuIds must say what the license rows say, after the reclaim and after the undo.
  const heldColumn = async (userId: string) =>
    parseHeldSkuIds((await bed.dataSource.getRepository(TenantUser).findOneByOrFail({ id: userId })).heldSkuIds);
  const heldRows = async (userId: string) =>
    [...new Set((await bed.dataSource.getRepository(UserLicense).findBy({ userId })).map((l) => l.skuId))].sort();
  const assignCalls = () => callsIn(bed);

  it('approve → exactly one assignLicense removing only that SKU; the user keeps every other license', async () => {
    const request = await requestFor();
    const before = bed.sim.control.userTruth(request.userId).licenses.length;
    bed.sim.control.clearCalls();
    assert.ok((await reclamation.approve(request.id, APPROVER, request.version)).ok);
    const done = await reclamation.execute(request.id);
    assert.equal(done?.state, 'reclaimed', done?.outcome ?? '');
    assert.equal(assignCalls().length, 1);
    assert.equal(assignCalls()[0]?.status, 200);
    const after = bed.sim.control.userTruth(request.userId).licenses;
    assert.equal(after.length, before - 1);
    assert.ok(!after.some((l) => l.skuId === request.skuId && l.assignment === 'direct'));
    assert.ok(done?.graphRequestId);
    // The store says so at once (insights and the licenses card), before the next sync.
    assert.equal(
      await bed.dataSource
        .getRepository(UserLicense)
        .countBy({ userId: request.userId, skuId: request.skuId, assignedByGroup: '' }),
      0,
    );
    assert.deepEqual(await heldColumn(request.userId), await heldRows(request.userId));
    const actions = (await reclamation.requests.history([request.id])).map((e) => e.action);
    assert.deepEqual(actions, ['request', 'approve', 'execute', 'execute']);
  });

  it('reject → no Graph write', async () => {
    const request = await requestFor();
    bed.sim.control.clearCalls();
    assert.ok((await reclamation.reject(request.id, APPROVER, request.version, 'still needed')).ok);
    assert.equal((await reclamation.execute(request.id))?.state, 'rejected');
    assert.equal(assignCalls().length, 0);
  });

  it('refuses and audits a decision by someone who is not the approver', async () => {
    const request = await requestFor();
    const result = await reclamation.approve(request.id, REQUESTER, request.version);
    assert.equal(result.ok, false);
    assert.equal((await reclamation.requests.get(request.id))?.state, 'requested');
    const refused = await bed.dataSource
      .getRepository(AuditEvent)
      .findBy({ requestId: request.id, outcome: 'refused' });
    assert.equal(refused.length, 1);
    assert.equal(refused[0]?.actor, REQUESTER);
  });

  it('refuses a stale card (old version) and a second click', async () => {
    const request = await requestFor();
    assert.ok((await reclamation.approve(request.id, APPROVER, request.version)).ok);
    const again = await reclamation.approve(request.id, APPROVER, request.version);
    assert.equal(again.ok, false);
    assert.equal(again.request?.state, 'approved', 'the current state is shown');
  });

  it('twenty concurrent approvals and executions remove the license once', async () => {
    const request = await requestFor();
    bed.sim.control.clearCalls();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        await reclamation.approve(request.id, APPROVER, request.version);
        await reclamation.execute(request.id);
      }),
    );
    assert.equal(assignCalls().length, 1);
    assert.equal((await reclamation.requests.get(request.id))?.state, 'reclaimed');
  });

  it('skips, without a Graph write, a user who became active after the request', async () => {
    const request = await requestFor();
    bed.sim.control.makeActive(request.userId);
    bed.sim.control.clearCalls();
    await reclamation.approve(request.id, APPROVER, request.version);
    const done = await reclamation.execute(request.id);
    assert.equal(done?.state, 'skipped');
    assert.match(done?.outcome ?? '', /signed in/);
    assert.equal(assignCalls().length, 0);
  });

  /** Approved, then executed while Graph answers every call 5xx. */
  async function failedExecution(request: Awaited<ReturnType<typeof requestFor>>) {
    await reclamation.approve(request.id, APPROVER, request.version);
    bed.sim.control.setFaults({ serverErrorRate: 1 });
    const failed = await reclamation.execute(request.id);
    bed.sim.control.setFaults({ serverErrorRate: 0 });
    assert.equal(failed?.state, 'failed');
    return failed!;
  }

  it('Graph 5xx during execution → failed; Retry works; the license is removed once', async () => {
    const request = await requestFor();
    const failed = await failedExecution(request);
    bed.sim.control.clearCalls();
    assert.ok((await reclamation.retry(request.id, APPROVER, failed.version)).ok);
    assert.equal((await reclamation.execute(request.id))?.state, 'reclaimed');
    assert.equal(assignCalls().filter((c) => c.status === 200).length, 1);
  });

  it('a crash after "executing" and before the call is reconciled to failed (Retry), with no call', async () => {
    const request = await requestFor();
    await reclamation.approve(request.id, APPROVER, request.version);
    await reclamation.requests.transition(
      request.id,
      { from: ['approved'], to: 'executing', actor: 'system', action: 'execute' },
      new Date(),
    );
    bed.sim.control.clearCalls();
    assert.equal(await reclamation.reconcile(), 1);
    assert.equal((await reclamation.requests.get(request.id))?.state, 'failed');
    assert.equal(assignCalls().length, 0);
  });

  it('a crash after the call and before "reclaimed" is reconciled to reclaimed, with no second call', async () => {
    const request = await requestFor();
    await reclamation.approve(request.id, APPROVER, request.version);
    await reclamation.requests.transition(
      request.id,
      { from: ['approved'], to: 'executing', actor: 'system', action: 'execute' },
      new Date(),
    );
    // As execute does just before its write.
    await reclamation.requests.noteExecuting(request.id, { disabledPlans: [], writeSentAt: new Date().toISOString() });
    await bed.graph.post(`/v1.0/users/${request.userId}/assignLicense`, {
      addLicenses: [],
      removeLicenses: [request.skuId],
    });
    bed.sim.control.clearCalls();
    await reclamation.reconcile();
    assert.equal((await reclamation.requests.get(request.id))?.state, 'reclaimed');
    assert.equal(assignCalls().length, 0);
  });

  it('a crash before the write was sent, the license since removed by someone else: skipped, nothing counted, no second call', async () => {
    const request = await requestFor();
    await reclamation.approve(request.id, APPROVER, request.version);
    await reclamation.requests.transition(
      request.id,
      { from: ['approved'], to: 'executing', actor: 'system', action: 'execute' },
      new Date(),
    );
    await bed.graph.post(`/v1.0/users/${request.userId}/assignLicense`, {
      addLicenses: [],
      removeLicenses: [request.skuId],
    });
    bed.sim.control.clearCalls();
    await reclamation.reconcile();
    const settled = await reclamation.requests.get(request.id);
    assert.equal(settled?.state, 'skipped');
    assert.match(settled?.outcome ?? '', /before the removal was sent.*someone else/);
    // Our store still says what the last sync read: the next sync, not our effects, records someone else's change.
    assert.equal(
      await bed.dataSource
        .getRepository(UserLicense)
        .countBy({ userId: request.userId, skuId: request.skuId, assignedByGroup: '' }),
      1,
      'no seat counted as freed by us',
    );
    assert.equal(assignCalls().length, 0);
  });

  it('a removal Graph refused (403) is not taken for ours on Retry when someone else removed the license since', async () => {
    const request = await requestFor();
    await reclamation.approve(request.id, APPROVER, request.version);
    bed.sim.control.setFaults({ revoke: [GRAPH_PERMISSIONS.licenseAssignment[0]] });
    const failed = await reclamation.execute(request.id);
    assert.equal(failed?.state, 'failed');
    assert.match(failed?.outcome ?? '', /Graph refused the removal.*403/);
    assert.equal(failed?.writeSentAt, null, 'a refused write is not in flight');
    bed.sim.control.setFaults({ grant: [GRAPH_PERMISSIONS.licenseAssignment[0]] });
    await assignLicense(bed, request.userId, [], [request.skuId]);
    assert.ok((await reclamation.retry(request.id, APPROVER, failed!.version)).ok);
    const retried = await reclamation.execute(request.id);
    assert.equal(retried?.state, 'skipped', retried?.outcome ?? '');
  });

  it('a request that failed before any write is not reclaimed on Retry when someone else removed the license since', async () => {
    const request = await requestFor();
    const failed = await failedExecution(request);
    assert.match(failed.outcome ?? '', /Could not re-read/);
    await bed.graph.post(`/v1.0/users/${request.userId}/assignLicense`, {
      addLicenses: [],
      removeLicenses: [request.skuId],
    });
    assert.ok((await reclamation.retry(request.id, APPROVER, failed.version)).ok);
    assert.equal((await reclamation.execute(request.id))?.state, 'skipped');
  });

  it('undo assigns the same SKU again with the same disabled plans', async () => {
    const request = await requestFor();
    const planBefore = bed.sim.control.userTruth(request.userId).licenses.find((l) => l.skuId === request.skuId);
    await reclamation.approve(request.id, APPROVER, request.version);
    const done = (await reclamation.execute(request.id))!;
    bed.sim.control.clearCalls();
    const undo = await reclamation.undo(request.id, APPROVER, done.version);
    assert.ok(undo.ok, undo.ok ? '' : undo.why);
    assert.equal(undo.request?.state, 'undone');
    const calls = assignCalls();
    assert.equal(calls.length, 1);
    assert.ok(
      bed.sim.control
        .userTruth(request.userId)
        .licenses.some((l) => l.skuId === request.skuId && l.assignment === 'direct'),
    );
    assert.ok(planBefore);
    const fresh = (await bed.graph.get(`/v1.0/users/${request.userId}?$select=assignedLicenses`)) as {
      assignedLicenses: { skuId: string; disabledPlans: string[] }[];
    };
    const restored = fresh.assignedLicenses.find((l) => l.skuId === request.skuId);
    assert.deepEqual(restored?.disabledPlans ?? [], done.disabledPlans ?? []);
    assert.equal(
      await bed.dataSource
        .getRepository(UserLicense)
        .countBy({ userId: request.userId, skuId: request.skuId, assignedByGroup: '' }),
      1,
    );
    assert.deepEqual(await heldColumn(request.userId), await heldRows(request.userId));
    assert.ok((await heldColumn(request.userId)).includes(request.skuId));
  });

  it('expires a pending request after its deadline', async () => {
    const request = await requestFor({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    const expired = await reclamation.expire();
    assert.deepEqual(
      expired.map((r) => r.id),
      [request.id],
    );
    assert.equal((await reclamation.approve(request.id, APPROVER, request.version)).ok, false);
  });

  it('in dry-run, everything happens except the Graph write', async () => {
    const request = await requestFor({ dryRun: true });
    bed.sim.control.clearCalls();
    await reclamation.approve(request.id, APPROVER, request.version);
    const done = await reclamation.execute(request.id);
    assert.equal(done?.state, 'reclaimed');
    assert.match(done?.outcome ?? '', /Dry run/);
    assert.equal(assignCalls().length, 0);
    assert.ok(bed.sim.control.userTruth(request.userId).licenses.some((l) => l.skuId === request.skuId));
  });
});
