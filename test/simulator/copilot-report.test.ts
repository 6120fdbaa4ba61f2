import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { DEFAULT_GRANTS, NAMED_PEOPLE_IDS } from '../../src/simulator';
import { NOW, raw, startTestSimulator, type GraphErrorBody, type TestSimulator } from './helpers';

const COPILOT = '639dec6b-bb19-468b-871c-c5c441c4b0cb';
const PATH = '/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail';
/** Version 1's columns in the order of the published CSV example (docs/copilot.md). */
const V1_COLUMNS = [
  'Report Refresh Date',
  'User Principal Name',
  'Display Name',
  'Last Activity Date',
  'Copilot Chat Last Activity Date',
  'Microsoft Teams Copilot Last Activity Date',
  'Word Copilot Last Activity Date',
  'Excel Copilot Last Activity Date',
  'PowerPoint Copilot Last Activity Date',
  'Outlook Copilot Last Activity Date',
  'OneNote Copilot Last Activity Date',
  'Loop Copilot Last Activity Date',
  'Report Period',
];
const APP_COLUMNS = V1_COLUMNS.slice(4, 12);
const DAY_MS = 86_400_000;

describe('simulator: the Microsoft 365 Copilot SKU and usage report', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ users: 1000 });
  });
  afterEach(() =>
    t.sim.control.setFaults({ grant: [...DEFAULT_GRANTS], concealedNames: false, copilotReportJson: false }),
  );
  after(async () => t.close());

  const csvOf = async (call: string) => {
    const res = await raw(t, 'GET', `${PATH}${call}`);
    assert.equal(res.status, 200, res.text);
    return {
      res,
      rows: parse(res.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[],
      header: (parse(res.text.replace(/^\uFEFF/, ''), { to: 1 }) as string[][])[0],
    };
  };

  it('subscribedSkus has Microsoft_365_Copilot with its six service plans, some seats bought and not assigned', async () => {
    const skus = (await raw(t, 'GET', '/v1.0/subscribedSkus')).json<{
      value: {
        skuId: string;
        skuPartNumber: string;
        consumedUnits: number;
        prepaidUnits: { enabled: number };
        servicePlans: { servicePlanName: string }[];
      }[];
    }>().value;
    const copilot = skus.find((s) => s.skuId === COPILOT)!;
    assert.equal(copilot.skuPartNumber, 'Microsoft_365_Copilot');
    assert.deepEqual(copilot.servicePlans.map((p) => p.servicePlanName).sort(), [
      'GRAPH_CONNECTORS_COPILOT',
      'M365_COPILOT_APPS',
      'M365_COPILOT_BUSINESS_CHAT',
      'M365_COPILOT_CONNECTORS',
      'M365_COPILOT_INTELLIGENT_SEARCH',
      'M365_COPILOT_TEAMS',
    ]);
    assert.ok(
      copilot.consumedUnits > 20 && copilot.prepaidUnits.enabled > copilot.consumedUnits,
      JSON.stringify(copilot),
    );
  });

  it('v1.0 answers 200 with the CSV itself (BOM, version 1 columns in order), one row per Copilot holder, as of the lagging refresh date', async () => {
    const { res, rows, header } = await csvOf("(period='D90')");
    assert.equal(res.headers['content-type'], 'application/octet-stream');
    assert.ok(res.text.startsWith('\uFEFFReport Refresh Date,'));
    assert.deepEqual(header, V1_COLUMNS);
    const holders = t.sim.control.usersInCategory('copilot');
    const upns = new Set(holders.map((id) => t.sim.control.userTruth(id).userPrincipalName.toLowerCase()));
    assert.equal(rows.length, holders.length);
    assert.ok(rows.every((r) => upns.has(r['User Principal Name']!.toLowerCase())));
    // The refresh date lags one to three days behind the simulator's now, like every report.
    const refresh = t.sim.control.summary().reportRefreshDate;
    const lag = (Date.parse(NOW.toISOString().slice(0, 10)) - Date.parse(refresh)) / DAY_MS;
    assert.ok(lag >= 1 && lag <= 3, String(lag));
    for (const r of rows) {
      assert.equal(r['Report Refresh Date'], refresh);
      assert.equal(r['Report Period'], '90');
      const days = APP_COLUMNS.map((c) => r[c]!).filter(Boolean);
      for (const d of days) assert.ok(d <= refresh, `${d} after ${refresh}`);
      assert.equal(r['Last Activity Date'], days.sort().at(-1) ?? '');
    }
  });

  it('adoption as tenants see it: many enabled, fewer active, Teams and Copilot Chat used most, Loop least', async () => {
    const { rows } = await csvOf("(period='D90')");
    const refresh = Date.parse(t.sim.control.summary().reportRefreshDate);
    const within30 = (d: string | undefined) => !!d && refresh - Date.parse(d) < 30 * DAY_MS;
    const active = rows.filter((r) => within30(r['Last Activity Date']));
    const never = rows.filter((r) => !r['Last Activity Date']);
    assert.ok(
      active.length > rows.length * 0.25 && active.length < rows.length * 0.75,
      `${active.length} of ${rows.length} active`,
    );
    assert.ok(never.length > rows.length * 0.1, `${never.length} never`);
    const used = (c: string) => rows.filter((r) => r[c]).length;
    assert.ok(used('Microsoft Teams Copilot Last Activity Date') > used('Excel Copilot Last Activity Date'));
    assert.ok(used('Copilot Chat Last Activity Date') > used('Loop Copilot Last Activity Date'));
    assert.ok(used('Loop Copilot Last Activity Date') < used('Word Copilot Last Activity Date'));
  });

  it('a use now shows at the refresh date, not today (the lag); the named demo holders are as the demo tells', async () => {
    const johanna = NAMED_PEOPLE_IDS['johanna']!;
    t.sim.control.useCopilot(johanna, { apps: ['excel'] });
    const upn = t.sim.control.userTruth(johanna).userPrincipalName;
    const { rows } = await csvOf("(period='D7')");
    const row = rows.find((r) => r['User Principal Name'] === upn)!;
    assert.equal(row['Excel Copilot Last Activity Date'], t.sim.control.summary().reportRefreshDate);
    const alex = rows.find(
      (r) => r['User Principal Name'] === t.sim.control.userTruth(NAMED_PEOPLE_IDS['alex']!).userPrincipalName,
    )!;
    assert.equal(alex['Last Activity Date'], '', 'Alex never used his seat');
  });

  it('JSON: on beta, with $format=application/json, or when the tenant answers JSON; paged with nextLink', async () => {
    const beta = await raw(t, 'GET', `/beta/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D30')`);
    assert.equal(beta.status, 200);
    const page = beta.json<{ value: Record<string, unknown>[]; '@odata.nextLink'?: string }>();
    assert.deepEqual(Object.keys(page.value[0]!).slice(0, 4), [
      'reportRefreshDate',
      'userPrincipalName',
      'displayName',
      'lastActivityDate',
    ]);
    for (const key of [
      'copilotChatLastActivityDate',
      'microsoftTeamsCopilotLastActivityDate',
      'loopCopilotLastActivityDate',
    ])
      assert.equal(typeof page.value[0]![key], 'string');
    assert.deepEqual(page.value[0]!['copilotActivityUserDetailsByPeriod'], [{ reportPeriod: 30 }]);
    const asked = await raw(t, 'GET', `${PATH}(period='D90')?$format=application/json`);
    assert.match(asked.headers['content-type'] ?? '', /application\/json/);
    t.sim.control.setFaults({ copilotReportJson: true });
    const json = await raw(t, 'GET', `${PATH}(period='D90')`);
    let items = json.json<{ value: unknown[]; '@odata.nextLink'?: string }>();
    let count = items.value.length;
    while (items['@odata.nextLink']) {
      items = (await raw(t, 'GET', items['@odata.nextLink'])).json();
      count += items.value.length;
    }
    assert.equal(count, t.sim.control.usersInCategory('copilot').length);
  });

  it('version 1 (the default) takes D30 and refuses D28; version 2 the reverse; no period, or another version, is a 400', async () => {
    const status = async (args: string) => (await raw(t, 'GET', `${PATH}(${args})`)).status;
    assert.equal(await status("period='D30'"), 200);
    assert.equal(await status("period='D28'"), 400);
    assert.equal(await status("period='D28',version='v2'"), 200);
    assert.equal(await status("period='D30',version='v2'"), 400);
    assert.equal(await status("period='D90',version='v3'"), 400);
    const missing = await raw(t, 'GET', PATH);
    assert.equal(missing.status, 400);
    assert.match(missing.json<GraphErrorBody>().error.message, /period/);
  });

  it('concealed names are 32-hex hashes; without Reports.Read.All the answer is 403', async () => {
    t.sim.control.setFaults({ concealedNames: true });
    const { rows } = await csvOf("(period='D90')");
    assert.ok(
      rows.every((r) => /^[0-9A-F]{32}$/.test(r['User Principal Name']!) && /^[0-9A-F]{32}$/.test(r['Display Name']!)),
    );
    t.sim.control.setFaults({ concealedNames: false, revoke: ['Reports.Read.All'] });
    const denied = await raw(t, 'GET', `${PATH}(period='D90')`);
    assert.equal(denied.status, 403);
  });
});
