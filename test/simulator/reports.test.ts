import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { NAMED_PEOPLE_IDS } from '../../src/simulator';
import { NOW, raw, startTestSimulator, type GraphErrorBody, type TestSimulator } from './helpers';

const ACTIVE_USER_COLUMNS = [
  'Report Refresh Date',
  'User Principal Name',
  'Display Name',
  'Is Deleted',
  'Deleted Date',
  'Has Exchange License',
  'Has OneDrive License',
  'Has SharePoint License',
  'Has Skype For Business License',
  'Has Yammer License',
  'Has Teams License',
  'Exchange Last Activity Date',
  'OneDrive Last Activity Date',
  'SharePoint Last Activity Date',
  'Skype For Business Last Activity Date',
  'Yammer Last Activity Date',
  'Teams Last Activity Date',
  'Exchange License Assign Date',
  'OneDrive License Assign Date',
  'SharePoint License Assign Date',
  'Skype For Business License Assign Date',
  'Yammer License Assign Date',
  'Teams License Assign Date',
  'Assigned Products',
];
const MAILBOX_COLUMNS = [
  'Report Refresh Date',
  'User Principal Name',
  'Display Name',
  'Is Deleted',
  'Deleted Date',
  'Created Date',
  'Last Activity Date',
  'Item Count',
  'Storage Used (Byte)',
  'Issue Warning Quota (Byte)',
  'Prohibit Send Quota (Byte)',
  'Prohibit Send/Receive Quota (Byte)',
  'Deleted Item Count',
  'Deleted Item Size (Byte)',
  'Deleted Item Quota (Byte)',
  'Has Archive',
  'Report Period',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('simulator: usage reports', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ users: 600 });
  });
  after(async () => t.close());

  /** Follows the redirect by hand, as a careful client would, and returns the CSV text with its BOM. */
  async function download(call: string): Promise<{ text: string; rows: string[][] }> {
    const redirect = await raw(t, 'GET', `/v1.0/reports/${call}`);
    assert.equal(redirect.status, 302, redirect.text);
    const csv = await raw(t, 'GET', redirect.headers['location'] ?? '', { token: null });
    assert.equal(csv.status, 200);
    return { text: csv.text, rows: parse(csv.text.replace(/^\uFEFF/, '')) as string[][] };
  }

  it('redirects a CSV report with 302 to another origin that rejects an Authorization header', async () => {
    const redirect = await raw(t, 'GET', "/v1.0/reports/getOffice365ActiveUserDetail(period='D30')");
    assert.equal(redirect.status, 302);
    assert.match(redirect.headers['content-type'] ?? '', /^text\/plain/);
    const location = new URL(redirect.headers['location'] ?? '');
    assert.notEqual(location.origin, t.sim.url);
    assert.equal(location.hostname, '127.0.0.1');
    const withBearer = await raw(t, 'GET', location.href);
    assert.equal(withBearer.status, 401);
    const without = await raw(t, 'GET', location.href, { token: null });
    assert.equal(without.status, 200);
    assert.equal(without.headers['content-type'], 'application/octet-stream');
  });

  it('is downloaded by the Graph SDK, which drops the bearer on the cross-origin redirect', async () => {
    t.sim.control.clearCalls();
    const stream = (await t.client
      .api("/reports/getEmailActivityUserDetail(period='D7')")
      .get()) as ReadableStream<Uint8Array>;
    const text = await new Response(stream).text();
    assert.ok(text.startsWith('Report Refresh Date,') || text.startsWith('\uFEFFReport Refresh Date,'));
    const download = t.sim.control.calls().find((c) => c.origin === 'download');
    assert.equal(download?.authorization, false);
    assert.equal(download?.status, 200);
  });

  it('starts with a UTF-8 BOM and the documented columns in order, with YYYY-MM-DD dates', async () => {
    const { text, rows } = await download("getOffice365ActiveUserDetail(period='D180')");
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.deepEqual(rows[0], ACTIVE_USER_COLUMNS);
    const body = rows.slice(1);
    assert.ok(body.length > 400);
    for (const row of body) {
      assert.match(row[0] ?? '', DATE);
      for (const cell of row.slice(11, 23)) assert.ok(cell === '' || DATE.test(cell), `date cell '${cell}'`);
      assert.ok(['True', 'False'].includes(row[3] ?? ''));
    }
  });

  it('lags the refresh date 1 to 3 days behind now', async () => {
    const { rows } = await download("getEmailActivityUserDetail(period='D7')");
    const refresh = Date.parse(`${rows[1]?.[0]}T00:00:00Z`);
    const lagDays = (Date.parse(NOW.toISOString().slice(0, 10)) - refresh) / 86_400_000;
    assert.ok(lagDays >= 1 && lagDays <= 3, `lag ${lagDays}`);
    assert.equal(t.sim.control.summary().reportRefreshDate, rows[1]?.[0]);
  });

  it('lists only users with activity in the period in the app usage report, more for longer periods', async () => {
    const d7 = (await download("getM365AppUserDetail(period='D7')")).rows.length;
    const d180 = (await download("getM365AppUserDetail(period='D180')")).rows.length;
    assert.ok(d7 > 1 && d180 > d7, `D7 ${d7} rows, D180 ${d180}`);
    const lynne = await raw(t, 'GET', `/_sim/truth/users/${NAMED_PEOPLE_IDS['lynne']}`, { token: null });
    const upn = lynne.json<{ userPrincipalName: string }>().userPrincipalName;
    const { rows } = await download("getM365AppUserDetail(period='D30')");
    assert.ok(!rows.some((r) => r[1] === upn), 'an inactive user has no app usage in the last 30 days');
  });

  it('accepts date= within the last 30 days and refuses others, and a bad period', async () => {
    const day = new Date(NOW.getTime() - 5 * 86_400_000).toISOString().slice(0, 10);
    assert.equal((await raw(t, 'GET', `/v1.0/reports/getOffice365ActiveUserDetail(date=${day})`)).status, 302);
    assert.equal((await raw(t, 'GET', `/v1.0/reports/getM365AppUserDetail(date='${day}')`)).status, 302);
    assert.equal((await raw(t, 'GET', '/v1.0/reports/getOffice365ActiveUserDetail(date=2020-01-01)')).status, 400);
    assert.equal((await raw(t, 'GET', "/v1.0/reports/getOffice365ActiveUserDetail(period='D14')")).status, 400);
    assert.equal((await raw(t, 'GET', `/v1.0/reports/getMailboxUsageDetail(date=${day})`)).status, 400);
    assert.equal((await raw(t, 'GET', '/v1.0/reports/getOffice365ActivationsUserDetail')).status, 302);
  });

  it('ends the mailbox report with Recipient Type when the newer behaviour is on, and names shared and room mailboxes', async () => {
    const { rows } = await download("getMailboxUsageDetail(period='D30')");
    assert.deepEqual(rows[0], [...MAILBOX_COLUMNS, 'Recipient Type']);
    const types = new Set(rows.slice(1).map((r) => r[17]));
    assert.deepEqual([...types].sort(), ['Room', 'Shared', 'User']);
    assert.ok(rows.some((r) => r[17] === 'Shared' && r[1]?.startsWith('shared-')));
    t.sim.control.setFaults({ mailboxRecipientType: false });
    try {
      assert.deepEqual((await download("getMailboxUsageDetail(period='D30')")).rows[0], MAILBOX_COLUMNS);
    } finally {
      t.sim.control.setFaults({ mailboxRecipientType: true });
    }
  });

  it('conceals user names as stable 32-character uppercase hex hashes when switched on', async () => {
    t.sim.control.setFaults({ concealedNames: true });
    try {
      const first = (await download("getOffice365ActiveUserDetail(period='D30')")).rows.slice(1);
      const second = (await download("getOffice365ActiveUserDetail(period='D30')")).rows.slice(1);
      for (const row of first) {
        assert.match(row[1] ?? '', /^[0-9A-F]{32}$/);
        assert.match(row[2] ?? '', /^[0-9A-F]{32}$/);
      }
      assert.deepEqual(
        first.map((r) => r[1]),
        second.map((r) => r[1]),
      );
      assert.equal(new Set(first.map((r) => r[1])).size, first.length);
    } finally {
      t.sim.control.setFaults({ concealedNames: false });
    }
  });

  it('serves JSON pages of 200 on beta, on v1.0 only for getM365AppUserDetail', async () => {
    const page = (
      await raw(t, 'GET', "/beta/reports/getOffice365ActiveUserDetail(period='D180')?$format=application/json")
    ).json<{ value: Record<string, unknown>[]; '@odata.nextLink'?: string }>();
    assert.equal(page.value.length, 200);
    assert.ok(page['@odata.nextLink']);
    assert.match(String(page.value[0]?.['reportRefreshDate']), DATE);
    assert.ok(Array.isArray(page.value[0]?.['assignedProducts']));
    const email = (
      await raw(t, 'GET', "/beta/reports/getEmailActivityUserDetail(period='D7')?$format=application/json")
    ).json<{ value: Record<string, unknown>[] }>();
    assert.match(String(email.value[0]?.['reportRefreshDate']), /^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    const apps = await raw(t, 'GET', "/v1.0/reports/getM365AppUserDetail(period='D7')?$format=application/json");
    assert.equal(apps.status, 200);
    const detail = apps.json<{ value: { details: Record<string, unknown>[] }[] }>().value[0]?.details[0];
    assert.equal(detail?.['reportPeriod'], 7);
    assert.equal(typeof detail?.['teamsWeb'], 'boolean');
    const v1 = await raw(t, 'GET', "/v1.0/reports/getOffice365ActiveUserDetail(period='D7')?$format=application/json");
    assert.equal(v1.status, 400);
  });

  it('throws out unknown report functions as an unknown segment', async () => {
    const res = await raw(t, 'GET', "/v1.0/reports/getNothingUserDetail(period='D7')");
    assert.equal(res.status, 400);
    assert.equal(res.json<GraphErrorBody>().error.code, 'BadRequest');
  });
});
