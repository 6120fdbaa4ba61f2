import assert from 'node:assert/strict';
import { AUTO_REQUESTER } from '../../src/reclamation/workflow';
import { HolderAsk } from '../../src/store';
import type { TeamsUser } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { executeActions, startHarness, text, type Card, type Harness } from './harness';
import { chatOf, FAST_ASKS, holderKit, INSTALL, teamsUser } from './holder-kit';

const LYNNE = teamsUser('lynne');
const PRADEEP = teamsUser('pradeep');
const MEGAN = teamsUser('megan');
const NESTOR = teamsUser('nestor');
const DIEGO = teamsUser('diego');
const LEE = teamsUser('lee');

/**
 * The holder step's policies and its edges (HTTP + simulator + SQLite): the auto-request policy asks
 * holders too; `reclamation.managerAfterRelease` and `reclamation.keepCloses`; dry run; askHolder
 * off; a holder without Teams, and a Graph that keeps failing, go to the manager after a bounded
 * number of attempts, with the reason recorded.
 */
describe('the holder step: policies, dry run and unreachable holders (HTTP + simulator + SQLite)', function () {
  this.timeout(120_000);
  let h: Harness;
  const { repo, idle, upn, assignCalls, lastUpdate, click, confirm } = holderKit(() => h);
  const cardsIn = (conversationId: string): Card[] =>
    h.connector
      .messagesTo(conversationId)
      .flatMap((m) => (m.attachments?.[0]?.content ? [m.attachments[0].content as Card] : []));
  const holderCard = (who: TeamsUser, sku: RegExp) =>
    cardsIn(chatOf(who))
      .filter((c) => sku.test(text(c)))
      .at(-1);
  const open = (userId: string, skuPart: RegExp) =>
    repo()
      .find({ where: { userId }, order: { createdAt: 'DESC' } })
      .then((all) => all.find((r) => skuPart.test(String(r.evidence['skuName']))));

  before(async () => {
    h = await startHarness({ sync: true, app: { askSender: FAST_ASKS } });
    await h.send('policy set mfaRule false');
    for (const who of [LYNNE, PRADEEP, MEGAN, NESTOR, LEE]) await h.send('help', 'personal', { from: who });
  });
  after(async () => h.stop());

  it("the auto-request policy asks the holder first, like an admin's request", async () => {
    await h.send('policy set reclamation.autoRequestDays 120');
    assert.ok((await h.app.bot.services.reclamation.autoRequest()) > 0);
    await idle();
    const lynne = await repo().findBy({ userId: LYNNE.aadObjectId! });
    assert.equal(lynne.length, 2, 'her Microsoft 365 E3 and her Power BI Pro');
    for (const r of lynne) {
      assert.equal(r.requestedBy, AUTO_REQUESTER);
      assert.equal(r.state, 'asking');
      assert.ok(r.askedAt && r.askUntil, 'her card went out and her deadline runs');
    }
    assert.match(text(holderCard(LYNNE, /Power BI Pro/)), /Do you still need Power BI Pro\?/);
    assert.equal(
      cardsIn(chatOf(MEGAN)).filter((c) => /Lynne/.test(text(c))).length,
      0,
      'her manager waits for her answer',
    );
    await h.send('policy set reclamation.autoRequestDays off');
  });

  it('reclamation.managerAfterRelease: a release still goes to the manager, who approves; one assignLicense', async () => {
    await h.send('policy set reclamation.managerAfterRelease on');
    h.app.simulator!.control.clearCalls();
    const card = holderCard(LYNNE, /Power BI Pro/);
    const release = executeActions(card).find((a) => a.verb === 'holder.release')!;
    const answered = await click(release.verb, release.data, LYNNE);
    assert.match(text(answered.card), /You released it: Megan Bowen confirms the removal/);
    await idle();
    const request = (await open(LYNNE.aadObjectId!, /Power BI Pro/))!;
    assert.equal(request.state, 'requested');
    assert.equal(request.holderAnswer, 'released');
    assert.equal(assignCalls().length, 0, 'nothing removed before the manager approves');
    const approval = cardsIn(chatOf(MEGAN))
      .filter((c) => /Power BI Pro/.test(text(c)))
      .at(-1);
    assert.deepEqual(cardProblems(approval), []);
    assert.match(text(approval), /Holder \| released it \(their consent is recorded\)/);
    const approve = executeActions(approval).find((a) => a.title === 'Approve')!;
    await click(approve.verb, approve.data, MEGAN);
    await idle();
    assert.equal((await repo().findOneByOrFail({ id: request.id })).state, 'reclaimed');
    assert.equal(assignCalls().length, 1);
    await h.send('policy set reclamation.managerAfterRelease off');
  });

  it('reclamation.keepCloses: a keep closes the request; the manager is never asked', async () => {
    await h.send('policy set reclamation.keepCloses on');
    const before = cardsIn(chatOf(MEGAN)).length;
    const keep = executeActions(holderCard(LYNNE, /Microsoft 365 E3/)).find((a) => a.verb === 'holder.keep')!;
    const answered = await click(
      keep.verb,
      { ...(keep.data as object), reason: 'upcoming', text: 'Budget season starts next month' },
      LYNNE,
    );
    assert.match(text(answered.card), /You kept it: the request is closed/);
    await idle();
    const request = (await open(LYNNE.aadObjectId!, /Microsoft 365 E3/))!;
    assert.equal(request.state, 'kept');
    assert.equal(request.outcome, 'Kept by the holder: I need it for upcoming work: Budget season starts next month');
    assert.equal(cardsIn(chatOf(MEGAN)).length, before, 'no approval card');
    assert.match(text(await h.card(`history ${await upn('lynne')}`)), /Holder keep/);
    await h.send('policy set reclamation.keepCloses off');
  });

  it('dry run: the holder is asked and says so; a release removes nothing', async () => {
    await h.send('policy set reclamation.dryRun true');
    try {
      h.app.simulator!.control.clearCalls();
      const { request } = await confirm('pradeep', 'SPE_E3', 'confirm-pradeep-dry');
      assert.equal(request.state, 'asking');
      assert.equal(request.dryRun, true);
      const card = holderCard(PRADEEP, /Microsoft 365 E3/);
      assert.match(text(card), /Dry run: your answer is recorded, but no license is removed/);
      const release = executeActions(card).find((a) => a.verb === 'holder.release')!;
      await click(release.verb, release.data, PRADEEP);
      await idle();
      const done = await repo().findOneByOrFail({ id: request.id });
      assert.equal(done.holderAnswer, 'released');
      assert.notEqual(done.state, 'asking');
      assert.equal(assignCalls().length, 0, 'a dry run never writes');
      assert.ok(h.app.simulator!.control.userTruth(PRADEEP.aadObjectId!).licenses.length > 0);
      assert.equal(
        h.app.simulator!.control.calls().filter((c) => c.path.includes('/teamwork/installedApps')).length,
        0,
      );
    } finally {
      await h.send('policy set reclamation.dryRun false');
    }
  });

  it("a holder without Teams (404 from Graph) is skipped with the reason on the admin's card; the manager decides", async () => {
    h.app.simulator!.control.setFaults({ grant: [INSTALL] });
    h.app.simulator!.control.setTeams(DIEGO.aadObjectId!, false);
    const { request } = await confirm('diego', 'SPE_E3', 'confirm-diego-noteams');
    const moved = await repo().findOneByOrFail({ id: request.id });
    assert.equal(moved.state, 'requested');
    assert.equal(moved.holderAnswer, 'unreachable');
    assert.match(moved.holderNote ?? '', /not enabled for Microsoft Teams.*HTTP 404/);
    assert.match(
      text(lastUpdate('confirm-diego-noteams')),
      /could not be asked .*HTTP 404.*their approver Megan Bowen decides/,
    );
    assert.match(text(cardsIn(chatOf(MEGAN)).at(-1)), /Holder \| not asked: Graph refused to install License Steward/);
    assert.equal(h.app.simulator!.control.installedApps(DIEGO.aadObjectId!).length, 0);
    await click('approval.reject', { requestId: moved.id, version: moved.version }, MEGAN);
    h.app.simulator!.control.setTeams(DIEGO.aadObjectId!, true);
  });

  it('a Graph that keeps failing is tried a bounded number of times, then the manager decides; the attempts are recorded', async () => {
    const path = `/v1.0/users/${DIEGO.aadObjectId!}/teamwork/installedApps`;
    h.app.simulator!.control.setFaults({ pathFaults: [{ path, status: 500 }] });
    try {
      h.app.simulator!.control.clearCalls();
      const { request } = await confirm('diego', 'SPE_E3', 'confirm-diego-500');
      const batch = (await h.app.bot.services.reclamation.asks.batchesOf(request.id))[0]!;
      const ask = async () => await h.app.store.getRepository(HolderAsk).findOneByOrFail({ batchId: batch.id });
      for (let i = 0; i < 100 && (await ask()).status === 'pending'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        await idle();
      }
      const settled = await ask();
      assert.equal(settled.status, 'skipped');
      assert.equal(settled.attempts, 3, 'backoff.maxAttempts, then no more');
      assert.match(settled.note ?? '', /Graph did not answer the installation/);
      const moved = await repo().findOneByOrFail({ id: request.id });
      assert.equal(moved.state, 'requested');
      assert.equal(moved.holderAnswer, 'unreachable');
      const tried = h.app.simulator!.control.calls().filter((c) => c.path.includes('/teamwork/installedApps')).length;
      await new Promise((r) => setTimeout(r, 300));
      await idle();
      assert.equal(
        h.app.simulator!.control.calls().filter((c) => c.path.includes('/teamwork/installedApps')).length,
        tried,
        'not retried again',
      );
    } finally {
      h.app.simulator!.control.setFaults({ pathFaults: [] });
    }
  });

  it('a holder who removed the app from their chat (403 from Teams) is not reinstalled: the manager decides, the chat is marked removed', async () => {
    h.app.simulator!.control.clearCalls();
    h.connector.failNext(chatOf(LEE), {
      status: 403,
      body: { error: { code: 'BotDisabledByAdmin', message: 'The bot was removed from this conversation.' } },
    });
    const { request } = await confirm('lee', 'VISIOCLIENT', 'confirm-lee-removed');
    const moved = await repo().findOneByOrFail({ id: request.id });
    assert.equal(moved.state, 'requested');
    assert.equal(moved.holderAnswer, 'unreachable');
    assert.match(moved.holderNote ?? '', /Teams refused the card in their chat with License Steward/);
    assert.match(text(lastUpdate('confirm-lee-removed')), /could not be asked/);
    assert.equal(
      h.app.simulator!.control.calls().filter((c) => c.path.includes('/teamwork/installedApps')).length,
      0,
      'not installed again against their choice',
    );
    assert.ok((await h.app.bot.services.conversations.get(chatOf(LEE)))?.removedAt, 'the chat is marked removed');
  });

  it('reclamation.askHolder off: the request goes straight to the manager and the holder hears nothing', async () => {
    await h.send('policy set reclamation.askHolder off');
    const before = cardsIn(chatOf(PRADEEP)).length;
    const earlier = await repo().findOneByOrFail({ userId: PRADEEP.aadObjectId!, holderAnswer: 'released' });
    if (earlier.state === 'requested')
      await click('approval.reject', { requestId: earlier.id, version: earlier.version }, NESTOR);
    const { request } = await confirm('pradeep', 'SPE_E3', 'confirm-pradeep-off');
    assert.equal(request.state, 'requested');
    assert.equal(request.holderAnswer, null);
    assert.equal(cardsIn(chatOf(PRADEEP)).length, before);
    assert.match(text(cardsIn(chatOf(NESTOR)).at(-1)), /Waiting for approval.*Microsoft 365 E3/);
    await h.send('policy set reclamation.askHolder on');
  });
});
