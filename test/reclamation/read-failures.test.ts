import assert from 'node:assert/strict';
import type { Reclamation } from '../../src/reclamation/service';
import { rosterTask } from '../../src/tasks/roster';
import { APPROVER, assignCalls as callsIn, inactiveRequest, reclamationService } from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';

/**
 * Only a 404 from Graph says a user is gone. A user that cannot be read (503 after every retry) is
 * an error: the request fails with Retry, never "the user no longer exists" or "the license is gone".
 */
describe('reclamation: a user Graph cannot read is not a deleted user', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  let reclamation: Reclamation;

  beforeEach(async () => {
    bed = await startSyncBed({ users: 400, timeScale: 0.001 });
    await bed.run(rosterTask);
    reclamation = reclamationService(bed);
  });
  afterEach(() => bed.stop());

  const unreadable = (userId: string) =>
    bed.sim.control.setFaults({ pathFaults: [{ path: `/v1.0/users/${userId}`, status: 503 }] });
  const executing = async (nth: number) => {
    const request = await inactiveRequest(bed, reclamation, { nth });
    await reclamation.approve(request.id, APPROVER, request.version);
    return (await reclamation.requests.transition(
      request.id,
      { from: ['approved'], to: 'executing', actor: 'system', action: 'execute' },
      new Date(),
    ))!;
  };

  it('execution: 503 on every read of the user → failed (Retry), not skipped as deleted, and no write', async () => {
    const request = await inactiveRequest(bed, reclamation);
    await reclamation.approve(request.id, APPROVER, request.version);
    unreadable(request.userId);
    bed.sim.control.clearCalls();
    const done = await reclamation.execute(request.id);
    assert.equal(done?.state, 'failed', done?.outcome ?? '');
    assert.match(done?.outcome ?? '', /Could not re-read the user.*HTTP 503 serviceNotAvailable/);
    assert.equal(callsIn(bed).length, 0);
  });

  it('reconcile: a user that cannot be read leaves that request failed (not "license gone → reclaimed"), and settles the others', async () => {
    const [blind, other] = [await executing(0), await executing(1)];
    // Our removal of the other user's license was sent before the crash, and landed.
    await reclamation.requests.noteExecuting(other.id, { disabledPlans: [], writeSentAt: new Date().toISOString() });
    await bed.graph.post(`/v1.0/users/${other.userId}/assignLicense`, {
      addLicenses: [],
      removeLicenses: [other.skuId],
    });
    unreadable(blind.userId);
    bed.sim.control.clearCalls();
    assert.equal(await reclamation.reconcile(), 2);
    const settledBlind = await reclamation.requests.get(blind.id);
    assert.equal(settledBlind?.state, 'failed');
    assert.match(settledBlind?.outcome ?? '', /user could not be read from Graph.*HTTP 503 serviceNotAvailable/);
    assert.equal((await reclamation.requests.get(other.id))?.state, 'reclaimed');
    assert.equal(callsIn(bed).length, 0);
    // Retry re-reads the user, so it removes the license only if it is still there.
    bed.sim.control.setFaults({ pathFaults: [] });
    assert.ok((await reclamation.retry(blind.id, APPROVER, settledBlind!.version)).ok);
    assert.equal((await reclamation.execute(blind.id))?.state, 'reclaimed');
    assert.equal(callsIn(bed).filter((c) => c.status === 200).length, 1);
  });
});
