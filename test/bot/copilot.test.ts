import assert from 'node:assert/strict';
import { graphConfigFor } from '../../src/config';
import { assignLicense, GraphClient } from '../../src/graph';
import { createLogger } from '../../src/logging/logger';
import { NAMED_PEOPLE } from '../../src/simulator';
import { AuditEvent, CopilotWaitlistEntry, ReclamationRequest, Sku, TenantUser } from '../../src/store';
import { INTEGRATION_TASKS } from '../../src/tasks/registry';
import { runTask } from '../../src/tasks/runner';
import { ReclamationSchedule } from '../../src/reclamation/schedule';
import { ADMIN, READER, type TeamsUser } from '../helpers/activities';
import { cardProblems } from '../helpers/card-validator';
import { executeActions, startHarness, text, waitFor, type Card, type Harness } from './harness';

const COPILOT = '639dec6b-bb19-468b-871c-c5c441c4b0cb';
const person = (key: string) => NAMED_PEOPLE.find((p) => p.key === key)!;
const teamsUser = (key: string): TeamsUser => ({
  id: `29:${key}`,
  name: `${person(key).givenName} ${person(key).surname}`,
  aadObjectId: person(key).id,
});
const MEGAN = READER;
const PATTI = teamsUser('patti');
const chatOf = (u: TeamsUser) => `a:personal-${u.aadObjectId}`;

/**
 * The `copilot` card, the summary's and digest's Copilot line, the waitlist and the reclamation of an
 * idle seat, through the real bot endpoint, the simulator over HTTPS and a real SQLite store: what the
 * cards show is compared with the simulator's ground truth, and every Graph write is counted.
 */
describe('Copilot in Teams: the card, the waitlist, reclaiming idle seats (HTTP + simulator + SQLite)', function () {
  this.timeout(120_000);
  let h: Harness;
  const sim = () => h.app.simulator!.control;
  const assignCalls = () =>
    sim()
      .calls()
      .filter((c) => c.method === 'POST' && c.path.endsWith('/assignLicense'));
  /** Whose licenses each assignLicense changed (the call log keeps paths, not bodies: the tenant's truth says what changed). */
  const assigned = () => assignCalls().map((c) => /\/users\/([^/]+)\/assignLicense$/.exec(c.path)?.[1]);
  const skusOf = (id: string) =>
    sim()
      .userTruth(id)
      .licenses.map((l) => l.skuId)
      .sort();
  const upn = async (key: string) =>
    (await h.app.store.getRepository(TenantUser).findOneByOrFail({ id: person(key).id })).userPrincipalName;
  const copilotSeat = () =>
    sim()
      .summary()
      .licenses.find((l) => l.skuId === COPILOT)!;
  /** The SKU's name as the product names table gives it (cards show that, not the part number). */
  const skuName = async () => (await h.app.store.getRepository(Sku).findOneByOrFail({ skuId: COPILOT })).friendlyName;
  const lastCardTo = (u: TeamsUser) =>
    h.connector.messagesTo(chatOf(u)).at(-1)?.attachments?.[0]?.content as Card | undefined;
  const button = (card: Card | undefined, title: string | RegExp) => {
    const found = executeActions(card).find((a) =>
      typeof title === 'string' ? a.title === title : title.test(a.title),
    );
    assert.ok(found, `a ${String(title)} button in ${text(card).slice(0, 300)}`);
    return found;
  };
  const click = async (card: Card | undefined, title: string | RegExp, from: TeamsUser = ADMIN) => {
    const b = button(card, title);
    const answer = await h.invoke(b.verb, b.data, 'personal', { from });
    assert.equal(answer.status, 200);
    return answer.card;
  };

  before(async () => {
    h = await startHarness({ sync: true });
    // The approver's side of an idle seat's reclamation: its holder's step is test/bot/copilot-holder.test.ts's.
    await h.send('policy set reclamation.askHolder off');
    // Chats with the people the bot will write to first.
    for (const u of [ADMIN, MEGAN, PATTI]) await h.send('help', 'personal', { from: u });
  });
  after(async () => h?.stop());

  it('copilot: seats bought and assigned as Graph says, active in 7 and 30 days, adoption by app, idle seats most idle first with their cost', async () => {
    const card = await h.card('copilot');
    assert.deepEqual(cardProblems(card), []);
    const shown = text(card);
    const seats = copilotSeat();
    assert.match(
      shown,
      new RegExp(`${seats.enabled} purchased · ${seats.consumed} assigned · ${seats.enabled - seats.consumed} free`),
    );
    assert.match(shown, /Active \| \d+ in 7 days \(\d+%\) · \d+ in 30 days \(\d+%\)/);
    for (const app of ['Teams', 'Word', 'Excel', 'PowerPoint', 'Outlook', 'OneNote', 'Loop', 'Copilot Chat'])
      assert.match(shown, new RegExp(`${app} \\| \\d+ active in 30 days`));
    assert.match(shown, /Money at stake \| [\d,]+\.\d\d USD a month \(30\.00 USD a seat\)/);
    // Rows most idle first, across pages; each with its own Request reclamation, and one for the page.
    const pages: Card[] = [card];
    while (executeActions(pages.at(-1)).some((a) => a.title === 'Next'))
      pages.push((await click(pages.at(-1), 'Next'))!);
    const days = pages.flatMap((p) => [...text(p).matchAll(/(\d+) days? idle/g)].map((m) => Number(m[1])));
    const truthIdle = sim()
      .usersInCategory('copilot')
      .filter((id) => {
        const c = sim().userTruth(id).categories;
        return c.includes('copilot-never') || c.includes('copilot-idle-30');
      });
    assert.ok(
      days.length > 2 && days.length <= truthIdle.length,
      `${days.length} idle rows, truth ${truthIdle.length}`,
    );
    assert.deepEqual(
      days,
      [...days].sort((a, b) => b - a),
      'most idle first',
    );
    const rows = executeActions(card).filter((a) => a.title === 'Request reclamation');
    assert.equal(rows.length, Math.min(10, days.length));
    for (const r of rows) assert.equal((r.data as { copilot: boolean }).copilot, true);
    const page = button(card, 'Request reclamation (page)').data as { upns: string[]; copilot: true };
    assert.deepEqual(
      page.upns,
      rows.map((r) => (r.data as { upns: string[] }).upns[0]),
    );
    // Alex never used his seat (64 days), Nestor stopped 47 days ago: both on the list with their evidence.
    const all = pages.map(text).join(' ');
    assert.match(all, /Alex Wilber.*?\d+ days idle · No Copilot use since the assignment on/);
    assert.match(
      all,
      /Nestor Wilke.*?4\d days idle · Last Copilot use \d{4}-\d\d-\d\d · (Teams|Copilot Chat) \d{4}-\d\d-\d\d, (Teams|Copilot Chat)/,
    );
    assert.doesNotMatch(all, /Johanna Lorenz/, 'an active holder is not idle');
  });

  it('a reader sees the numbers and can ask for a seat, but gets no Request reclamation; the waitlist is for admins (refused, audited)', async () => {
    const card = await h.card('copilot', 'personal', { from: MEGAN });
    assert.deepEqual(cardProblems(card), []);
    assert.deepEqual(
      executeActions(card).filter((a) => /Request reclamation|Waitlist|Assign/.test(a.title)),
      [],
    );
    assert.ok(button(card, 'Request a Copilot seat'));
    assert.match(
      text(await h.card('copilot waitlist', 'personal', { from: MEGAN })),
      /Only License Steward admins|not a License Steward admin/,
    );
    assert.equal(
      await h.app.store.getRepository(AuditEvent).countBy({ actor: MEGAN.aadObjectId, outcome: 'refused' }),
      1,
    );
    const reclaim = await h.invoke('reclaim.preview', { upns: [await upn('alex')], copilot: true }, 'personal', {
      from: MEGAN,
    });
    assert.match(text(reclaim.card), /Only License Steward admins|not a License Steward admin/);
    assert.match(text(await h.card('copilot frobnicate', 'personal', { from: MEGAN })), /not something `copilot` does/);
  });

  it('summary and digest carry a Copilot line: idle seats, their monthly cost, holders active in 30 days', async () => {
    const line = /Microsoft 365 Copilot \| \d+ of \d+ seats idle · [\d,]+\.\d\d USD a month · \d+ active in 30 days/;
    assert.match(text(await h.card('summary')), line);
    await h.send('digest now', 'channel');
    const digest = h.connector.sent
      .map((s) => s.activity.attachments?.[0]?.content as Card | undefined)
      .filter((c) => /Weekly license digest/.test(text(c)))
      .at(-1);
    assert.match(text(digest), line);
  });

  it('seats bought and not assigned: asking proposes the seat to an admin at once, and the hourly housekeeping proposes it too', async () => {
    const lynne = teamsUser('lynne');
    await h.send('help', 'personal', { from: lynne });
    assert.ok(copilotSeat().available > 0);
    sim().clearCalls();
    assert.match(
      text(await h.card('copilot request', 'personal', { from: lynne })),
      /You are on the Copilot waitlist.*number 1 in line/,
    );
    await waitFor('a proposal to Adele', () => /Assign a Copilot seat: preview/.test(text(lastCardTo(ADMIN))));
    const proposal = lastCardTo(ADMIN);
    assert.match(text(proposal), /Lynne Robbins/);
    assert.equal(assignCalls().length, 0, 'nobody gets a seat without an admin');
    assert.match(text(await click(proposal, 'Confirm')), /Copilot seat assigned/);
    assert.deepEqual(assigned(), [person('lynne').id]);
    await waitFor('Lynne told', () => /You have Microsoft 365 Copilot/.test(text(lastCardTo(lynne))));

    // Someone put in line without a proposal (asked while no admin could be reached): the housekeeping's start proposes.
    const lee = person('lee').id;
    assert.ok((await h.app.bot.services.copilot.request(lee, null)).ok);
    const before = h.connector.messagesTo(chatOf(ADMIN)).length;
    const housekeeping = new ReclamationSchedule(
      h.app.bot.services.reclamation,
      createLogger({ level: 'silent', secrets: [] }),
      () => h.app.bot.services.copilotProposals.run(),
    );
    await housekeeping.start();
    housekeeping.stop();
    const posted = h.connector
      .messagesTo(chatOf(ADMIN))
      .slice(before)
      .map((m) => text(m.attachments?.[0]?.content as Card));
    assert.equal(posted.length, 1);
    assert.match(posted[0]!, /Assign a Copilot seat: preview.*Lee Gu/);
    assert.ok(await h.app.bot.services.copilot.cancel(lee));
  });

  it('a seat freed by reclaiming an idle one goes to the first on the waitlist: proposal to the admin, Confirm, one assignLicense, requester told; Undo', async () => {
    // No seat free (an admin filled them in the portal), so asking only puts Megan in line.
    const graph = new GraphClient({ config: graphConfigFor(h.app.simulator!) });
    try {
      const fillers = sim()
        .usersInCategory('member')
        .filter(
          (id) =>
            !sim().userTruth(id).categories.includes('copilot') &&
            sim().userTruth(id).usageLocation &&
            id !== MEGAN.aadObjectId,
        );
      while (copilotSeat().available > 0)
        await assignLicense(graph, fillers.shift()!, {
          addLicenses: [{ skuId: COPILOT, disabledPlans: [] }],
          removeLicenses: [],
        });
      await runTask(INTEGRATION_TASKS.licenses, {
        graph,
        dataSource: h.app.store,
        log: createLogger({ level: 'silent', secrets: [] }),
        trigger: 'manual',
      });
    } finally {
      await graph.close();
    }
    const toAdele = h.connector.messagesTo(chatOf(ADMIN)).length;
    const asked = await h.card('copilot request I build the monthly forecasts in Excel', 'personal', { from: MEGAN });
    assert.match(text(asked), /You are on the Copilot waitlist.*number 1 in line/);
    assert.match(text(asked), /I build the monthly forecasts in Excel/);
    // Megan sees her own place, not the others' names; asking again keeps it.
    const mine = await h.card('copilot', 'personal', { from: MEGAN });
    assert.match(text(mine), /You are number 1 of 1 on the waitlist\./);
    assert.equal(
      executeActions(mine).some((a) => a.title === 'Request a Copilot seat'),
      false,
    );
    assert.match(
      text(await h.card('copilot request again', 'personal', { from: MEGAN })),
      /You were already on the Copilot waitlist.*number 1 in line/,
    );
    await h.app.bot.services.background.idle();
    assert.equal(h.connector.messagesTo(chatOf(ADMIN)).length, toAdele, 'no seat free: nothing proposed');
    const line = await h.card('copilot waitlist');
    assert.match(text(line), /Megan Bowen.*I build the monthly forecasts in Excel/);
    assert.equal(
      executeActions(line).some((a) => a.title === 'Assign a seat'),
      false,
    );

    // Adele reclaims Alex's idle seat from the list; his manager Megan approves.
    const list = await h.card('copilot');
    const alex = executeActions(list).find(
      (a) =>
        a.title === 'Request reclamation' &&
        (a.data as { upns: string[] }).upns[0] === person('alex').upnLocal + '@contoso.onmicrosoft.com',
    );
    assert.ok(alex, "a Request reclamation button on Alex's row");
    const preview = (await h.invoke(alex.verb, alex.data)).card;
    assert.deepEqual(cardProblems(preview), []);
    assert.match(text(preview), /Reclaim idle Copilot seats: preview/);
    assert.ok(text(preview).includes(`**Alex Wilber** · ${await skuName()} |`), text(preview));
    assert.match(text(preview), /Approver: Megan Bowen \(manager in Entra\)/);
    sim().clearCalls();
    const alexBefore = skusOf(person('alex').id);
    const meganBefore = skusOf(MEGAN.aadObjectId!);
    assert.match(text(await click(preview, 'Confirm')), /Requested 1 Copilot seat reclamation/);
    const [request] = await h.app.store.getRepository(ReclamationRequest).findBy({ userId: person('alex').id });
    assert.equal(request?.reason, 'copilot-idle');
    assert.equal(request?.skuId, COPILOT);
    const approval = lastCardTo(MEGAN);
    assert.match(text(approval), /Waiting for approval.*Alex Wilber/);
    assert.ok(text(approval).includes(`License | ${await skuName()} |`));
    assert.match(text(approval), /Reason \| Microsoft 365 Copilot seat idle/);
    assert.match(
      text(approval),
      /Evidence \| \d+ days without Copilot · no Copilot use since the assignment on \d{4}-\d\d-\d\d · confidence high/,
    );
    await click(approval, 'Approve', MEGAN);
    await waitFor(
      'the reclamation',
      async () =>
        (await h.app.store.getRepository(ReclamationRequest).findOneByOrFail({ id: request!.id })).state ===
        'reclaimed',
    );
    assert.deepEqual(assigned(), [person('alex').id]);
    assert.deepEqual(
      skusOf(person('alex').id),
      alexBefore.filter((s) => s !== COPILOT),
      'only the Copilot license removed',
    );
    assert.equal(copilotSeat().available, 1);

    // The freed seat is proposed to Adele, who asked for the reclamation.
    await waitFor('a proposal to the admin', () => /Assign a Copilot seat: preview/.test(text(lastCardTo(ADMIN))));
    const proposal = lastCardTo(ADMIN);
    assert.deepEqual(cardProblems(proposal), []);
    assert.match(text(proposal), /Megan Bowen.*Place in line \| 1/);
    assert.equal(assignCalls().length, 1, 'nothing assigned before Confirm');
    const confirm = button(proposal, 'Confirm');
    const done = (await h.invoke(confirm.verb, confirm.data)).card;
    assert.match(text(done), /Copilot seat assigned.*now holds a Microsoft 365 Copilot license/);
    assert.deepEqual(assigned(), [person('alex').id, MEGAN.aadObjectId]);
    assert.deepEqual(
      skusOf(MEGAN.aadObjectId!),
      [...meganBefore, COPILOT].sort(),
      'the Copilot license added, nothing else',
    );
    await waitFor('the requester told', () => /You have Microsoft 365 Copilot/.test(text(lastCardTo(MEGAN))));
    assert.match(text(await h.card('copilot waitlist')), /Nobody is waiting/);
    // A double click, or a second admin on an older copy: nothing assigned twice, the refusal audited.
    assert.match(text((await h.invoke(confirm.verb, confirm.data)).card), /Nothing was done/);
    assert.equal(assignCalls().length, 2);
    assert.equal(
      await h.app.store.getRepository(AuditEvent).countBy({ action: 'copilot.assign', outcome: 'refused' }),
      1,
    );

    // Undo: one assignLicense removing it again, Megan back at her place in line.
    const undone = await click(done, 'Undo');
    assert.match(text(undone), /Copilot assignment undone/);
    assert.deepEqual(assigned(), [person('alex').id, MEGAN.aadObjectId, MEGAN.aadObjectId]);
    assert.deepEqual(skusOf(MEGAN.aadObjectId!), meganBefore);
    assert.equal(
      (
        await h.app.store
          .getRepository(CopilotWaitlistEntry)
          .findOneByOrFail({ userId: MEGAN.aadObjectId!, state: 'waiting' })
      ).reason,
      'I build the monthly forecasts in Excel',
    );
    // What the undo tells in the background (Megan, back in line) is sent before the history is asked,
    // not counted as a second reply to it.
    await h.app.bot.services.background.idle();
    const history = await h.card(`history ${await upn('megan')}`);
    const steps = [...text(history).matchAll(/\*\*(Copilot [a-z ]+)\*\* \| TextBlock \| by ([A-Za-z]+ [A-Za-z]+)/g)]
      .map((m) => `${m[1]} by ${m[2]}`)
      .reverse();
    assert.deepEqual(steps, [
      'Copilot request by Megan Bowen',
      'Copilot assign by Adele Vance',
      'Copilot assigned by Adele Vance',
      'Copilot assign by Adele Vance',
      'Copilot undo by Adele Vance',
      'Copilot requeue by Adele Vance',
    ]);
  });

  it('the re-check before removal reads the Copilot report again: a use since the request skips the removal, no Graph write', async () => {
    const nestor = await upn('nestor');
    const preview = (await h.invoke('reclaim.preview', { upns: [nestor], copilot: true })).card;
    assert.match(text(preview), /Approver: Patti Fernandez \(manager in Entra\)/);
    await click(preview, 'Confirm');
    const request = await h.app.store
      .getRepository(ReclamationRequest)
      .findOneByOrFail({ userId: person('nestor').id });
    assert.equal(request.evidence['seatState'], 'idle');
    assert.match(
      text(lastCardTo(PATTI)),
      /Evidence \| 4\d days without Copilot · last Copilot use \d{4}-\d\d-\d\d \((Teams|Copilot Chat)(, (Teams|Copilot Chat))?\) · confidence high/,
    );
    // Nestor opens Word's Copilot after the request was made; the store has not synced since.
    sim().useCopilot(person('nestor').id, { apps: ['word'] });
    sim().clearCalls();
    await click(lastCardTo(PATTI), 'Approve', PATTI);
    await waitFor(
      'the re-check',
      async () =>
        (await h.app.store.getRepository(ReclamationRequest).findOneByOrFail({ id: request.id })).state === 'skipped',
    );
    const done = await h.app.store.getRepository(ReclamationRequest).findOneByOrFail({ id: request.id });
    assert.match(
      done.outcome ?? '',
      new RegExp(
        `used Microsoft 365 Copilot on ${sim().summary().reportRefreshDate} \\(Word\\), after the request was made`,
      ),
    );
    assert.equal(assignCalls().length, 0);
    assert.ok(
      sim()
        .calls()
        .some((c) => c.path.includes('getMicrosoft365CopilotUsageUserDetail')),
      'the report was read again',
    );
    assert.ok(sim().userTruth(person('nestor').id).categories.includes('copilot'), 'Nestor keeps his seat');
  });
});
