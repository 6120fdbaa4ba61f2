import assert from 'node:assert/strict';
import { AuditEvent, ReclamationRequest, TenantUser } from '../../src/store';
import { NAMED_PEOPLE } from '../../src/simulator';
import { READER, type TeamsUser } from '../helpers/activities';
import { executeActions, startHarness, text, type Harness } from './harness';

const person = (key: string) => NAMED_PEOPLE.find((p) => p.key === key)!;
const teamsUser = (key: string): TeamsUser => ({
  id: `29:${key}`,
  name: `${person(key).givenName} ${person(key).surname}`,
  aadObjectId: person(key).id,
});
const MEGAN = READER;
const NESTOR = teamsUser('nestor');
const MEGAN_CHAT = `a:personal-${MEGAN.aadObjectId}`;
const PAST = '2000-01-01T00:00:00.000Z';

/**
 * A request past its `expiresAt` cannot be decided, even before the hourly expiry has run: the
 * decision's compare-and-set holds the deadline, and the refusal marks the request expired.
 */
describe('approval deadlines (HTTP + simulator + SQLite)', function () {
  this.timeout(60_000);
  let h: Harness;
  const repo = () => h.app.store.getRepository(ReclamationRequest);
  const assignCalls = () =>
    h.app.simulator!.control.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/assignLicense'));
  const upn = async (key: string) =>
    (await h.app.store.getRepository(TenantUser).findOneByOrFail({ id: person(key).id })).userPrincipalName;
  /** Requests the license through preview and Confirm; returns the new request. */
  async function requested(key: string, sku = ''): Promise<ReclamationRequest> {
    const preview = await h.card(`reclaim ${await upn(key)} ${sku}`.trim());
    const confirm = executeActions(preview).find((a) => a.title === 'Confirm')!;
    assert.match(text((await h.invoke(confirm.verb, confirm.data)).card), /Requested 1 reclamation/);
    return repo().findOneByOrFail({ userId: person(key).id, state: 'requested' });
  }
  const expire = (request: ReclamationRequest) => repo().update({ id: request.id }, { expiresAt: PAST });

  before(async () => {
    h = await startHarness({ sync: true });
    await h.send('policy set mfaRule false');
    // The approver's side of the workflow: the holder's step before it is test/bot/holder.test.ts's.
    await h.send('policy set reclamation.askHolder off');
    await h.send('help', 'personal', { from: MEGAN });
    await h.send('help', 'personal', { from: NESTOR });
  });
  after(async () => h.stop());

  for (const [verb, key] of [
    ['approval.approve', 'lynne'],
    ['approval.reject', 'isaiah'],
  ] as const) {
    it(`${verb} after the expiry is refused, the request expires, and the clicker and every copy say so`, async () => {
      const request = await requested(key, 'SPE_E3');
      await expire(request);
      h.app.simulator!.control.clearCalls();
      const updatesBefore = h.connector.updates.length;
      const answer = await h.invoke(verb, { requestId: request.id, version: request.version }, 'personal', {
        from: MEGAN,
        replyToId: request.cards[MEGAN_CHAT],
      } as never);
      assert.match(text(answer.card), /Expired without a decision/);
      assert.match(text(answer.card), /Nothing was done: The request expired at 2000-01-01/);
      assert.deepEqual(
        executeActions(answer.card).filter((a) => a.title === 'Approve' || a.title === 'Reject'),
        [],
      );
      await h.app.bot.services.background.idle();
      assert.equal(assignCalls().length, 0, 'nothing removed');
      const after = await repo().findOneByOrFail({ id: request.id });
      assert.equal(after.state, 'expired');
      assert.equal(after.comment, null);
      const steps = await h.app.store
        .getRepository(AuditEvent)
        .find({ where: { requestId: request.id }, order: { id: 'ASC' } });
      const action = verb === 'approval.approve' ? 'approve' : 'reject';
      assert.deepEqual(
        steps.map((e) => `${e.action}:${e.outcome}:${e.actor}`),
        ['request:ok:' + request.requestedBy, 'expire:ok:system', `${action}:refused:${MEGAN.aadObjectId}`],
      );
      assert.deepEqual(steps[1]?.detail['noticedBy'], MEGAN.aadObjectId);
      // The state really changed: the posted copy shows it.
      const shared = h.connector.updates
        .slice(updatesBefore)
        .filter((u) => u.activityId === request.cards[MEGAN_CHAT])
        .at(-1);
      assert.match(text(shared?.activity.attachments?.[0]?.content), /Expired without a decision/);
    });
  }

  it("the approvals card's batch decision refuses a request past its expiry, expires it and says so", async () => {
    const lee = await requested('lee');
    const pradeep = await requested('pradeep');
    const card = await h.card('approvals', 'personal', { from: NESTOR });
    const approve = executeActions(card).find((a) => a.title === 'Approve selected')!;
    const items = (approve.data as { items: { requestId: string }[] }).items;
    const picks = Object.fromEntries(
      items.map((item, i) => [`pick_${i}`, [lee.id, pradeep.id].includes(item.requestId) ? 'true' : 'false']),
    );
    await expire(pradeep);
    h.app.simulator!.control.clearCalls();
    const done = await h.invoke(approve.verb, { ...(approve.data as object), ...picks }, 'personal', { from: NESTOR });
    assert.match(text(done.card), /Approved 1 request\(s\); 1 had expired before your decision/);
    await h.app.bot.services.background.idle();
    assert.equal((await repo().findOneByOrFail({ id: pradeep.id })).state, 'expired');
    assert.equal((await repo().findOneByOrFail({ id: lee.id })).state, 'reclaimed');
    assert.equal(assignCalls().length, 1, 'only the request still open was carried out');
    assert.equal(
      await h.app.store
        .getRepository(AuditEvent)
        .countBy({ requestId: pradeep.id, action: 'approve', outcome: 'refused' }),
      1,
    );
  });
});
