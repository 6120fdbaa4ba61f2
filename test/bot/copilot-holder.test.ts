import assert from 'node:assert/strict';
import { holderPlan } from '../../src/reclamation/holder';
import { DEFAULT_RECLAMATION_SETTINGS } from '../../src/reclamation/settings';
import {
  AuditEvent,
  COPILOT_APP_LABELS,
  type CopilotApp,
  createRepositories,
  ReclamationRequest,
  Sku,
  TenantUser,
} from '../../src/store';
import { ADMIN, READER, type TeamsUser } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { executeActions, startHarness, text, type Card, type Harness } from './harness';
import { chatOf, FAST_ASKS, holderKit, person, teamsUser } from './holder-kit';

const COPILOT = '639dec6b-bb19-468b-871c-c5c441c4b0cb';
const NESTOR = teamsUser('nestor');
const ALEX = teamsUser('alex');
const MEGAN = READER;
const PATTI = teamsUser('patti');

/**
 * An idle Copilot seat goes through the holder's step like any license (HTTP + simulator + SQLite):
 * the holder is asked first, with their last Copilot use per app; their Release runs the removal
 * after the Copilot usage report is read again from Graph, and removes the Copilot license only.
 */
describe('an idle Copilot seat: its holder is asked first, then the re-check against the Copilot report', function () {
  this.timeout(120_000);
  let h: Harness;
  const { repo, idle, upn, assignCalls, lastUpdate, click } = holderKit(() => h);
  const sim = () => h.app.simulator!.control;
  const lastCard = (u: TeamsUser): Card | undefined =>
    h.connector
      .messagesTo(chatOf(u))
      .filter((m) => m.attachments?.length)
      .at(-1)?.attachments?.[0]?.content;
  const copilotCards = (u: TeamsUser, name: string) =>
    h.connector.messagesTo(chatOf(u)).filter((m) => text(m.attachments?.[0]?.content).includes(name));
  const skusOf = (id: string) =>
    sim()
      .userTruth(id)
      .licenses.map((l) => l.skuId)
      .sort();
  const reportReads = () =>
    sim()
      .calls()
      .filter((c) => c.path.includes('getMicrosoft365CopilotUsageUserDetail'));

  /** Request reclamation on the holder's row of the `copilot` card (its data: the UPN, copilot), then Confirm on a card of its own. */
  async function requestSeat(
    key: string,
    cardId: string,
  ): Promise<{ preview: Card | undefined; answer: Card | undefined; request: ReclamationRequest }> {
    const preview = (await h.invoke('reclaim.preview', { upns: [await upn(key)], copilot: true })).card;
    const confirm = executeActions(preview).find((a) => a.title === 'Confirm');
    assert.ok(confirm, text(preview));
    const { card: answer } = await h.invoke(confirm.verb, confirm.data, 'personal', { replyToId: cardId } as never);
    await idle();
    return { preview, answer, request: await repo().findOneByOrFail({ userId: person(key).id, skuId: COPILOT }) };
  }

  before(async () => {
    h = await startHarness({ sync: true, app: { askSender: FAST_ASKS } });
    // The bot has a chat with each of them: the holders' cards and the approvers' reach them there.
    for (const who of [ADMIN, NESTOR, ALEX, MEGAN, PATTI]) await h.send('help', 'personal', { from: who });
  });
  after(async () => h?.stop());

  it('a blocked account holding an idle seat is not asked (it could not sign in to answer): its approver decides at once', async () => {
    const users = h.app.store.getRepository(TenantUser);
    await users.update({ id: ALEX.aadObjectId! }, { accountEnabled: false });
    try {
      const preview = text((await h.invoke('reclaim.preview', { upns: [await upn('alex')], copilot: true })).card);
      assert.doesNotMatch(preview, /Asked first/);
      assert.match(preview, /Approver: \S/);
    } finally {
      await users.update({ id: ALEX.aadObjectId! }, { accountEnabled: true });
    }
    const item = { userId: ALEX.aadObjectId!, skuId: COPILOT, reason: 'copilot-idle' };
    const requests = createRepositories(h.app.store).requests;
    assert.deepEqual(
      await holderPlan(
        requests,
        DEFAULT_RECLAMATION_SETTINGS,
        { ...item, evidence: { accountEnabled: false } },
        new Date(),
      ),
      { ask: false, answer: null },
    );
    assert.deepEqual(
      await holderPlan(
        requests,
        DEFAULT_RECLAMATION_SETTINGS,
        { ...item, evidence: { accountEnabled: true } },
        new Date(),
      ),
      { ask: true },
    );
  });

  it('Nestor is asked first with his last Copilot use per app; his Release re-reads the Copilot report and removes only the Copilot license, once', async () => {
    const skuName = (await h.app.store.getRepository(Sku).findOneByOrFail({ skuId: COPILOT })).friendlyName;
    const { preview, answer, request } = await requestSeat('nestor', 'confirm-nestor-copilot');
    assert.match(
      text(preview),
      /Asked first: Nestor Wilke \(keep or release\), then approver Patti Fernandez \(manager in Entra\)/,
    );
    assert.match(text(answer), /Asking the license holder first/);
    assert.equal(request.reason, 'copilot-idle');
    assert.equal(request.state, 'asking');
    assert.ok(request.askedAt && request.askUntil, 'the card reached him and his deadline runs');
    assert.equal(copilotCards(PATTI, skuName).length, 0, 'the manager is not asked yet');

    // His card: the Copilot license, its cost, the last Copilot use, and each app's last use as Graph's report has it.
    const card = lastCard(NESTOR);
    assert.deepEqual(cardProblems(card), []);
    const shown = text(card);
    assert.ok(shown.includes(`Do you still need ${skuName}?`), shown);
    assert.match(shown, /Cost \| 30\.00 USD a month/);
    const truth = sim().userTruth(NESTOR.aadObjectId!).copilot!;
    assert.ok(shown.includes(`Last use | ${truth.lastUse!.slice(0, 10)} (Copilot)`), shown);
    const used = (Object.entries(truth.apps) as [CopilotApp, string | null][])
      .filter(([, at]) => at)
      .sort((a, b) => b[1]!.localeCompare(a[1]!));
    assert.ok(used.length > 0);
    const perApp = used.map(([app, at]) => `${COPILOT_APP_LABELS[app]} | ${at!.slice(0, 10)}`).join(' | ');
    assert.ok(
      shown.includes(`Last use per app | Bolder | Small | FactSet | None | ${perApp} |`),
      `${perApp} in ${shown}`,
    );
    assert.equal(assignCalls().length, 0);

    const before = skusOf(NESTOR.aadObjectId!);
    sim().clearCalls();
    const release = executeActions(card).find((a) => a.verb === 'holder.release')!;
    assert.match(text((await click(release.verb, release.data, NESTOR)).card), /You released it|Released/);
    await idle();
    assert.ok(reportReads().length > 0, 'the Copilot report was read again from Graph before the removal');
    assert.equal(assignCalls().length, 1, 'exactly one assignLicense');
    assert.ok(assignCalls()[0]!.path.endsWith(`/users/${NESTOR.aadObjectId}/assignLicense`));
    assert.deepEqual(
      skusOf(NESTOR.aadObjectId!),
      before.filter((s) => s !== COPILOT),
      'only the Copilot license removed',
    );
    const done = await repo().findOneByOrFail({ id: request.id });
    assert.equal(done.state, 'reclaimed');
    assert.equal(done.holderAnswer, 'released');
    const steps = (
      await h.app.store
        .getRepository(AuditEvent)
        .find({ where: { requestId: request.id, outcome: 'ok' }, order: { id: 'ASC' } })
    ).map((e) => e.action);
    assert.deepEqual(steps, ['request', 'holder.ask', 'holder.release', 'execute', 'execute']);
    assert.equal(
      copilotCards(PATTI, skuName).length,
      0,
      'the release needs no approver (reclamation.managerAfterRelease is off)',
    );
    assert.match(text(lastUpdate('confirm-nestor-copilot')), /released it: reclaimed/, "the admin's card follows");
  });

  it('Alex, who never used his seat, uses Copilot after he was asked: his Release is skipped by the re-check, nothing is written to Graph', async () => {
    const { request } = await requestSeat('alex', 'confirm-alex-copilot');
    assert.equal(request.state, 'asking');
    const card = lastCard(ALEX);
    assert.match(text(card), /Last use \| no Copilot use since the assignment on \d{4}-\d\d-\d\d/);
    assert.match(text(card), /Every Copilot app \| no use recorded/);
    // He opens Copilot in Word after the card reached him; the store has not synced since.
    sim().useCopilot(ALEX.aadObjectId!, { apps: ['word'] });
    sim().clearCalls();
    const release = executeActions(card).find((a) => a.verb === 'holder.release')!;
    await click(release.verb, release.data, ALEX);
    await idle();
    const done = await repo().findOneByOrFail({ id: request.id });
    assert.equal(done.state, 'skipped');
    assert.match(
      done.outcome ?? '',
      /used Microsoft 365 Copilot on \d{4}-\d\d-\d\d \(Word\), after the request was made/,
    );
    assert.ok(reportReads().length > 0, 'the report was read again');
    assert.equal(assignCalls().length, 0);
    assert.ok(
      sim()
        .userTruth(ALEX.aadObjectId!)
        .licenses.some((l) => l.skuId === COPILOT),
      'Alex keeps his seat',
    );
  });
});
