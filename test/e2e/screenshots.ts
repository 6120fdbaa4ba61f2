import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PlaygroundChat } from './chat';
import { startJourney } from './harness';

/**
 * `npm run screenshots`: the demo journey in the real Agents Playground, captured as PNGs under
 * docs/screenshots for the README, so a reader can look before installing.
 */
const OUT = resolve(__dirname, '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const journey = await startJourney();
  const adele = new PlaygroundChat(journey.page);
  try {
    const megan = new PlaygroundChat(await journey.as('megan'));
    await megan.open('Personal Chat');
    await megan.say('help');
    await megan.card(/I find Microsoft 365 licenses/);

    await adele.open('Personal Chat');
    await adele.say('summary');
    await (await adele.card(/License waste summary/)).scrollIntoViewIfNeeded();
    await adele.screenshot(join(OUT, '1-summary.png'));
    await adele.say('inactive');
    await adele.card(/Inactive users/);
    await adele.screenshot(join(OUT, '2-inactive.png'));
    await adele.say('user LynneR@contoso.onmicrosoft.com');
    await adele.card(/Lynne Robbins/);
    await adele.screenshot(join(OUT, '3-user.png'));
    await adele.say('reclaim LynneR@contoso.onmicrosoft.com POWER_BI_PRO');
    const preview = await adele.card(/Confirm/);
    await adele.screenshot(join(OUT, '4-reclaim-preview.png'));
    await preview.getByRole('button', { name: 'Confirm' }).click();
    const approval = await megan.card(/Approve/, 30_000);
    await megan.screenshot(join(OUT, '5-approval-as-manager.png'));
    await approval.getByRole('button', { name: 'Approve' }).click();
    await megan.card(/Reclaimed/, 30_000, true);
    await megan.screenshot(join(OUT, '6-reclaimed.png'));
    // Lynne talks to the bot once in her own playground: her next license question reaches her first.
    const lynne = new PlaygroundChat(await journey.as('lynne'));
    await lynne.open('Personal Chat');
    await lynne.say('help');
    await lynne.card(/I find Microsoft 365 licenses/);
    await adele.say('reclaim LynneR@contoso.onmicrosoft.com SPE_E3');
    await (await adele.card(/Confirm/)).getByRole('button', { name: 'Confirm' }).click();
    const question = await lynne.card(/Do you still need Microsoft 365 E3\?/, 30_000, true);
    await question.scrollIntoViewIfNeeded();
    await lynne.screenshot(join(OUT, '8-holder-asked.png'));
    await adele.open('Licensing');
    await adele.post('digest now');
    await adele.card(/Weekly license digest/, 30_000, true);
    await adele.screenshot(join(OUT, '7-digest.png'));
    process.stdout.write(`screenshots written to ${OUT}\n`);
  } finally {
    await journey.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
