import assert from 'node:assert/strict';
import { createLogger } from '../../src/logging/logger';
import { copilotChecks } from '../../src/reclamation/copilot/recheck';
import { planCopilotReclamation } from '../../src/reclamation/copilot/plan';
import { policyChecks } from '../../src/reclamation/fits';
import { createRequests } from '../../src/reclamation/plan';
import { Reclamation } from '../../src/reclamation/service';
import { NAMED_PEOPLE_IDS } from '../../src/simulator';
import { PolicyStore } from '../../src/insights';
import { assignCalls, planDeps, REQUESTER } from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';

const COPILOT = '639dec6b-bb19-468b-871c-c5c441c4b0cb';

/**
 * The execution of an idle Copilot seat's reclamation, as the workflow wires it (src/reclamation/workflow.ts):
 * after the user is read from Graph, the Copilot report is read again and the policy asked again.
 * When either cannot clear the removal, nothing is written to Graph.
 */
describe('Copilot seats: the re-check before removal (HTTP + simulator + SQLite)', function () {
  this.timeout(60_000);
  let bed: SyncBed;
  let reclamation: Reclamation;
  const upnOf = (key: string) => bed.sim.control.userTruth(NAMED_PEOPLE_IDS[key]!).userPrincipalName;
  /** A request for `key`'s idle seat, approved by its approver, ready to execute. */
  const approved = async (key: string) => {
    const plan = await planCopilotReclamation(planDeps(bed), upnOf(key), REQUESTER);
    assert.equal(plan.items.length, 1, JSON.stringify(plan.refusals));
    const [request] = await createRequests(bed.dataSource, plan, REQUESTER, {
      dryRun: false,
      expiryDays: 7,
      now: new Date(),
    });
    const decision = await reclamation.approve(request!.id, request!.approverId, request!.version);
    assert.ok(decision.ok);
    return decision.request;
  };

  before(async () => {
    bed = await startSyncBed({ users: 300, seed: 11 });
    await bed.syncAll();
    const now = () => new Date();
    reclamation = new Reclamation({
      graph: bed.graph,
      dataSource: bed.dataSource,
      log: createLogger({ level: 'silent', secrets: [] }),
      now,
      ...policyChecks(bed.dataSource, now),
      ...copilotChecks(bed.graph, bed.dataSource, now),
    });
  });
  after(async () => bed?.stop());

  it('a report that conceals names cannot rule out a recent use: the request fails (Retry), nothing removed; names back, Retry removes the seat once', async () => {
    const request = await approved('alex');
    bed.sim.control.setFaults({ concealedNames: true });
    bed.sim.control.clearCalls();
    const failed = (await reclamation.execute(request.id))!;
    assert.equal(failed.state, 'failed');
    assert.match(
      failed.outcome ?? '',
      /Could not read the latest activity from Graph: the Copilot usage report conceals user names/,
    );
    assert.equal(assignCalls(bed).length, 0);
    bed.sim.control.setFaults({ concealedNames: false });
    assert.ok((await reclamation.retry(request.id, REQUESTER, failed.version)).ok);
    const done = (await reclamation.execute(request.id))!;
    assert.equal(done.state, 'reclaimed', done.outcome ?? '');
    assert.equal(assignCalls(bed).length, 1);
    assert.ok(!bed.sim.control.userTruth(NAMED_PEOPLE_IDS['alex']!).licenses.some((l) => l.skuId === COPILOT));
  });

  it('without Reports.Read.All at execution the request fails, and nothing is removed', async () => {
    const request = await approved('nestor');
    bed.sim.control.setFaults({ revoke: ['Reports.Read.All'] });
    try {
      bed.sim.control.clearCalls();
      const failed = (await reclamation.execute(request.id))!;
      assert.equal(failed.state, 'failed');
      assert.match(failed.outcome ?? '', /Could not read the latest activity from Graph/);
      assert.equal(assignCalls(bed).length, 0);
    } finally {
      bed.sim.control.setFaults({ grant: ['Reports.Read.All'] });
    }
  });

  it('a holder the policy excludes since the request is skipped, nothing removed', async () => {
    const idle = bed.sim.control.usersInCategory('copilot-idle-30').filter(
      (id) =>
        !Object.values(NAMED_PEOPLE_IDS).includes(id) &&
        bed.sim.control.userTruth(id).licenses.some((l) => l.skuId === COPILOT && l.assignment === 'direct') &&
        // The report lags up to three days: only a use more than 33 days ago is surely idle, whatever the hour.
        Date.now() - Date.parse(bed.sim.control.userTruth(id).copilot!.lastUse!) > 34 * 86_400_000,
    );
    const upn = bed.sim.control.userTruth(idle[0]!).userPrincipalName;
    const plan = await planCopilotReclamation(planDeps(bed), upn, REQUESTER);
    assert.equal(plan.items.length, 1, JSON.stringify(plan.refusals));
    const [request] = await createRequests(bed.dataSource, plan, REQUESTER, {
      dryRun: false,
      expiryDays: 7,
      now: new Date(),
    });
    await reclamation.approve(request!.id, request!.approverId, request!.version);
    await new PolicyStore(bed.dataSource).set('excludedUsers', upn, REQUESTER, new Date());
    bed.sim.control.clearCalls();
    const skipped = (await reclamation.execute(request!.id))!;
    assert.equal(skipped.state, 'skipped');
    assert.match(skipped.outcome ?? '', /excluded/i);
    assert.equal(assignCalls(bed).length, 0);
  });
});
