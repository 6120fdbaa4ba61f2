import assert from 'node:assert/strict';
import { NAMED_PEOPLE_IDS, SIGN_IN_APPS } from '../../src/simulator';
import { allPages, NOW, raw, startTestSimulator, type TestSimulator } from './helpers';

interface SignIn {
  id: string;
  createdDateTime: string;
  userId: string;
  appId: string;
  appDisplayName: string;
  isInteractive: boolean;
  status: { errorCode: number; failureReason: string | null };
}
interface UserActivity {
  id: string;
  signInActivity: { lastSignInDateTime: string; lastSignInRequestId: string } | null;
}

const POWER_BI = '00000009-0000-0000-c000-000000000000';
const DAY = 86_400_000;

describe('simulator: GET /auditLogs/signIns', () => {
  let t: TestSimulator;
  let log: SignIn[];
  before(async () => {
    t = await startTestSimulator({ users: 800 });
    log = await allPages<SignIn>(t, await t.client.api('/auditLogs/signIns').get());
  });
  after(async () => t.close());

  it('pages 1,000 sign-ins at most, newest first, within the 30-day retention', async () => {
    const first = (await raw(t, 'GET', '/v1.0/auditLogs/signIns?$top=5000')).json<{ value: SignIn[] }>();
    assert.equal(first.value.length, 1000);
    assert.ok(log.length > 1000);
    const times = log.map((s) => Date.parse(s.createdDateTime));
    for (let k = 1; k < times.length; k++) assert.ok((times[k - 1] ?? 0) >= (times[k] ?? 0), `order broken at ${k}`);
    assert.ok((times.at(-1) ?? 0) >= NOW.getTime() - 30 * DAY);
    assert.ok((times[0] ?? Infinity) <= NOW.getTime());
    assert.equal(new Set(log.map((s) => s.id)).size, log.length);
  });

  it('shows createdDateTime with seven fractional digits and only interactive sign-ins', () => {
    for (const s of log.slice(0, 50)) assert.match(s.createdDateTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    assert.ok(log.every((s) => s.isInteractive));
  });

  it('includes failures with a non-zero errorCode and a reason', () => {
    const failures = log.filter((s) => s.status.errorCode !== 0);
    assert.ok(failures.length > 0);
    assert.ok(failures.every((s) => s.status.failureReason));
  });

  it('covers Dynamics 365, Power BI, Project and Visio sign-ins with their app ids', () => {
    const tracked = SIGN_IN_APPS.filter((a) => a.tracked).map((a) => a.appId);
    for (const appId of tracked)
      assert.ok(
        log.some((s) => s.appId === appId),
        `no sign-in for ${appId}`,
      );
  });

  it('filters by createdDateTime range and appId', async () => {
    const from = new Date(NOW.getTime() - 10 * DAY).toISOString().replace('.000', '');
    const to = new Date(NOW.getTime() - 3 * DAY).toISOString().replace('.000', '');
    const filter = `createdDateTime ge ${from} and createdDateTime le ${to} and appId eq '${POWER_BI}'`;
    const found = await allPages<SignIn>(t, await t.client.api('/auditLogs/signIns').filter(filter).get());
    const expected = log.filter(
      (s) =>
        s.appId === POWER_BI &&
        Date.parse(s.createdDateTime) >= Date.parse(from) &&
        Date.parse(s.createdDateTime) <= Date.parse(to),
    );
    assert.ok(expected.length > 0);
    assert.deepEqual(
      found.map((s) => s.id),
      expected.map((s) => s.id),
    );
  });

  it("agrees with every user's signInActivity: the newest entry is the last sign-in, with the same request id", async () => {
    const users = await allPages<UserActivity>(
      t,
      await t.client.api('/users').select('id,signInActivity').top(500).get(),
    );
    const newest = new Map<string, SignIn>();
    for (const s of log) if (!newest.has(s.userId)) newest.set(s.userId, s);
    let checked = 0;
    for (const u of users) {
      const entry = newest.get(u.id);
      const last = u.signInActivity?.lastSignInDateTime;
      if (entry) {
        assert.equal(last, entry.createdDateTime.replace(/\.\d{7}Z$/, 'Z'), `user ${u.id}`);
        assert.equal(u.signInActivity?.lastSignInRequestId, entry.id);
        checked++;
      } else if (last && last !== '0001-01-01T00:00:00Z') {
        assert.ok(
          Date.parse(last) < NOW.getTime() - 30 * DAY,
          `user ${u.id} signed in at ${last} but has no log entry`,
        );
      }
    }
    assert.ok(checked > 300);
  });

  it('shows the failed-only trap: Pradeep last tried recently but last succeeded months ago', async () => {
    const truth = (await raw(t, 'GET', `/_sim/truth/users/${NAMED_PEOPLE_IDS['pradeep']}`, { token: null })).json<{
      categories: string[];
      daysSinceLastActivity: number;
    }>();
    assert.ok(truth.categories.includes('failed-sign-ins-only-30'));
    assert.ok(truth.daysSinceLastActivity >= 90);
    const mine = log.filter((s) => s.userId === NAMED_PEOPLE_IDS['pradeep']);
    assert.ok(mine.length > 0 && mine.every((s) => s.status.errorCode !== 0));
  });

  it('lists registration details with MFA state, lower-case userType, and no disabled users', async () => {
    const rows = await allPages<Record<string, unknown>>(
      t,
      await t.client.api('/reports/authenticationMethods/userRegistrationDetails').version('beta').top(999).get(),
    );
    const truthBlocked = (await raw(t, 'GET', '/_sim/truth/categories/blocked', { token: null })).json<{
      value: string[];
    }>().value;
    assert.ok(rows.length > 600);
    assert.ok(rows.every((r) => r['userType'] === 'member' || r['userType'] === 'guest'));
    assert.ok(!rows.some((r) => truthBlocked.includes(String(r['id']))));
    assert.ok(rows.some((r) => r['isMfaRegistered'] === true) && rows.some((r) => r['isMfaRegistered'] === false));
    const registered = await allPages<Record<string, unknown>>(
      t,
      await t.client
        .api('/reports/authenticationMethods/userRegistrationDetails')
        .filter('isMfaRegistered eq true')
        .top(999)
        .get(),
    );
    assert.equal(registered.length, rows.filter((r) => r['isMfaRegistered'] === true).length);
  });
});
