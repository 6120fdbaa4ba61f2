import assert from 'node:assert/strict';
import { listFindings, PolicyStore } from '../../src/insights';
import { createRequests } from '../../src/reclamation/plan';
import { AuditEvent, ReclamationRequest, TenantUser } from '../../src/store';
import { GROUPS, NAMED_PEOPLE } from '../../src/simulator';
import { ADMIN, READER, type TeamsUser } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { executeActions, startHarness, text, type Card, type Harness } from './harness';

const person = (key: string) => NAMED_PEOPLE.find((p) => p.key === key)!;
const teamsUser = (key: string): TeamsUser => ({
  id: `29:${key}`,
  name: `${person(key).givenName} ${person(key).surname}`,
  aadObjectId: person(key).id,
});
const MEGAN = READER;
const NESTOR = teamsUser('nestor');
const MEGAN_CHAT = `a:personal-${MEGAN.aadObjectId}`;

describe('reclamation with approval in Teams (HTTP + simulator + SQLite)', function () {
  this.timeout(60_000);
  let h: Harness;
  const upn = async (key: string) =>
    (await h.app.store.getRepository(TenantUser).findOneByOrFail({ id: person(key).id })).userPrincipalName;
  const assignCalls = () =>
    h.app.simulator!.control.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/assignLicense'));
  const requests = () => h.app.store.getRepository(ReclamationRequest).find({ order: { createdAt: 'ASC' } });
  const button = (card: Card | undefined, title: string) => {
    const found = executeActions(card).find((a) => a.title === title);
    assert.ok(found, `a ${title} button in ${text(card).slice(0, 200)}`);
    return found;
  };
  const lastCardTo = (conversationId: string) =>
    h.connector.messagesTo(conversationId).at(-1)?.attachments?.[0]?.content;

  before(async () => {
    h = await startHarness({ sync: true });
    // The demo's named people are MFA-registered, which the default policy excludes from reclamation.
    await h.send('policy set mfaRule false');
    // The approver's side of the workflow: the holder's step before it is test/bot/holder.test.ts's.
    await h.send('policy set reclamation.askHolder off');
  });
  after(async () => h.stop());

  it('reclaim <upn> previews licenses, savings and the approver, and creates nothing; a reader is refused', async () => {
    const lynne = await upn('lynne');
    const preview = await h.card(`reclaim ${lynne}`);
    assert.deepEqual(cardProblems(preview), []);
    assert.match(text(preview), /Lynne Robbins.*Microsoft 365 E3/);
    assert.match(text(preview), /Power BI Pro/);
    assert.match(text(preview), /Approver: Megan Bowen \(manager in Entra\)/);
    assert.match(text(preview), /\d+\.\d\d USD a month/);
    assert.deepEqual(
      executeActions(preview).map((a) => a.title),
      ['Confirm', 'Cancel'],
    );
    assert.equal((await requests()).length, 0);
    assert.equal(await h.app.store.getRepository(AuditEvent).countBy({ subjectType: 'request' }), 0);
    assert.match(
      text(await h.card(`reclaim ${lynne}`, 'personal', { from: MEGAN })),
      /Only License Steward admins|not a License Steward admin/,
    );
    const cancel = await h.invoke(button(preview, 'Cancel').verb, button(preview, 'Cancel').data);
    assert.match(text(cancel.card), /Nothing was requested/);
  });

  it("takes a configured approvers group's people, nested groups' included, never a group as approver", async () => {
    const excluded = GROUPS.find((g) => g.displayName === 'License Steward - Excluded')!;
    await h.send(`policy set approvers groups:${excluded.id}`);
    try {
      // Lynne's manager is Megan: when Megan asks, a configured approver decides instead.
      const { plans } = await h.app.bot.services.reclamation.plan({ upns: [await upn('lynne')] }, MEGAN.aadObjectId!);
      const approver = plans[0]?.items[0]?.approver;
      assert.equal(approver?.source, 'configured', JSON.stringify(plans[0]?.refusals));
      assert.ok(!GROUPS.some((g) => g.id === approver?.id), "not a nested group's id");
      assert.ok(h.app.simulator!.control.usersInCategory('in-exclusion-group').includes(approver!.id));
    } finally {
      await h.send('policy set approvers none');
    }
  });

  it('refuses a group-inherited license at preview, naming the group', async () => {
    const preview = await h.card(`reclaim ${await upn('lee')} SPE_E3`);
    assert.match(text(preview), /group/i);
    assert.equal(
      executeActions(preview).some((a) => a.title === 'Confirm'),
      false,
    );
    assert.equal((await requests()).length, 0);
  });

  it("Confirm creates the requests and posts approval cards to the manager's personal chat", async () => {
    await h.send('help', 'personal', { from: MEGAN }); // the bot now has a chat with Megan
    const preview = await h.card(`reclaim ${await upn('lynne')} SPE_E3`);
    const confirm = button(preview, 'Confirm');
    assert.deepEqual(Object.keys(confirm.data as object), ['upns', 'sku', 'previewed']);
    // Confirm creates only what the preview showed: an item the requester did not see is not requested.
    const [seen] = (confirm.data as { previewed: string[] }).previewed;
    const unseen = await h.invoke(confirm.verb, {
      ...(confirm.data as object),
      previewed: [seen!.replace(/:inactive$/, ':blocked')],
    });
    assert.match(text(unseen.card), /Nothing was requested/);
    assert.match(text(unseen.card), /Not in the preview you confirmed/);
    assert.equal((await requests()).length, 0);
    const { previewed: _, ...older } = confirm.data as { previewed: string[] };
    assert.match(text((await h.invoke(confirm.verb, older)).card), /earlier version of the bot: preview again/);
    assert.equal((await requests()).length, 0);
    const done = await h.invoke(confirm.verb, confirm.data);
    assert.match(text(done.card), /Requested 1 reclamation/);
    assert.match(text(done.card), /sent to Megan Bowen/);
    const [request] = await requests();
    assert.equal(request?.state, 'requested');
    assert.equal(request?.approverId, MEGAN.aadObjectId);
    const card = lastCardTo(MEGAN_CHAT);
    assert.deepEqual(cardProblems(card), []);
    assert.match(text(card), /Waiting for approval.*Lynne Robbins.*Microsoft 365 E3/);
    assert.deepEqual(
      executeActions(card)
        .filter((a) => a.verb.startsWith('approval.approve') || a.verb === 'approval.reject')
        .map((a) => a.data),
      [
        { requestId: request!.id, version: 1 },
        { requestId: request!.id, version: 1 },
      ],
    );
    assert.deepEqual((card?.['refresh'] as { userIds?: string[] }).userIds, [MEGAN.id]);
    assert.deepEqual(Object.keys(request!.cards), [MEGAN_CHAT]);
    // Confirm again (a double click): planned again, the open request refuses a duplicate.
    assert.match(text((await h.invoke(confirm.verb, confirm.data)).card), /already open/);
    assert.equal((await requests()).length, 1);
  });

  it('refuses Approve by someone else, a forged id and a stale version: audited, no Graph call', async () => {
    const [request] = await requests();
    h.app.simulator!.control.clearCalls();
    const byAdmin = await h.invoke('approval.approve', { requestId: request!.id, version: 1 }, 'personal', {
      from: ADMIN,
    });
    assert.match(text(byAdmin.card), /Nothing was done: Only the approver/);
    assert.deepEqual(
      executeActions(byAdmin.card).map((a) => a.verb),
      ['approval.refresh'],
      'no buttons for someone else',
    );
    const forged = await h.invoke(
      'approval.approve',
      { requestId: '00000000-0000-4000-8000-000000000000', version: 1 },
      'personal',
      { from: MEGAN },
    );
    assert.match(text(forged.card), /out of date/);
    const stale = await h.invoke('approval.approve', { requestId: request!.id, version: 7 }, 'personal', {
      from: MEGAN,
    });
    assert.match(text(stale.card), /Nothing was done.*version/);
    const extra = await h.invoke('approval.approve', { requestId: request!.id, version: 1, skuId: 'x' }, 'personal', {
      from: MEGAN,
    });
    assert.match(text(extra.card), /out of date/, 'a payload naming a SKU is refused');
    const refused = await h.app.store.getRepository(AuditEvent).countBy({ outcome: 'refused', action: 'approve' });
    assert.equal(refused, 3);
    assert.equal((await requests())[0]?.state, 'requested');
    assert.equal(assignCalls().length, 0);
  });

  it('Approve by the approver: answered at once, one assignLicense removing only that SKU, card updated; double click is one call; Undo restores', async () => {
    const [request] = await requests();
    const before = h.app.simulator!.control.userTruth(request!.userId).licenses;
    h.app.simulator!.control.clearCalls();
    const approved = await h.invoke(
      'approval.approve',
      { requestId: request!.id, version: 1, comment: 'Left in July' },
      'personal',
      { from: MEGAN, replyToId: request!.cards[MEGAN_CHAT] } as never,
    );
    assert.match(text(approved.card), /Approved/);
    const again = await h.invoke('approval.approve', { requestId: request!.id, version: 1 }, 'personal', {
      from: MEGAN,
    });
    assert.match(text(again.card), /Nothing was done/);
    await h.app.bot.services.background.idle();
    assert.equal(assignCalls().length, 1);
    const after = h.app.simulator!.control.userTruth(request!.userId).licenses;
    assert.deepEqual(
      after.map((l) => l.skuId).sort(),
      before
        .filter((l) => l.skuId !== request!.skuId)
        .map((l) => l.skuId)
        .sort(),
      'only that SKU removed',
    );
    const reclaimed = (await requests())[0]!;
    assert.equal(reclaimed.state, 'reclaimed');
    const update = h.connector.updates.filter((u) => u.activityId === request!.cards[MEGAN_CHAT]).at(-1);
    const updated = update?.activity.attachments?.[0]?.content;
    assert.deepEqual(cardProblems(updated), []);
    assert.match(text(updated), /Reclaimed.*Saving/);
    const undo = button(updated, 'Undo');
    assert.deepEqual(undo.data, { requestId: reclaimed.id, version: reclaimed.version });
    // Undo by a reader who is neither approver nor admin is refused; by the approver it restores the license.
    assert.match(
      text((await h.invoke(undo.verb, undo.data, 'personal', { from: teamsUser('alex') })).card),
      /Nothing was done/,
    );
    const undone = await h.invoke(undo.verb, undo.data, 'personal', { from: MEGAN });
    assert.match(text(undone.card), /Undone/);
    assert.equal(assignCalls().length, 2);
    assert.ok(
      h.app
        .simulator!.control.userTruth(request!.userId)
        .licenses.some((l) => l.skuId === request!.skuId && l.assignment === 'direct'),
    );
    const steps = (
      await h.app.store.getRepository(AuditEvent).find({ where: { requestId: request!.id }, order: { id: 'ASC' } })
    ).map((e) => `${e.action}:${e.outcome}`);
    assert.deepEqual(
      steps.filter((s) => s.endsWith(':ok')),
      ['request:ok', 'approve:ok', 'execute:ok', 'execute:ok', 'undo:ok'],
    );
  });

  it('posts to the approvals channel with an @mention when the approver has no chat; dry run makes no Graph write', async () => {
    await h.send('policy set approvals.channel here', 'channel');
    await h.send('policy set reclamation.dryRun true');
    const preview = await h.card(`reclaim ${await upn('pradeep')}`);
    assert.match(text(preview), /Dry run is on/);
    assert.match(text(preview), /Nestor Wilke/);
    const done = await h.invoke(button(preview, 'Confirm').verb, button(preview, 'Confirm').data);
    assert.match(text(done.card), /posted in the approvals channel, mentioning Nestor Wilke/);
    const posted = h.connector.messagesTo('19:licensing@thread.tacv2').at(-1)!;
    assert.match(posted.text ?? '', /<at>Nestor Wilke<\/at>/);
    assert.deepEqual(posted.entities, [
      { type: 'mention', text: '<at>Nestor Wilke</at>', mentioned: { id: NESTOR.aadObjectId, name: 'Nestor Wilke' } },
    ]);
    const card = posted.attachments![0]!.content;
    assert.deepEqual(cardProblems(card), []);
    assert.match(text(card), /DRY RUN/);
    assert.equal(
      executeActions(card).filter((a) => a.title === 'Approve').length,
      0,
      'no buttons for the channel at large',
    );
    const request = (await requests()).find((r) => r.userId === person('pradeep').id)!;
    const refreshed = await h.invoke(
      'approval.refresh',
      { requestId: request.id, version: request.version },
      'channel',
      { from: NESTOR },
    );
    const approve = button(refreshed.card, 'Approve');
    h.app.simulator!.control.clearCalls();
    await h.invoke(approve.verb, approve.data, 'channel', { from: NESTOR });
    await h.app.bot.services.background.idle();
    assert.equal(assignCalls().length, 0, 'dry run: no Graph write');
    assert.equal((await requests()).find((r) => r.id === request.id)?.state, 'reclaimed');
    const update = h.connector.updates.filter((u) => u.conversationId === '19:licensing@thread.tacv2').at(-1);
    assert.match(text(update?.activity.attachments?.[0]?.content), /DRY RUN.*Reclaimed|Reclaimed.*DRY RUN/);
    await h.send('policy set reclamation.dryRun false');
  });

  it('Graph 5xx during execution → failed card with Retry; Retry by the approver removes the license once', async () => {
    const preview = await h.card(`reclaim ${await upn('lynne')} POWER_BI_PRO`);
    await h.invoke(button(preview, 'Confirm').verb, button(preview, 'Confirm').data);
    const request = (await requests()).find((r) => r.userId === person('lynne').id && r.state === 'requested')!;
    h.app.simulator!.control.setFaults({ serverErrorRate: 1 });
    await h.invoke('approval.approve', { requestId: request.id, version: request.version }, 'personal', {
      from: MEGAN,
    });
    await h.app.bot.services.background.idle();
    h.app.simulator!.control.setFaults({ serverErrorRate: 0 });
    const failed = h.connector.updates.filter((u) => u.activityId === request.cards[MEGAN_CHAT]).at(-1)?.activity
      .attachments?.[0]?.content;
    assert.match(text(failed), /Failed/);
    const retry = button(failed, 'Retry');
    h.app.simulator!.control.clearCalls();
    await h.invoke(retry.verb, retry.data, 'personal', { from: MEGAN });
    await h.invoke(retry.verb, retry.data, 'personal', { from: MEGAN });
    await h.app.bot.services.background.idle();
    assert.equal(assignCalls().length, 1);
    assert.equal((await requests()).find((r) => r.id === request.id)?.state, 'reclaimed');
  });

  it('expires a pending request and updates its card', async () => {
    const preview = await h.card(`reclaim ${await upn('isaiah')} SPE_E3`);
    await h.invoke(button(preview, 'Confirm').verb, button(preview, 'Confirm').data);
    const request = (await requests()).find((r) => r.userId === person('isaiah').id)!;
    await h.app.store
      .getRepository(ReclamationRequest)
      .update({ id: request.id }, { expiresAt: '2000-01-01T00:00:00.000Z' });
    assert.equal(await h.app.bot.services.reclamation.expire(), 1);
    const update = h.connector.updates.filter((u) => u.activityId === request.cards[MEGAN_CHAT]).at(-1)?.activity
      .attachments?.[0]?.content;
    assert.match(text(update), /Expired without a decision/);
    assert.equal(executeActions(update).length, 0, 'no buttons and no refresh on a closed request');
    assert.deepEqual(cardProblems(update), []);
  });

  it('requests automatically by policy only when an admin turned it on, once per license', async () => {
    const workflow = h.app.bot.services.reclamation;
    assert.equal(await workflow.autoRequest(), 0, 'off by default');
    await h.send('policy set reclamation.autoRequestDays 120');
    const created = await workflow.autoRequest();
    assert.ok(created > 0);
    const automatic = (await requests()).filter((r) => r.requestedBy === 'policy');
    assert.equal(automatic.length, created);
    for (const r of automatic) {
      assert.equal(r.reason, 'inactive');
      assert.ok(Number(r.evidence['daysSinceLastUse']) >= 120, JSON.stringify(r.evidence));
    }
    assert.equal(await workflow.autoRequest(), 0, 'a second run finds every license already requested');
    await h.send('policy set reclamation.autoRequestDays off');
  });

  it('lets the approver decide several requests on the approvals card, only the ticked ones, only their own', async () => {
    await h.send('help', 'personal', { from: NESTOR });
    const lee = await upn('lee');
    const pradeep = await upn('pradeep');
    const preview = await h.invoke('reclaim.preview', { upns: [lee, pradeep] });
    const confirm = executeActions(preview.card).find((a) => a.title === 'Confirm')!;
    const confirmed = await h.invoke(confirm.verb, confirm.data);
    assert.match(text(confirmed.card), /Requested 2 reclamation/);
    const mine = (await requests()).filter((r) => r.approverId === NESTOR.aadObjectId && r.state === 'requested');
    const ours = mine.filter((r) => [lee, pradeep].includes(r.userPrincipalName));
    assert.equal(ours.length, 2);
    const card = await h.card('approvals', 'personal', { from: NESTOR });
    assert.deepEqual(cardProblems(card), []);
    const approve = button(card, 'Approve selected');
    const items = (approve.data as { items: { requestId: string }[] }).items;
    // Every request awaiting Nestor is on his card (earlier tests left some), each with a toggle.
    assert.deepEqual(items.map((i) => i.requestId).sort(), mine.map((r) => r.id).sort());
    const picks = Object.fromEntries(items.map((_, i) => [`pick_${i}`, 'false']));
    // Someone else pressing the same button (a forwarded card) decides nothing.
    h.app.simulator!.control.clearCalls();
    const forged = await h.invoke(
      approve.verb,
      { ...(approve.data as object), ...picks, pick_0: 'true', pick_1: 'true' },
      'personal',
      { from: MEGAN },
    );
    assert.match(text(forged.card), /Approved 0 request\(s\); 2 refused/);
    // Nestor ticks only the first.
    const done = await h.invoke(approve.verb, { ...(approve.data as object), ...picks, pick_0: 'true' }, 'personal', {
      from: NESTOR,
    });
    assert.match(text(done.card), /Approved 1 request\(s\)/);
    await h.app.bot.services.background.idle();
    assert.equal(assignCalls().length, 1);
    const after = await requests();
    const first = after.find((r) => r.id === items[0]!.requestId)!;
    const second = after.find((r) => r.id === items[1]!.requestId)!;
    assert.equal(first.state, 'reclaimed');
    assert.equal(second.state, 'requested');
  });

  it('offers "Request reclamation" per row and per page on list cards to admins only; approvals lists requests', async () => {
    const list = await h.card('inactive');
    const rows = executeActions(list).filter((a) => a.title === 'Request reclamation');
    assert.ok(rows.length > 0);
    assert.ok(executeActions(list).some((a) => a.title === 'Request reclamation (page)'));
    assert.deepEqual(cardProblems(list), []);
    const preview = await h.invoke(rows[0]!.verb, rows[0]!.data);
    assert.match(text(preview.card), /Reclaim licenses: preview/);
    assert.equal(
      executeActions(await h.card('inactive', 'personal', { from: MEGAN })).some((a) =>
        a.title.startsWith('Request reclamation'),
      ),
      false,
    );
    assert.match(
      text((await h.invoke(rows[0]!.verb, rows[0]!.data, 'personal', { from: MEGAN })).card),
      /Only License Steward admins/,
    );
    const approvals = await h.card('approvals');
    assert.deepEqual(cardProblems(approvals), []);
    assert.match(text(approvals), /Recent.*Undone/);
  });

  it('runs at start-up an approved request that a stop left unexecuted, once', async () => {
    const { store } = h.app;
    const reclamation = h.app.bot.services.reclamation;
    const inactive = await listFindings(
      store,
      { kind: 'inactive', pageSize: 100 },
      await new PolicyStore(store).get(),
      new Date(),
    );
    let created: ReclamationRequest | undefined;
    for (const f of inactive.items) {
      const { plans } = await reclamation.plan({ upns: [f.userPrincipalName] }, ADMIN.aadObjectId!);
      const plan = plans[0]!;
      if (!plan.items.length) continue;
      [created] = await createRequests(store, { ...plan, items: plan.items.slice(0, 1) }, ADMIN.aadObjectId!, {
        dryRun: false,
        expiryDays: 7,
        now: new Date(),
      });
      break;
    }
    assert.ok(created, 'an inactive user with a license to request');
    assert.ok((await reclamation.approve(created.id, created.approverId, created.version)).ok);
    h.app.simulator!.control.clearCalls();
    assert.ok((await reclamation.reconcile()) >= 1);
    assert.equal((await reclamation.request(created.id))?.state, 'reclaimed');
    assert.equal(assignCalls().length, 1);
    await reclamation.reconcile();
    assert.equal(assignCalls().length, 1, 'a second start finds nothing to run');
  });
});
