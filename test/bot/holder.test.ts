import assert from 'node:assert/strict';
import { AuditEvent, ReclamationRequests } from '../../src/store';
import { ADMIN, READER } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { executeActions, startHarness, text, type Card, type Harness } from './harness';
import { chatOf, FAST_ASKS, holderKit, INSTALL, teamsUser } from './holder-kit';

const LYNNE = teamsUser('lynne');
const PRADEEP = teamsUser('pradeep');
const MEGAN = READER;
const NESTOR = teamsUser('nestor');
const PAST = '2000-01-01T00:00:00.000Z';

/**
 * The license holder is asked first, in Teams (HTTP + simulator + SQLite): the card reaches them
 * through their chat with the bot, or after the bot installs itself for them through Graph; Release
 * runs the removal with the same re-check as an approval, Keep and silence go to the approver, and
 * every refused click (not the holder, an old card, after the deadline) changes nothing.
 */
describe('the license holder asked first: keep or release (HTTP + simulator + SQLite)', function () {
  this.timeout(120_000);
  let h: Harness;
  const { repo, idle, upn, assignCalls, lastUpdate, click, confirm } = holderKit(() => h);
  const lastCard = (conversationId: string): Card | undefined =>
    h.connector
      .messagesTo(conversationId)
      .filter((m) => m.attachments?.length)
      .at(-1)?.attachments?.[0]?.content;
  const steps = async (requestId: string) =>
    (await h.app.store.getRepository(AuditEvent).find({ where: { requestId }, order: { id: 'ASC' } })).map(
      (e) => `${e.action}:${e.outcome}`,
    );

  before(async () => {
    h = await startHarness({ sync: true, app: { askSender: FAST_ASKS } });
    await h.send('policy set mfaRule false');
    // The bot has a chat with these people: their cards reach them there.
    for (const who of [LYNNE, PRADEEP, MEGAN, NESTOR]) await h.send('help', 'personal', { from: who });
  });
  after(async () => h.stop());

  it('asks the holder first; Release by the holder removes that license once (fresh re-check), and every card follows', async () => {
    h.app.simulator!.control.clearCalls();
    const { answer, request } = await confirm('lynne', 'POWER_BI_PRO', 'confirm-lynne-pbi');
    assert.deepEqual(cardProblems(answer), []);
    assert.match(text(answer), /Asking the license holder first/);
    const asked = await repo().findOneByOrFail({ id: request.id });
    assert.equal(asked.state, 'asking');
    assert.ok(asked.askedAt && asked.askUntil, 'the card reached her and her deadline runs');
    assert.equal(
      h.connector.messagesTo(chatOf(MEGAN)).filter((m) => /Power BI Pro/.test(text(m.attachments?.[0]?.content)))
        .length,
      0,
      'the manager is not asked yet',
    );
    const card = lastCard(chatOf(LYNNE));
    assert.deepEqual(cardProblems(card), []);
    assert.match(text(card), /Do you still need Power BI Pro\?/);
    assert.match(
      text(card),
      /Last use per app \| Bolder \| Small \| FactSet \| None \| [^|]+ \| (\d{4}-\d\d-\d\d|no activity in 90 days)/,
    );
    assert.match(text(card), /\d+\.\d\d USD a month/);
    assert.deepEqual(
      executeActions(card)
        .filter((a) => a.verb !== 'holder.refresh')
        .map((a) => a.title),
      ["Release: I don't need it", 'Keep it'],
    );
    assert.deepEqual(
      (card?.['refresh'] as { userIds?: string[] }).userIds,
      [LYNNE.id],
      "only Lynne's client gets the buttons",
    );
    assert.equal(assignCalls().length, 0);

    const release = executeActions(card).find((a) => a.verb === 'holder.release')!;
    const released = await click(release.verb, release.data, LYNNE);
    assert.match(text(released.card), /You released it|Released/);
    const again = await click(release.verb, release.data, LYNNE);
    assert.match(text(again.card), /Nothing was done/);
    await idle();
    assert.equal(assignCalls().length, 1, 'exactly one assignLicense');
    const done = await repo().findOneByOrFail({ id: request.id });
    assert.equal(done.state, 'reclaimed');
    assert.equal(done.holderAnswer, 'released');
    assert.ok(
      !h.app.simulator!.control.userTruth(LYNNE.aadObjectId!).licenses.some((l) => l.skuId === request.skuId),
      'that license is gone',
    );
    assert.ok(h.app.simulator!.control.userTruth(LYNNE.aadObjectId!).licenses.length > 0, 'her other license stays');
    assert.deepEqual(
      (await steps(request.id)).filter((s) => s.endsWith(':ok')),
      ['request:ok', 'holder.ask:ok', 'holder.release:ok', 'execute:ok', 'execute:ok'],
    );
    const decision = await h.app.store
      .getRepository(AuditEvent)
      .findOneByOrFail({ requestId: request.id, action: 'holder.release', outcome: 'ok' });
    assert.equal(decision.actor, LYNNE.aadObjectId, "the decision is recorded as the holder's");
    assert.match(text(lastUpdate('confirm-lynne-pbi')), /released it: reclaimed/, "the admin's card follows");
    assert.match(
      text(lastUpdate(request.cards[chatOf(LYNNE)] ?? '')),
      /Released: the license was removed/,
      'and so does hers',
    );
    assert.match(text(await h.card(`history ${await upn('lynne')}`)), /Holder release/);
  });

  it('Keep needs a reason; with one, the manager gets the approval card with it', async () => {
    const { request } = await confirm('lynne', 'SPE_E3', 'confirm-lynne-e3');
    const card = lastCard(chatOf(LYNNE));
    const keep = executeActions(card).find((a) => a.verb === 'holder.keep')!;
    const bare = await click(keep.verb, keep.data, LYNNE);
    assert.match(text(bare.card), /choose a reason and say in a few words why/);
    assert.equal(
      (await repo().findOneByOrFail({ id: request.id })).state,
      'asking',
      'nothing recorded without a reason',
    );
    const kept = await click(
      keep.verb,
      { ...(keep.data as object), reason: 'regular', text: 'Month-end close in Excel' },
      LYNNE,
    );
    assert.match(text(kept.card), /You kept it/);
    await idle();
    const waiting = await repo().findOneByOrFail({ id: request.id });
    assert.equal(waiting.state, 'requested');
    assert.equal(waiting.holderNote, 'I use it regularly: Month-end close in Excel');
    assert.ok(
      waiting.expiresAt > new Date(Date.now() + 6 * 86_400_000).toISOString(),
      'the manager gets the full expiry',
    );
    const approval = lastCard(chatOf(MEGAN));
    assert.deepEqual(cardProblems(approval), []);
    assert.match(text(approval), /Waiting for approval.*Microsoft 365 E3/);
    assert.match(text(approval), /Holder \| kept it: I use it regularly: Month-end close in Excel/);
    assert.match(text(lastUpdate('confirm-lynne-e3')), /kept it .*their approver Megan Bowen decides/);
    assert.equal(assignCalls().length, 1, 'nothing more removed');
  });

  it('a holder who kept a license is not asked again about it during the cooldown, unless the finding changes kind', async () => {
    const kept = await repo().findOneByOrFail({ userId: LYNNE.aadObjectId!, holderAnswer: 'kept' });
    await click('approval.reject', { requestId: kept.id, version: kept.version }, MEGAN);
    await idle();
    const before = h.connector.messagesTo(chatOf(LYNNE)).length;
    const { request } = await confirm('lynne', 'SPE_E3', 'confirm-lynne-e3-again');
    assert.equal(request.state, 'requested', 'straight to the manager');
    assert.equal(request.holderAnswer, 'cooldown');
    assert.match(request.holderNote ?? '', /Kept by the holder on \d{4}-\d\d-\d\d .*not asked again before/);
    assert.equal(h.connector.messagesTo(chatOf(LYNNE)).length, before, 'Lynne gets no second card');
    assert.match(text(lastCard(chatOf(MEGAN))), /not asked again/);
    // The finding changed kind since her Keep (recorded as another kind here): she is asked again.
    await click('approval.reject', { requestId: request.id, version: request.version }, MEGAN);
    await repo().update({ id: kept.id }, { reason: 'never' });
    const { request: third } = await confirm('lynne', 'SPE_E3', 'confirm-lynne-e3-third');
    assert.equal(third.state, 'asking');
    assert.equal(h.connector.messagesTo(chatOf(LYNNE)).length, before + 1);
  });

  it('refuses a click by anyone but the holder, an old version and a forged id: audited, nothing changes', async () => {
    const request = await repo().findOneByOrFail({ userId: LYNNE.aadObjectId!, state: 'asking' });
    const ref = { requestId: request.id, version: request.version };
    const byAdmin = await click('holder.release', ref, ADMIN);
    assert.match(text(byAdmin.card), /Nothing was done: Only the holder of this license may answer/);
    assert.equal(
      executeActions(byAdmin.card).filter((a) => a.verb !== 'holder.refresh').length,
      0,
      'no buttons for someone else',
    );
    const byManager = await click('holder.keep', { ...ref, reason: 'other', text: 'forged' }, MEGAN);
    assert.match(text(byManager.card), /Only the holder/);
    assert.match(
      text((await click('holder.release', { ...ref, version: ref.version + 5 }, LYNNE)).card),
      /Nothing was done.*version/,
    );
    assert.match(
      text(
        (await click('holder.release', { requestId: '00000000-0000-4000-8000-000000000000', version: 1 }, LYNNE)).card,
      ),
      /out of date/,
    );
    assert.match(
      text((await click('holder.release', { ...ref, skuId: 'x' }, LYNNE)).card),
      /out of date/,
      'a payload naming anything else is refused',
    );
    const refreshed = await click('holder.refresh', ref, ADMIN);
    assert.equal(
      executeActions(refreshed.card).filter((a) => a.verb !== 'holder.refresh').length,
      0,
      'the refresh gives others the state only',
    );
    assert.equal((await repo().findOneByOrFail({ id: request.id })).state, 'asking');
    const refused = await h.app.store.getRepository(AuditEvent).findBy({ requestId: request.id, outcome: 'refused' });
    assert.deepEqual(
      refused.map((e) => `${e.action}:${e.actor}`).sort(),
      [
        `holder.keep:${MEGAN.aadObjectId}`,
        `holder.release:${ADMIN.aadObjectId}`,
        `holder.release:${LYNNE.aadObjectId}`,
      ].sort(),
    );
  });

  it('an ask past its deadline cannot be answered: the click goes nowhere, the manager decides', async () => {
    const request = await repo().findOneByOrFail({ userId: LYNNE.aadObjectId!, state: 'asking' });
    await repo().update({ id: request.id }, { askUntil: PAST });
    h.app.simulator!.control.clearCalls();
    const late = await click('holder.release', { requestId: request.id, version: request.version }, LYNNE);
    assert.match(text(late.card), /Nothing was done: The question closed at 2000-01-01/);
    await idle();
    assert.equal(assignCalls().length, 0, 'nothing removed');
    const moved = await repo().findOneByOrFail({ id: request.id });
    assert.equal(moved.state, 'requested');
    assert.equal(moved.holderAnswer, 'unanswered');
    assert.match(text(lastCard(chatOf(MEGAN))), /No answer from the holder by 2000-01-01/);
    const refusedLate = await h.app.store
      .getRepository(AuditEvent)
      .find({ where: { requestId: request.id, action: 'holder.release', outcome: 'refused' }, order: { id: 'DESC' } });
    assert.equal(refusedLate[0]?.actor, LYNNE.aadObjectId, 'the late click is audited as refused');
    assert.match(String(refusedLate[0]?.detail['why']), /The question closed at 2000-01-01/);
  });

  it('no answer: one reminder at half the deadline, then the manager ("no answer from the holder by …")', async () => {
    const { request } = await confirm('pradeep', 'SPE_E3', 'confirm-pradeep');
    assert.equal(request.state, 'asking');
    assert.match(
      text(await h.card('approvals')),
      /PradeepG@contoso\.onmicrosoft\.com.*Asking the license holder first.*Waits for the license holder \(asked; answer due .*\), then approver Nestor Wilke/,
    );
    const day = 86_400_000;
    await repo().update(
      { id: request.id },
      { askedAt: new Date(Date.now() - 5 * day).toISOString(), askUntil: new Date(Date.now() + 2 * day).toISOString() },
    );
    const messages = () => h.connector.messagesTo(chatOf(PRADEEP)).length;
    const before = messages();
    await h.app.bot.services.reclamation.expire();
    assert.equal(messages(), before + 1, 'one reminder message');
    assert.match(
      h.connector.messagesTo(chatOf(PRADEEP)).at(-1)?.text ?? '',
      /Reminder: License Steward is waiting for your answer about Microsoft 365 E3/,
    );
    assert.match(
      text(
        lastUpdate(
          request.cards[chatOf(PRADEEP)] ?? (await repo().findOneByOrFail({ id: request.id })).cards[chatOf(PRADEEP)]!,
        ),
      ),
      /Reminder: your answer is needed by/,
    );
    await h.app.bot.services.reclamation.expire();
    assert.equal(messages(), before + 1, 'never a second reminder');
    await repo().update({ id: request.id }, { askUntil: PAST });
    await h.app.bot.services.reclamation.expire();
    await idle();
    const moved = await repo().findOneByOrFail({ id: request.id });
    assert.equal(moved.state, 'requested');
    assert.match(moved.holderNote ?? '', /No answer from the holder by 2000-01-01/);
    assert.match(text(lastCard(chatOf(NESTOR))), /Holder \| No answer from the holder by 2000-01-01/);
    assert.deepEqual(
      (await steps(request.id)).filter((s) => s.startsWith('holder')),
      ['holder.ask:ok', 'holder.remind:ok', 'holder.unanswered:ok'],
    );
  });

  it('a holder the bot never met: installed through Graph, the 1:1 opened through the connector, then Release', async () => {
    h.app.simulator!.control.setFaults({ grant: [INSTALL] });
    const diego = teamsUser('diego');
    const { request } = await confirm('diego', 'SPE_E3', 'confirm-diego');
    const installs = h.app.simulator!.control.calls().filter((c) => c.path.endsWith('/teamwork/installedApps'));
    assert.ok(
      installs.some((c) => c.method === 'POST' && c.status === 201),
      'installed through Graph',
    );
    assert.equal(h.app.simulator!.control.installedApps(diego.aadObjectId!).length, 1);
    const created = h.connector.created.find((c) => c.parameters.members?.[0]?.id === diego.aadObjectId);
    assert.ok(created, 'a conversation opened with his Entra object id');
    assert.equal(created.parameters.isGroup, false);
    assert.equal(created.parameters.tenantId, h.chat.tenantId);
    assert.equal(created.parameters.channelData?.tenant?.id, h.chat.tenantId);
    const card = lastCard(created.id);
    assert.match(text(card), /Do you still need Microsoft 365 E3\?/);
    assert.ok(await h.app.bot.services.conversations.personalChat(diego.aadObjectId!), 'the opened chat is remembered');
    const release = executeActions(card).find((a) => a.verb === 'holder.release')!;
    h.app.simulator!.control.clearCalls();
    await click(release.verb, release.data, diego, created.id);
    await idle();
    assert.equal(assignCalls().length, 1);
    assert.equal((await repo().findOneByOrFail({ id: request.id })).state, 'reclaimed');
    assert.ok((await steps(request.id)).includes('holder.ask:ok'));
    const ask = await h.app.store
      .getRepository(AuditEvent)
      .findOneByOrFail({ requestId: request.id, action: 'holder.ask' });
    assert.equal(ask.detail['via'], 'installed');
  });

  it('a holder who cannot be reached (the install is refused: 403) is skipped with the reason, and the manager is asked', async () => {
    h.app.simulator!.control.setFaults({ revoke: [INSTALL] });
    const { answer, request } = await confirm('lee', 'VISIOCLIENT', 'confirm-lee');
    assert.match(text(answer), /Asking the license holder first/);
    const moved = await repo().findOneByOrFail({ id: request.id });
    assert.equal(moved.state, 'requested');
    assert.equal(moved.holderAnswer, 'unreachable');
    assert.match(
      moved.holderNote ?? '',
      /Grant the application permission TeamsAppInstallation\.ReadWriteForUser\.All/,
    );
    assert.match(moved.holderNote ?? '', /HTTP 403/);
    assert.match(text(lastCard(chatOf(NESTOR))), /Holder \| not asked: Graph refused to install License Steward/);
    assert.match(
      text(lastUpdate('confirm-lee')),
      /could not be asked .*HTTP 403.*their approver Nestor Wilke decides/,
      "the admin's card says why",
    );
    assert.deepEqual(
      (await steps(request.id)).filter((s) => s.startsWith('holder')),
      ['holder.unreachable:ok'],
    );
    const asks = await h.app.bot.services.reclamation.bulk.view(
      (await h.app.bot.services.reclamation.asks.batchesOf(request.id))[0]!.id,
    );
    assert.equal(asks?.asks[0]?.status, 'skipped', 'recorded and visible, never retried');
  });

  it('a release a stop cut off before execution runs at the next start, once, with the fresh re-check', async () => {
    const open = await repo().findOneByOrFail({ userId: LYNNE.aadObjectId!, state: 'requested' });
    await click('approval.reject', { requestId: open.id, version: open.version }, MEGAN);
    const requests = new ReclamationRequests(h.app.store);
    const { userId, userPrincipalName, skuId, reason, evidence, requestedBy, approverId } = open;
    const asking = await requests.create(
      {
        userId,
        userPrincipalName,
        skuId,
        reason,
        evidence,
        requestedBy,
        approverId,
        dryRun: false,
        state: 'asking',
        holderAnswer: 'asking',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      new Date(),
    );
    assert.notEqual(asking.id, open.id);
    await requests.noteAsking(asking.id, { askUntil: new Date(Date.now() + 86_400_000).toISOString() }, new Date());
    assert.ok(
      await requests.transition(
        asking.id,
        { from: ['asking'], to: 'released', version: 1, actor: LYNNE.aadObjectId!, action: 'holder.release' },
        new Date(),
      ),
    );
    h.app.simulator!.control.clearCalls();
    await h.app.bot.services.reclamation.reconcile();
    await h.app.bot.services.reclamation.reconcile();
    assert.equal(assignCalls().length, 1);
    assert.equal((await repo().findOneByOrFail({ id: asking.id })).state, 'reclaimed');
  });

  it("the digest counts the week's holders: asked, released, kept, no answer; approvals shows where each request waits", async () => {
    const digest = await h.card('digest now');
    assert.match(
      text(digest),
      /License holders this week \| 5 asked · 2 released · 1 kept · 2 no answer · 1 could not be asked/,
    );
    assert.match(text(await h.card('approvals')), /Approver Nestor Wilke · holder: not asked: Graph refused/);
  });
});
