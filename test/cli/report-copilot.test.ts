import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { reportCommand } from '../../src/cli/report';
import { createLogger } from '../../src/logging/logger';
import { CopilotWaitlistService } from '../../src/reclamation/copilot/waitlist';
import { NAMED_PEOPLE_IDS } from '../../src/simulator';
import { startSyncBed, type SyncBed } from '../helpers/sync';
import { cli } from './helpers';
import { strictlyLaterClock } from '../helpers/clock';

const APPS = ['Teams', 'Word', 'Excel', 'PowerPoint', 'Outlook', 'OneNote', 'Loop', 'Copilot Chat'];

/** `npm run report -- copilot` and `copilot-waitlist` over a tenant synced from the simulator into SQLite. */
describe('cli: npm run report -- copilot | copilot-waitlist (simulator + SQLite)', function () {
  this.timeout(60_000);
  let bed: SyncBed;
  const now = new Date();
  const report = (argv: string[]) => cli(reportCommand, argv, { store: bed.dataSource, now });
  const upnOf = (id: string) => bed.sim.control.userTruth(id).userPrincipalName;

  before(async () => {
    bed = await startSyncBed({ users: 300, seed: 11 });
    await bed.syncAll();
  });
  after(async () => bed?.stop());

  it('copilot --format csv: one row per Copilot license holder, last use per app and days idle, most idle first', async () => {
    const { code, stdout } = await report(['copilot', '--format', 'csv']);
    assert.equal(code, 0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    const holders = bed.sim.control
      .usersInCategory('copilot')
      .filter((id) => !bed.sim.control.userTruth(id).categories.includes('deleted'));
    assert.deepEqual(
      rows.map((r) => r['User']!.toLowerCase()).sort(),
      holders.map((id) => upnOf(id).toLowerCase()).sort(),
    );
    for (const app of APPS) assert.ok(app in rows[0]!, `a ${app} column`);
    const days = rows.map((r) => (r['Days idle'] === '' ? Infinity : Number(r['Days idle'])));
    assert.deepEqual(
      days,
      [...days].sort((a, b) => b - a),
    );
    const alex = rows.find((r) => r['User'] === upnOf(NAMED_PEOPLE_IDS['alex']!))!;
    assert.deepEqual(
      [alex['State'], alex['Status'], alex['Last use'], alex['Cost per month']],
      ['never', 'flagged', '', '30.00 USD (list price)'],
    );
    const nestor = rows.find((r) => r['User'] === upnOf(NAMED_PEOPLE_IDS['nestor']!))!;
    assert.equal(nestor['State'], 'idle');
    assert.match(nestor['Teams']!, /^\d{4}-\d\d-\d\d$/);
    assert.equal(nestor['Word'], '');
    assert.equal(rows.find((r) => r['User'] === upnOf(NAMED_PEOPLE_IDS['johanna']!))!['State'], 'active');
  });

  it('copilot --format json and table: the same holders', async () => {
    const json = JSON.parse((await report(['copilot', '--format', 'json'])).stdout) as {
      userPrincipalName: string;
      apps: { app: string; date: string | null }[];
    }[];
    const table = (await report(['copilot'])).stdout;
    assert.match(table, new RegExp(`\\n${json.length} Copilot license holders\\n$`));
    assert.ok(json.every((s) => s.apps.length === 8));
    assert.ok(table.includes(upnOf(NAMED_PEOPLE_IDS['nestor']!)));
  });

  it('copilot-waitlist: the people waiting, first in line first, with their reasons', async () => {
    const service = new CopilotWaitlistService({
      graph: bed.graph,
      dataSource: bed.dataSource,
      log: createLogger({ level: 'silent', secrets: [] }),
      now: strictlyLaterClock(),
    });
    const [first, second] = [NAMED_PEOPLE_IDS['lynne']!, NAMED_PEOPLE_IDS['megan']!];
    assert.ok((await service.request(first, 'Campaign plans, every week')).ok);
    assert.ok((await service.request(second, null)).ok);
    const rows = parse((await report(['copilot-waitlist', '--format', 'csv'])).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    assert.deepEqual(
      rows.map((r) => [r['Place'], r['User'], r['Reason']]),
      [
        ['1', upnOf(first), 'Campaign plans, every week'],
        ['2', upnOf(second), ''],
      ],
    );
    assert.match((await report(['copilot-waitlist'])).stdout, /2 people waiting\n$/);
  });
});
