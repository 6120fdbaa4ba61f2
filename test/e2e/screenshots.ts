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
  const chat = new PlaygroundChat(journey.page);
  const shot = (name: string) => chat.screenshot(join(OUT, `${name}.png`));
  try {
    await chat.open('Personal Chat');
    await chat.say('summary');
    await chat.card(/License waste summary/);
    await shot('1-summary');
    await chat.say('inactive');
    await chat.card(/Inactive users/);
    await shot('2-inactive');
    await chat.say('user LynneR@contoso.onmicrosoft.com');
    await chat.card(/Lynne Robbins/);
    await shot('3-user');
    await chat.say('licenses');
    await chat.card(/Microsoft 365 E3/);
    await shot('4-licenses');
    await chat.open('Licensing');
    await chat.post('digest now');
    await chat.card(/Weekly license digest/, 30_000);
    await shot('5-digest');
    process.stdout.write(`screenshots written to ${OUT}\n`);
  } finally {
    await journey.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
