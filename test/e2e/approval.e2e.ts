import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PlaygroundChat } from './chat';
import { printWarningsIfFailed, startJourney, type Journey } from './harness';

const LYNNE = 'LynneR@contoso.onmicrosoft.com';

/** The "Power BI Pro" line of the licenses card: "assigned N". */
async function assignedPowerBi(chat: PlaygroundChat): Promise<number> {
  await chat.say('licenses');
  const text = await (await chat.card(/Power BI Pro/)).innerText();
  const line = text.slice(text.indexOf('Power BI Pro'));
  const match = /assigned ([\d,]+)/.exec(line);
  assert.ok(match, line.slice(0, 200));
  return Number(match[1]!.replace(/,/g, ''));
}

/**
 * README "Try it", steps 3–5: the admin requests a reclamation; the approval goes to the user's manager,
 * Megan Bowen, who is one of the playground's people; she approves; the card follows the request
 * to reclaimed; one seat fewer is in use; the history holds every step; Undo gives it back. Lynne has
 * never talked to the bot then, so she cannot be asked first (the demo tenant does not grant the bot
 * the permission to install itself for her). Then she does, in her own playground, and is asked first.
 */
describe('demo journey: a reclamation approved in the Agents Playground', function () {
  this.timeout(240_000);
  let journey: Journey;
  let adele: PlaygroundChat;
  let megan: PlaygroundChat;
  let meganPage: Page;

  before(async () => {
    journey = await startJourney();
    adele = new PlaygroundChat(journey.page);
    meganPage = await journey.as('megan');
    megan = new PlaygroundChat(meganPage);
    // Megan has the app: the bot knows her personal chat, where approvals reach her.
    await megan.open('Personal Chat');
    await megan.say('help');
    await megan.card(/I find Microsoft 365 licenses/);
    await adele.open('Personal Chat');
  });
  afterEach(function () {
    printWarningsIfFailed(this.currentTest, journey);
  });
  after(() => journey?.stop());

  it('request → preview → the manager approves → reclaimed once, one seat fewer, history, undo', async () => {
    const before = await assignedPowerBi(adele);
    const calls = () =>
      journey.app.simulator!.control.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/assignLicense'));
    const callsBefore = calls().length;

    // From the list card, as a license admin would: Lynne's row, "Request reclamation".
    await adele.say('inactive');
    const list = await adele.card(/Inactive users/);
    await adele.clickRowAction(list, 'Lynne Robbins', 'Request reclamation');
    const preview = await adele.card(/Confirm/, 20_000, true);
    const previewText = await preview.innerText();
    assert.match(previewText, /Megan Bowen/);
    assert.match(previewText, /Power BI Pro/);
    assert.equal(calls().length, callsBefore, 'a preview changes nothing');
    await preview.getByRole('button', { name: 'Confirm' }).click();
    // The clicked card follows the request: Lynne cannot be asked, so Megan decides.
    await adele.card(/Lynne Robbins[\s\S]*could not be asked[\s\S]*their approver Megan Bowen decides/, 30_000, true);

    // The admin sees the request and its state, without the approver's buttons.
    await adele.say('approvals');
    const pending = await adele.card(/LynneR@contoso/);
    assert.match(await pending.innerText(), /Power BI Pro/);
    assert.equal(await pending.getByRole('button', { name: 'Approve' }).count(), 0);

    // One approval card per license: Megan approves the Power BI Pro one.
    const approval = await megan.card(/Power BI Pro[\s\S]*Approve|Approve[\s\S]*Power BI Pro/, 30_000);
    assert.match(await approval.innerText(), /Lynne Robbins/);
    await approval.getByRole('button', { name: 'Approve' }).click();
    const done = await megan.card(/Reclaimed[\s\S]*Power BI Pro/, 30_000, true);
    assert.match(await done.innerText(), /Undo/);
    assert.equal(calls().length - callsBefore, 1, 'exactly one assignLicense');

    assert.equal(await assignedPowerBi(adele), before - 1);
    await adele.say(`history ${LYNNE}`);
    const history = await (await adele.card(/History of Lynne Robbins/)).innerText();
    for (const step of [/request/i, /approve/i, /execut/i]) assert.match(history, step);

    await done.getByRole('button', { name: 'Undo' }).click();
    await megan.card(/Undone — license assigned again[\s\S]*Power BI Pro/, 30_000, true);
    assert.equal(calls().length - callsBefore, 2, 'one more assignLicense for the undo');
    assert.equal(await assignedPowerBi(adele), before);
  });

  it("the holder is asked first: Lynne, in her own playground, releases; one assignLicense; the admin's card follows", async () => {
    const calls = () =>
      journey.app.simulator!.control.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/assignLicense'));
    // Lynne talks to the bot once, in her own playground: from then on her questions reach her there.
    const lynne = new PlaygroundChat(await journey.as('lynne'));
    await lynne.open('Personal Chat');
    await lynne.say('help');
    await lynne.card(/I find Microsoft 365 licenses/);

    await adele.say(`reclaim ${LYNNE} POWER_BI_PRO`);
    const preview = await adele.card(/Confirm/);
    assert.match(await preview.innerText(), /asked first/i);
    const callsBefore = calls().length;
    await preview.getByRole('button', { name: 'Confirm' }).click();
    await adele.card(/Lynne Robbins[\s\S]*asked, answer due/, 30_000, true);

    const question = await lynne.card(/Do you still need Power BI Pro\?/, 30_000, true);
    const shown = await question.innerText();
    assert.match(shown, /Last use per app/);
    assert.match(shown, /USD a month/);
    assert.equal(calls().length, callsBefore, 'nothing is removed before she answers');
    await question.getByRole('button', { name: /Release/ }).click();
    await lynne.card(/Released: the license was removed/, 30_000, true);
    assert.equal(calls().length - callsBefore, 1, 'exactly one assignLicense');

    await adele.card(/released it: reclaimed/, 30_000, true);
    await adele.say(`history ${LYNNE}`);
    assert.match(await (await adele.card(/History of Lynne Robbins/)).innerText(), /Holder release/);
  });
});
