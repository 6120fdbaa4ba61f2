import assert from 'node:assert/strict';
import { AuditEvent, ReclamationRequest, TenantUser } from '../../src/store';
import { NAMED_PEOPLE } from '../../src/simulator';
import { READER, type TeamsUser } from '../helpers/activities';
import { executeActions, startHarness, text, type Card, type Harness } from './harness';

const person = (key: string) => NAMED_PEOPLE.find((p) => p.key === key)!;
const teamsUser = (key: string): TeamsUser => ({
  id: `29:${key}`,
  name: `${person(key).givenName} ${person(key).surname}`,
  aadObjectId: person(key).id,
});
const MEGAN = READER;
const ALEX = teamsUser('alex');
const CHANNEL = '19:licensing@thread.tacv2';

/**
 * A click refused to someone who may not do it answers that person only: Teams shows the card of an
 * `adaptiveCard/action` answer to the client that asked, and the copy everyone sees changes only
 * when the bot updates the posted activity.
 */
describe('approval card refusals in a channel (HTTP + simulator + SQLite)', function () {
  this.timeout(60_000);
  let h: Harness;
  let request: ReclamationRequest;
  const refreshIds = (card: Card | undefined) => (card?.['refresh'] as { userIds?: string[] } | undefined)?.userIds;

  before(async () => {
    h = await startHarness({ sync: true });
    await h.send('policy set mfaRule false');
    // The approver's side of the workflow: the holder's step before it is test/bot/holder.test.ts's.
    await h.send('policy set reclamation.askHolder off');
    await h.send('policy set approvals.channel here', 'channel');
    // Megan approves Lynne's licenses and has no chat with the bot yet: the card goes to the channel.
    const lynne = (await h.app.store.getRepository(TenantUser).findOneByOrFail({ id: person('lynne').id }))
      .userPrincipalName;
    const preview = await h.card(`reclaim ${lynne} SPE_E3`);
    const confirm = executeActions(preview).find((a) => a.title === 'Confirm')!;
    assert.match(text((await h.invoke(confirm.verb, confirm.data)).card), /posted in the approvals channel/);
    request = await h.app.store.getRepository(ReclamationRequest).findOneByOrFail({ userId: person('lynne').id });
    // Now the bot knows Megan's Teams id: every card names her in `refresh`.
    await h.send('help', 'personal', { from: MEGAN });
  });
  after(async () => h.stop());

  it("a non-approver's Approve, Reject, Undo and Retry answer only the clicker, are audited, and leave the posted copy alone", async () => {
    const posted = request.cards[CHANNEL];
    assert.ok(posted, 'the card was posted in the channel');
    h.app.simulator!.control.clearCalls();
    const updatesBefore = h.connector.updates.length;
    for (const verb of ['approval.approve', 'approval.reject', 'approval.undo', 'approval.retry']) {
      const answer = await h.invoke(verb, { requestId: request.id, version: request.version }, 'channel', {
        from: ALEX,
        replyToId: posted,
      } as never);
      assert.equal(answer.status, 200);
      assert.match(text(answer.card), /Nothing was done: Only the approver/, verb);
      assert.match(text(answer.card), /Waiting for approval/, `${verb}: the clicker sees the current state`);
      assert.deepEqual(refreshIds(answer.card), [MEGAN.id], `${verb}: Megan's client still asks for her buttons`);
    }
    await h.app.bot.services.background.idle();
    assert.deepEqual(
      h.connector.updates.slice(updatesBefore).map((u) => `${u.conversationId}/${u.activityId}`),
      [],
      'no copy was updated',
    );
    const refused = await h.app.store
      .getRepository(AuditEvent)
      .findBy({ requestId: request.id, outcome: 'refused', actor: ALEX.aadObjectId });
    assert.deepEqual(refused.map((e) => e.action).sort(), ['approve', 'reject', 'retry', 'undo']);
    assert.equal(
      (await h.app.store.getRepository(ReclamationRequest).findOneByOrFail({ id: request.id })).state,
      'requested',
    );
    assert.equal(h.app.simulator!.control.calls().filter((c) => c.path.endsWith('/assignLicense')).length, 0);
  });

  it('a stale or forged click in the channel answers the clicker only too', async () => {
    const posted = request.cards[CHANNEL]!;
    const updatesBefore = h.connector.updates.length;
    const stale = await h.invoke(
      'approval.approve',
      { requestId: request.id, version: request.version + 5 },
      'channel',
      { from: MEGAN, replyToId: posted } as never,
    );
    assert.match(text(stale.card), /Nothing was done.*version/);
    const forged = await h.invoke(
      'approval.approve',
      { requestId: request.id, version: request.version, skuId: 'x' },
      'channel',
      { from: MEGAN, replyToId: posted } as never,
    );
    assert.match(text(forged.card), /out of date/);
    await h.app.bot.services.background.idle();
    assert.equal(h.connector.updates.length, updatesBefore);
  });

  it("the approver's Reject is a real change: every posted copy shows it, with no refusal notice", async () => {
    const posted = request.cards[CHANNEL]!;
    const updatesBefore = h.connector.updates.length;
    const answer = await h.invoke('approval.reject', { requestId: request.id, version: request.version }, 'channel', {
      from: MEGAN,
      replyToId: posted,
    } as never);
    assert.match(text(answer.card), /Rejected/);
    await h.app.bot.services.background.idle();
    const updates = h.connector.updates
      .slice(updatesBefore)
      .filter((u) => u.conversationId === CHANNEL && u.activityId === posted);
    assert.ok(updates.length >= 1, 'the channel copy was updated');
    const shared = updates.at(-1)?.activity.attachments?.[0]?.content;
    assert.match(text(shared), /Rejected/);
    assert.doesNotMatch(text(shared), /Nothing was done/);
  });
});
