import assert from 'node:assert/strict';
import { listSubscribedSkus } from '../../src/graph';
import { createLogger } from '../../src/logging/logger';
import { CopilotWaitlistService } from '../../src/reclamation/copilot/waitlist';
import { NAMED_PEOPLE_IDS } from '../../src/simulator';
import { AuditEvent, CopilotWaitlistEntry, Sku, UserLicense } from '../../src/store';
import { assignCalls, assignLicense, REQUESTER } from '../helpers/reclamation';
import { startSyncBed, type SyncBed } from '../helpers/sync';
import { strictlyLaterClock } from '../helpers/clock';

const COPILOT = '639dec6b-bb19-468b-871c-c5c441c4b0cb';
const ADMIN_2 = 'cccccccc-0000-0000-0000-00000000cccc';

/**
 * The Copilot waitlist over the simulator (HTTPS) and a real SQLite store: the line in order, a seat
 * assigned only by an admin's Confirm after a fresh look at Graph, never twice, and undone.
 */
describe('Copilot waitlist: the line, assignment with a fresh seat count, undo (HTTP + simulator + SQLite)', function () {
  this.timeout(120_000);
  let bed: SyncBed;
  let seats: CopilotWaitlistService;
  /** Enabled members with a usage location and no Copilot: people who may ask. */
  let people: string[];
  const freeInGraph = async () => {
    const sku = (await listSubscribedSkus(bed.graph)).items.find((s) => s.skuId === COPILOT)!;
    return (sku.prepaidUnits.enabled ?? 0) - sku.consumedUnits;
  };
  const skusOf = (id: string) =>
    bed.sim.control
      .userTruth(id)
      .licenses.map((l) => l.skuId)
      .sort();
  const holdsCopilot = (id: string) => skusOf(id).includes(COPILOT);

  before(async () => {
    bed = await startSyncBed({ users: 1000, seed: 11 });
    await bed.syncAll();
    seats = new CopilotWaitlistService({
      graph: bed.graph,
      dataSource: bed.dataSource,
      log: createLogger({ level: 'silent', secrets: [] }),
      now: strictlyLaterClock(),
    });
    people = bed.sim.control
      .usersInCategory('member')
      .filter((id) => {
        const t = bed.sim.control.userTruth(id);
        return (
          t.accountEnabled &&
          t.usageLocation &&
          !t.categories.includes('copilot') &&
          t.licenses.some((l) => l.assignment === 'direct')
        );
      })
      .slice(0, 12);
  });
  after(async () => bed?.stop());

  it('puts people in line in the order they ask; a second ask keeps the place; cancel leaves the line', async () => {
    const [a, b, c] = people;
    assert.deepEqual(await seats.request(a!, 'I write proposals all day'), {
      ok: true,
      joined: true,
      entry: (await seats.waitlist.openFor(a!))!,
      position: 1,
    });
    assert.equal(((await seats.request(b!, null)) as { position: number }).position, 2);
    assert.equal(((await seats.request(c!, '  ')) as { position: number }).position, 3);
    const again = await seats.request(a!, 'asking twice');
    assert.ok(again.ok && !again.joined && again.position === 1 && again.entry.reason === 'I write proposals all day');
    await seats.cancel(b!);
    const line = await seats.list(1, 10);
    assert.deepEqual(
      line.items.map((i) => [i.entry.userId, i.position]),
      [
        [a, 1],
        [c, 2],
      ],
    );
    assert.equal(line.items[1]!.entry.reason, null);
    assert.equal(await bed.dataSource.getRepository(AuditEvent).countBy({ action: 'copilot.request' }), 3);
  });

  it('refuses a holder of Copilot, an unknown person and a reason over 500 characters: changes nothing, each refusal audited', async () => {
    const before = await bed.dataSource.getRepository(CopilotWaitlistEntry).count();
    assert.match(((await seats.request(NAMED_PEOPLE_IDS['johanna']!, null)) as { why: string }).why, /already hold/);
    assert.match(
      ((await seats.request('00000000-0000-4000-8000-000000000000', null)) as { why: string }).why,
      /not among the users/,
    );
    assert.match(((await seats.request(people[3]!, 'x'.repeat(501))) as { why: string }).why, /at most 500/);
    assert.equal(await bed.dataSource.getRepository(CopilotWaitlistEntry).count(), before);
    const refusals = await bed.dataSource
      .getRepository(AuditEvent)
      .find({ where: { action: 'copilot.request', outcome: 'refused' }, order: { id: 'ASC' } });
    assert.deepEqual(
      refusals.map((r) => [r.actor, r.subjectId]),
      [
        [NAMED_PEOPLE_IDS['johanna'], NAMED_PEOPLE_IDS['johanna']],
        ['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000'],
        [people[3], people[3]],
      ],
    );
    assert.match(String(refusals[0]!.detail['why']), /already hold/);
  });

  it('proposes the first in line once while seats are free, never more people than free seats', async () => {
    const { free } = await seats.seats();
    assert.equal(free, await freeInGraph());
    const proposed = await seats.proposals();
    assert.deepEqual(
      proposed.map((e) => e.userId),
      [people[0], people[2]].slice(0, free),
    );
    assert.deepEqual(await seats.proposals(), [], 'each is proposed once');
  });

  it('Confirm assigns the seat with one assignLicense adding only the SKU, after reading the seats from Graph; the person leaves the line', async () => {
    const entry = (await seats.waitlist.openFor(people[0]!))!;
    bed.sim.control.clearCalls();
    const consumed = (await bed.dataSource.getRepository(Sku).findOneByOrFail({ skuId: COPILOT })).consumedUnits;
    const before = skusOf(people[0]!);
    const done = await seats.assign(entry.id, entry.version, REQUESTER);
    assert.ok(done.ok, JSON.stringify(done));
    assert.equal(done.entry.state, 'assigned');
    assert.equal(done.entry.assignedBy, REQUESTER);
    const calls = assignCalls(bed);
    assert.equal(calls.length, 1);
    assert.deepEqual(skusOf(people[0]!), [...before, COPILOT].sort(), 'only the Copilot SKU added');
    assert.ok(
      bed.sim.control.calls().some((c) => c.path === '/v1.0/subscribedSkus'),
      'the seats were read from Graph before the write',
    );
    assert.ok(holdsCopilot(people[0]!));
    assert.ok(
      await bed.dataSource
        .getRepository(UserLicense)
        .findOneBy({ userId: people[0]!, skuId: COPILOT, assignedByGroup: '' }),
    );
    assert.equal(
      (await bed.dataSource.getRepository(Sku).findOneByOrFail({ skuId: COPILOT })).consumedUnits,
      consumed + 1,
    );
    assert.equal(await seats.placeOf(people[0]!), null);
    assert.equal((await seats.list(1, 10)).items[0]!.entry.userId, people[2]);
  });

  it('two admins confirming the same proposal at once: one assignment, one refusal, both audited', async () => {
    const entry = (await seats.waitlist.openFor(people[2]!))!;
    bed.sim.control.clearCalls();
    const [x, y] = await Promise.all([
      seats.assign(entry.id, entry.version, REQUESTER),
      seats.assign(entry.id, entry.version, ADMIN_2),
    ]);
    assert.equal([x, y].filter((o) => o.ok).length, 1, JSON.stringify([x, y]));
    assert.equal(assignCalls(bed).length, 1);
    assert.equal(
      await bed.dataSource.getRepository(AuditEvent).countBy({ action: 'copilot.assign', outcome: 'refused' }),
      1,
    );
  });

  it('the last free seat, confirmed for two people at once: exactly one gets it; the other is told no seat is free and stays in line', async () => {
    const [d, e] = [people[4]!, people[5]!];
    await seats.request(d, null);
    await seats.request(e, null);
    // Fill the seats in Graph (as an admin might in the portal) until one is left.
    for (const id of people.slice(6))
      if ((await freeInGraph()) > 1) await assignLicense(bed, id, [{ skuId: COPILOT, disabledPlans: [] }], []);
    assert.equal(await freeInGraph(), 1);
    bed.sim.control.clearCalls();
    const [ed, ee] = [(await seats.waitlist.openFor(d))!, (await seats.waitlist.openFor(e))!];
    const outcomes = await Promise.all([
      seats.assign(ed.id, ed.version, REQUESTER),
      seats.assign(ee.id, ee.version, ADMIN_2),
    ]);
    assert.equal(outcomes.filter((o) => o.ok).length, 1, JSON.stringify(outcomes));
    assert.equal(assignCalls(bed).length, 1);
    assert.equal(await freeInGraph(), 0);
    const loser = outcomes.find((o) => !o.ok)!.entry!;
    // Refused while the other was being assigned, or found no seat once it was: either way still waiting, nothing written.
    const retry = await seats.assign(loser.id, (await seats.get(loser.id))!.version, REQUESTER);
    assert.ok(!retry.ok);
    assert.match(retry.why, /No Copilot seat is free now/);
    assert.equal((await seats.get(loser.id))!.state, 'waiting');
    assert.equal(assignCalls(bed).length, 1);
  });

  it('Undo removes the seat with one assignLicense and puts the person back in line at their first request time', async () => {
    const assigned = await bed.dataSource
      .getRepository(CopilotWaitlistEntry)
      .findOneByOrFail({ userId: people[0]!, state: 'assigned' });
    bed.sim.control.clearCalls();
    const before = skusOf(people[0]!);
    const undone = await seats.undo(assigned.id, assigned.version, REQUESTER);
    assert.ok(undone.ok, JSON.stringify(undone));
    assert.equal(assignCalls(bed).length, 1);
    assert.deepEqual(
      skusOf(people[0]!),
      before.filter((s) => s !== COPILOT),
      'only the Copilot SKU removed',
    );
    assert.ok(!holdsCopilot(people[0]!));
    const back = (await seats.placeOf(people[0]!))!;
    assert.equal(back.position, 1);
    assert.equal(back.entry.requestedAt, assigned.requestedAt);
    assert.notEqual(back.entry.id, assigned.id);
    const stale = await seats.undo(assigned.id, assigned.version, REQUESTER);
    assert.ok(!stale.ok);
    assert.equal(assignCalls(bed).length, 1, 'a second Undo writes nothing');
  });

  it('an assignment a crash left in flight is settled by reading the person, never by a second write', async () => {
    const entry = (await seats.waitlist.openFor(people[0]!))!;
    // The write landed in Graph, then the process died before recording it: the entry is left assigning.
    if ((await freeInGraph()) < 1) await assignLicense(bed, people[6]!, [], [COPILOT]);
    await assignLicense(bed, people[0]!, [{ skuId: COPILOT, disabledPlans: [] }], []);
    await bed.dataSource
      .getRepository(CopilotWaitlistEntry)
      .update({ id: entry.id }, { state: 'assigning', updatedAt: new Date(Date.now() - 10 * 60_000).toISOString() });
    bed.sim.control.clearCalls();
    assert.equal(await seats.settle(), 1);
    const settled = (await seats.get(entry.id))!;
    assert.equal(settled.state, 'assigned');
    assert.equal(assignCalls(bed).length, 0);
  });
});
