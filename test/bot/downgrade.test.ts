import assert from 'node:assert/strict';
import { overlaps, PolicyStore } from '../../src/insights';
import { ReclamationRequest, refreshHeldSkus, Sku, TenantUser, UsageMask, UserLicense } from '../../src/store';
import { EVERYONE } from '../../src/bot/cards/approval';
import { READER, type TeamsUser } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { executeActions, startHarness, text, type Harness } from './harness';

/** The downgrade list's "Request downgrade" → preview → Confirm → approval → one assignLicense, over HTTP. */
describe('downgrades with approval in Teams (HTTP + simulator + SQLite)', function () {
  this.timeout(60_000);
  let h: Harness;
  const requests = () => h.app.store.getRepository(ReclamationRequest).find({ order: { createdAt: 'ASC' } });
  const assignCalls = () =>
    h.app.simulator!.control.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/assignLicense'));

  before(async () => {
    h = await startHarness({ sync: true });
  });
  after(async () => h.stop());

  it('offers "Request downgrade" on each row to admins only, and names the overlapping licenses', async () => {
    const card = await h.card('downgrades');
    assert.deepEqual(cardProblems(card), []);
    // An active user given E5 next to their E3 (written as a reclaim's undo would, marking the snapshot out of date).
    const store = h.app.store;
    const skus = await store.getRepository(Sku).find();
    const [e3, e5] = ['SPE_E3', 'SPE_E5'].map((part) => skus.find((s) => s.skuPartNumber === part)!);
    const candidates = new Set((await store.getRepository(UsageMask).findBy({ candidate: true })).map((m) => m.userId));
    const holder = (await store.getRepository(TenantUser).findBy({ heldSkuIds: e3!.skuId })).find((u) =>
      candidates.has(u.id),
    )!;
    await store.transaction(async (m) => {
      await m.insert(UserLicense, {
        userId: holder.id,
        skuId: e5!.skuId,
        assignedByGroup: '',
        disabledPlans: [],
        state: 'Active',
        error: null,
        lastUpdatedDateTime: null,
        lastSeenRunId: null,
      });
      await refreshHeldSkus(m, [holder.id]);
    });
    const overlapping = await overlaps(store, { pageSize: 1 }, await new PolicyStore(store).get(), new Date());
    assert.ok(overlapping.total > 0);
    const withOverlap = await h.card('downgrades');
    assert.match(text(withOverlap), new RegExp(`Overlapping licenses: ${overlapping.total} users? holds?`));
    assert.match(text(withOverlap), new RegExp(`${e3!.friendlyName} inside ${e5!.friendlyName}`));
    assert.ok(
      executeActions(card).some((a) => a.title === 'Request downgrade'),
      text(card).slice(0, 300),
    );
    const asReader = await h.card('downgrades', 'personal', { from: READER });
    assert.equal(
      executeActions(asReader).some((a) => a.title === 'Request downgrade'),
      false,
    );
  });

  it('previews the move and its saving, creates the request on Confirm, and carries it out once approved', async () => {
    const list = await h.card('downgrades');
    const request = executeActions(list).find((a) => a.title === 'Request downgrade')!;
    assert.deepEqual(Object.keys(request.data as object), ['upns', 'downgrade']);
    const preview = (await h.invoke(request.verb, request.data)).card;
    assert.deepEqual(cardProblems(preview), []);
    assert.match(text(preview), /Downgrade licenses: preview/);
    assert.match(text(preview), / → .*\d+\.\d\d USD a month/);
    assert.equal((await requests()).length, 0, 'the preview creates nothing');
    const confirm = executeActions(preview).find((a) => a.title === 'Confirm')!;
    assert.match(text((await h.invoke(confirm.verb, confirm.data)).card), /Requested 1 downgrade/);
    const [created] = await requests();
    assert.equal(created?.reason, 'downgrade');
    assert.ok(created?.toSkuId);

    const approvalCard = await h.app.bot.services.approvalCards.card(created, EVERYONE, []);
    assert.deepEqual(cardProblems(approvalCard), []);
    assert.match(text(approvalCard), /License downgrade request.*Waiting for approval/);
    assert.match(text(approvalCard), / → /);

    const approver: TeamsUser = { id: '29:approver', name: 'Approver', aadObjectId: created.approverId };
    h.app.simulator!.control.clearCalls();
    const approved = await h.invoke(
      'approval.approve',
      { requestId: created.id, version: created.version },
      'personal',
      { from: approver },
    );
    assert.match(text(approved.card), /Approved — downgrading/);
    await h.app.bot.services.background.idle();
    assert.equal(assignCalls().length, 1);
    const [done] = await requests();
    assert.equal(done?.state, 'reclaimed', done?.outcome ?? '');
    const licenses = h.app.simulator!.control.userTruth(created.userId).licenses.map((l) => l.skuId.toLowerCase());
    assert.ok(licenses.includes(created.toSkuId!) && !licenses.includes(created.skuId));
    assert.match(text(await h.app.bot.services.approvalCards.card(done!, EVERYONE, [])), /Downgraded/);
  });

  it('skips, with no Graph call, an approved downgrade the user no longer qualifies for', async () => {
    const list = await h.card('downgrades');
    const request = executeActions(list).find((a) => a.title === 'Request downgrade')!;
    const preview = (await h.invoke(request.verb, request.data)).card;
    const confirm = executeActions(preview).find((a) => a.title === 'Confirm')!;
    assert.match(text((await h.invoke(confirm.verb, confirm.data)).card), /Requested 1 downgrade/);
    const created = (await requests()).find((r) => r.state === 'requested')!;
    // Meanwhile an admin stops managing the cheaper license: it is no longer a downgrade target.
    await h.app.store.getRepository(Sku).update(created.toSkuId!, { managed: false });
    h.app.simulator!.control.clearCalls();
    const approver: TeamsUser = { id: '29:approver', name: 'Approver', aadObjectId: created.approverId };
    await h.invoke('approval.approve', { requestId: created.id, version: created.version }, 'personal', {
      from: approver,
    });
    await h.app.bot.services.background.idle();
    const done = (await requests()).find((r) => r.id === created.id)!;
    assert.equal(done.state, 'skipped');
    assert.match(done.outcome ?? '', /no longer a downgrade candidate|suggested downgrade is now/);
    assert.equal(assignCalls().length, 0);
    await h.app.store.getRepository(Sku).update(created.toSkuId!, { managed: true });
  });
});
