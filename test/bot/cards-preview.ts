/**
 * `npm run cards:preview` (npx tsx test/bot/cards-preview.ts): renders every card template with its
 * sample data to a PNG under docs/cards/, in headless Chromium with Microsoft's own `adaptivecards`
 * renderer and a Teams-like host config, so a person can look at the cards without Teams.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CARD_NAMES, renderCard } from '../../src/bot/cards/render';
import { cardProblems } from '../helpers/card-validator';
import { CARD_SAMPLES } from './card-samples';
import { TEAMS_HOST_CONFIG } from './teams-host-config';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'docs', 'cards');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Teams renders a subset of Markdown in TextBlocks; the renderer leaves that to the host. */
const MARKDOWN = `
  function md(text) {
    const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return esc
      .replace(/\\\\([\\\\\`*_{}\\[\\]<>()#+!|])/g, (_, c) => '&#' + c.charCodeAt(0) + ';')
      .replace(/\`([^\`]+)\`/g, '<code style="font-family:monospace;background:#f0f0f0;padding:0 3px;border-radius:3px">$1</code>')
      .replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>')
      .replace(/\\[([^\\]]+)\\]\\(([^)]+)\\)/g, '<a href="$2">$1</a>');
  }
`;

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  mkdirSync(OUT, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'cards-preview-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 560, height: 800 },
    deviceScaleFactor: 1.5,
  });
  try {
    const page = await context.newPage();
    const bundle = readFileSync(join(ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js'), 'utf8');
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
      body { margin: 0; padding: 16px; background: #f5f5f5; font-family: 'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif; }
      #card { width: 500px; background: #fff; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.15); overflow: hidden; }
      .ac-pushButton { border: 1px solid #c8c6c4; background: #fff; border-radius: 4px; padding: 6px 12px; font-weight: 600; color: #242424; cursor: pointer; }
      .ac-pushButton.style-positive { background: #5b5fc7; color: #fff; border-color: #5b5fc7; }
      .ac-pushButton.style-destructive { color: #c4314b; border-color: #c4314b; }
    </style></head><body><div id="card"></div></body></html>`);
    await page.addScriptTag({ content: bundle });
    await page.addScriptTag({ content: MARKDOWN });
    for (const name of CARD_NAMES) {
      if (only.length && !only.includes(name)) continue;
      const sample = CARD_SAMPLES[name];
      if (!sample) {
        process.stdout.write(`${name}: no sample data, skipped\n`);
        continue;
      }
      const card = renderCard(name, sample());
      const problems = cardProblems(card);
      const error = await page.evaluate(
        ({ card, hostConfig }) => {
          const AC = (globalThis as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
          const md = (globalThis as unknown as { md: (t: string) => string }).md;
          AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
            result.outputHtml = md(text);
            result.didProcess = true;
          };
          const adaptive = new AC.AdaptiveCard();
          adaptive.hostConfig = new AC.HostConfig(hostConfig);
          adaptive.parse(card);
          const host = document.getElementById('card')!;
          host.innerHTML = '';
          const rendered = adaptive.render();
          if (!rendered) return 'the renderer produced nothing';
          host.appendChild(rendered);
          return '';
        },
        { card, hostConfig: TEAMS_HOST_CONFIG },
      );
      if (error) throw new Error(`${name}: ${error}`);
      const file = join(OUT, `${name}.png`);
      writeFileSync(file, await page.locator('#card').screenshot());
      const size = Buffer.byteLength(JSON.stringify(card));
      process.stdout.write(
        `${name}: ${file} (${(size / 1024).toFixed(1)} KB card${problems.length ? `, PROBLEMS: ${problems.join('; ')}` : ''})\n`,
      );
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`cards:preview failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
