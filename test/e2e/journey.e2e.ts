import assert from 'node:assert/strict';
import { sourcedMoney } from '../../src/bot/cards/format';
import { copilotOverview, DEFAULT_POLICY, PolicyStore, summary } from '../../src/insights';
import { openStore } from '../../src/store';
import { PlaygroundChat } from './chat';
import { printWarningsIfFailed, startJourney, type Journey } from './harness';

/**
 * README "Try it": the newcomer's first ten minutes, driven in the real Agents Playground in headless
 * Chromium. What each card shows is compared with what the product computes from the same store.
 */
describe('demo journey in the Agents Playground', function () {
  this.timeout(180_000);
  let journey: Journey;
  let chat: PlaygroundChat;

  before(async () => {
    journey = await startJourney();
    chat = new PlaygroundChat(journey.page);
  });
  afterEach(function () {
    printWarningsIfFailed(this.currentTest, journey);
  });
  after(() => journey?.stop());

  it("as the license admin, summary shows the demo tenant's real findings", async () => {
    await chat.open('Personal Chat');
    await chat.say('summary');
    const card = await chat.card(/License waste summary/);
    const text = await card.innerText();
    const store = await openStore({ type: 'sqlite', path: journey.databasePath });
    try {
      const expected = await summary(store, { ...DEFAULT_POLICY }, new Date());
      assert.match(text, new RegExp(`Inactive 90\\+ days\\s+${expected.counts.inactive.flagged}\\b`));
      assert.match(text, new RegExp(`Never signed in\\s+${expected.counts.never.flagged}\\b`));
      assert.match(text, /Demo mode: this is a simulated tenant/);
    } finally {
      await store.destroy();
    }
  });

  it('inactive lists users with evidence; user shows one of them; licenses and spend answer', async () => {
    await chat.say('inactive');
    const list = await chat.card(/Inactive users/);
    assert.match(await list.innerText(), /@contoso\.onmicrosoft\.com/);
    await chat.say('user LynneR@contoso.onmicrosoft.com');
    const user = await chat.card(/Lynne Robbins/);
    assert.match(await user.innerText(), /inactive/i);
    await chat.say('licenses');
    assert.match(await (await chat.card(/Microsoft 365 E3/)).innerText(), /Microsoft 365 E3/);
    await chat.say('spend');
    assert.match(await (await chat.card(/License spend/)).innerText(), /USD/);
  });

  it("as the license admin, enters a license cost on the costs card, and the summary's waste follows it", async () => {
    const waste = (text: string) => /Monthly cost of wasted licenses\s+([^\n]+)/.exec(text)?.[1]?.trim();
    await chat.say('summary');
    const before = waste(await (await chat.card(/License waste summary/)).innerText());
    assert.match(before ?? '', /USD \(list price\)/);
    await chat.say('costs');
    const costs = await chat.card(/License costs/);
    await chat.clickRowAction(costs, 'Microsoft 365 E3', 'Enter cost');
    const form = await chat.card(/Cost of Microsoft 365 E3/, 20_000, true);
    // 240 USD a year: 20.00 a month instead of the 36.00 list price. USD and Annual are preselected.
    await form.getByRole('spinbutton').first().fill('240');
    await form.getByRole('button', { name: 'Save cost' }).click();
    assert.match(
      await (await chat.card(/Saved for Microsoft 365 E3/, 20_000, true)).innerText(),
      /20\.00 USD per license a month/,
    );
    await chat.say('summary');
    const after = waste(await (await chat.card(/License waste summary/)).innerText());
    const store = await openStore({ type: 'sqlite', path: journey.databasePath });
    try {
      const expected = await summary(store, await new PolicyStore(store).get(), new Date());
      assert.equal(after, sourcedMoney(expected.waste.total, 'nothing priced'));
      assert.notEqual(after, before);
      assert.match(after ?? '', /USD \(entered and list price\)/);
    } finally {
      await store.destroy();
    }
  });

  it("copilot shows seats, adoption by app and idle seats as computed; Request reclamation on a row asks that seat's holder first", async () => {
    await chat.say('copilot');
    const card = await chat.card(/Adoption by app/);
    const text = await card.innerText();
    const store = await openStore({ type: 'sqlite', path: journey.databasePath });
    try {
      const o = await copilotOverview(store, await new PolicyStore(store).get(), new Date());
      assert.match(
        text,
        new RegExp(`${o.purchased.toLocaleString('en-US')} purchased · ${o.assigned.toLocaleString('en-US')} assigned`),
      );
      assert.match(text, new RegExp(`${o.active7} in 7 days .* ${o.active30} in 30 days`));
      assert.match(text, new RegExp(`Idle seats · ${o.idle.flagged} · page 1 of`));
    } finally {
      await store.destroy();
    }
    assert.match(text, /Copilot Chat\s+\d+ active in 30 days/);
    // Alex Wilber never used his seat: from his row, the preview of reclaiming that seat, then the request.
    await chat.clickRowAction(card, 'Alex Wilber', 'Request reclamation');
    const preview = await chat.card(/Reclaim idle Copilot seats: preview/, 20_000, true);
    const previewText = await preview.innerText();
    assert.match(previewText, /Alex Wilber/);
    assert.match(previewText, /Copilot/);
    // Like any license, the holder first (keep or release), then his manager.
    assert.match(previewText, /Asked first: Alex Wilber[\s\S]*Megan Bowen/);
    await preview.getByRole('button', { name: 'Confirm' }).click();
    await chat.card(/Asking the license holder first[\s\S]*Alex Wilber/, 20_000, true);
    // Alex has never talked to the bot, and the demo tenant does not let it install itself for him: Megan decides.
    await chat.card(/Alex Wilber[\s\S]*could not be asked[\s\S]*their approver Megan Bowen decides/, 30_000, true);
  });

  it('digest now in the Licensing channel shows the weekly digest', async () => {
    await chat.open('Licensing');
    await chat.post('digest now');
    // Channel posts are listed newest first: look at every card for the digest.
    const digest = await chat.card(/Weekly license digest/, 30_000, true);
    const text = await digest.innerText();
    assert.match(text, /Saved to date/);
    assert.match(text, /Pending approvals/);
    assert.match(text, /Microsoft 365 Copilot\s+\d+ of [\d,]+ seats idle/);
  });
});
