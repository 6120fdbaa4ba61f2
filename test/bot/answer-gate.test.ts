import assert from 'node:assert/strict';
import { ADMIN } from '../helpers/activities';
import { chatOf, teamsUser } from './holder-kit';
import { startHarness, text, waitFor, type Card, type Harness } from './harness';

/**
 * Work a turn starts in the background begins once the turn's answer is written: otherwise an
 * in-place update could reach Teams before the answer that it follows, and the answer, older, would
 * be what stays on screen. Shown with `copilot request` while seats are free: the request starts the
 * proposal to an admin in the background, then answers the requester.
 */
describe('background work started by a turn (real bot endpoint, fake connector)', function () {
  this.timeout(120_000);
  let h: Harness;
  const lynne = teamsUser('lynne');

  before(async () => {
    h = await startHarness({ sync: true });
    for (const u of [ADMIN, lynne]) await h.send('help', 'personal', { from: u });
  });
  after(async () => h?.stop());

  it('begins only after the answer is written, and then runs', async () => {
    const reply = h.connector.hold(chatOf(lynne));
    const proposal = h.connector.hold(chatOf(ADMIN));
    const proposed = proposal.arrived.then(() => 'proposal');
    const sending = h.send('copilot request', 'personal', { from: lynne });
    try {
      await reply.arrived;
      // The turn is still open (its reply is held): the proposal must not have been sent yet. Before
      // the gate, it reached the admin's chat within milliseconds.
      const early = await Promise.race([proposed, new Promise((r) => setTimeout(() => r('nothing'), 1500))]);
      assert.equal(early, 'nothing', 'the background work waited for the turn to answer');
    } finally {
      // A failed assertion must not leave the connector holding sends (the harness waits for them).
      reply.release();
      proposal.release();
    }

    const replies = await sending;
    assert.match(text(replies.at(-1)?.attachments?.[0]?.content as Card), /You are on the Copilot waitlist/);
    assert.equal(await proposed, 'proposal', 'then it ran');
    await h.app.bot.services.background.idle();
    await waitFor('the proposal in the admin chat', () =>
      /Assign a Copilot seat: preview[\s\S]*Lynne Robbins/.test(
        text(h.connector.messagesTo(chatOf(ADMIN)).at(-1)?.attachments?.[0]?.content as Card),
      ),
    );
  });
});
