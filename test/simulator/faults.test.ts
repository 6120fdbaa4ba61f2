import assert from 'node:assert/strict';
import { NAMED_PEOPLE_IDS } from '../../src/simulator';
import { allPages, NOW, raw, startTestSimulator, type GraphErrorBody, type TestSimulator } from './helpers';

const DAY = 86_400_000;
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const control = (t: TestSimulator, method: string, path: string, body?: unknown) =>
  raw(t, method, `/_sim/${path}`, { token: null, ...(body === undefined ? {} : { body }) });

describe('simulator: faults and control', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ users: 700, timeScale: 0.01 });
  });
  after(async () => t.close());
  afterEach(async () => {
    await control(t, 'POST', 'faults', {
      throttleRate: 0,
      serverErrorRate: 0,
      latencyMs: 0,
      dropConnectionOnUsersPage: null,
    });
  });

  it('answers a share of requests with the documented 429 and a scaled, fractional Retry-After', async () => {
    await control(t, 'POST', 'faults', { throttleRate: 1 });
    const res = await raw(t, 'GET', '/v1.0/users?$top=1');
    assert.equal(res.status, 429);
    assert.equal(res.headers['retry-after'], '0.020');
    assert.equal(res.json<GraphErrorBody>().error.code, 'TooManyRequests');
  });

  it('answers a share of requests with 503 and 504, with and without Retry-After', async () => {
    await control(t, 'POST', 'faults', { serverErrorRate: 1 });
    const seen = new Set<string>();
    for (let k = 0; k < 40; k++) {
      const res = await raw(t, 'GET', '/v1.0/subscribedSkus');
      assert.ok(res.status === 503 || res.status === 504);
      assert.ok(res.json<GraphErrorBody>().error.innerError['request-id']);
      seen.add(`${res.status}:${res.headers['retry-after'] !== undefined}`);
    }
    assert.deepEqual([...seen].sort(), ['503:false', '503:true', '504:false', '504:true']);
  });

  it('adds latency to every Graph request', async () => {
    await control(t, 'POST', 'faults', { latencyMs: 60 });
    const started = performance.now();
    assert.equal((await raw(t, 'GET', '/v1.0/users?$top=1')).status, 200);
    assert.ok(performance.now() - started >= 55);
  });

  it('drops the connection mid-body on the Nth users page, once', async () => {
    await control(t, 'POST', 'faults', { dropConnectionOnUsersPage: 2 });
    const first = await t.client.api('/users').select('id').top(100).get();
    await assert.rejects(t.client.api(first['@odata.nextLink']).get());
    const dropped = t.sim.control.calls().filter((c) => c.dropped);
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0]?.path, '/v1.0/users');
    const again = await t.client.api(first['@odata.nextLink']).get();
    assert.equal(again.value.length, 100);
  });

  it('holds the next assignLicense until it lands, applies it then, and answers 503 or drops the connection', async () => {
    const lynne = NAMED_PEOPLE_IDS['lynne'] ?? '';
    const holds = async (skuId: string) =>
      (await raw(t, 'GET', `/v1.0/users/${lynne}?$select=assignedLicenses`))
        .json<{ assignedLicenses: { skuId: string }[] }>()
        .assignedLicenses.some((l) => l.skuId === skuId);
    const remove = (skuId: string) =>
      raw(t, 'POST', `/v1.0/users/${lynne}/assignLicense`, { body: { addLicenses: [], removeLicenses: [skuId] } });
    await control(t, 'POST', 'faults', { lateAssignLicense: { answer: 'serviceUnavailable' } });
    const answer = remove(POWER_BI_PRO);
    while ((await control(t, 'GET', 'writes/held')).json<{ held: number }>().held === 0)
      await new Promise((r) => setTimeout(r, 10));
    assert.ok(await holds(POWER_BI_PRO), 'not applied while held');
    assert.deepEqual((await control(t, 'POST', 'writes/land')).json(), { landed: 1 });
    assert.equal((await answer).status, 503);
    assert.equal(await holds(POWER_BI_PRO), false, 'applied when it landed');
    assert.equal(
      (await control(t, 'GET', 'faults')).json<Record<string, unknown>>()['lateAssignLicense'],
      null,
      'once',
    );
    await control(t, 'POST', 'faults', { lateAssignLicense: { answer: 'dropConnection', landAfterMs: 20 } });
    await assert.rejects(remove(E3));
    assert.equal(await holds(E3), false);
    assert.equal(
      t.sim.control
        .calls()
        .filter((c) => c.path.endsWith('/assignLicense'))
        .at(-1)?.dropped,
      true,
    );
  });

  it('validates fault switches and refuses unknown ones', async () => {
    const res = await control(t, 'POST', 'faults', { throttleRate: 2, bogus: true });
    assert.equal(res.status, 400);
    assert.equal(res.json<{ error: { code: string } }>().error.code, 'InvalidBody');
    const state = (await control(t, 'GET', 'faults')).json<Record<string, unknown>>();
    assert.equal(state['throttleRate'], 0);
  });

  it('records calls with method, path, query, status and whether Authorization was sent', async () => {
    assert.equal((await control(t, 'DELETE', 'calls')).status, 204);
    await raw(t, 'GET', '/v1.0/users?$top=2&$select=id');
    await raw(t, 'GET', '/v1.0/users', { token: null });
    const calls = (await control(t, 'GET', 'calls')).json<{
      value: { method: string; path: string; query: string; status: number; authorization: boolean; time: string }[];
    }>().value;
    const graph = calls.filter((c) => c.path === '/v1.0/users');
    assert.deepEqual(
      graph.map((c) => [c.method, c.query, c.status, c.authorization]),
      [
        ['GET', '$top=2&$select=id', 200, true],
        ['GET', '', 401, false],
      ],
    );
    assert.ok(graph.every((c) => !Number.isNaN(Date.parse(c.time))));
  });

  it('makes a user active now: signInActivity, the sign-in log and the truth agree', async () => {
    const lynne = NAMED_PEOPLE_IDS['lynne'] ?? '';
    const before = (await control(t, 'GET', `truth/users/${lynne}`)).json<{ categories: string[]; why: string[] }>();
    assert.ok(before.categories.includes('inactive-90'));
    assert.ok(before.why.some((w) => /^last activity .* days ago$/.test(w)));
    const after = (await control(t, 'POST', `users/${lynne}/activity`, {})).json<{
      categories: string[];
      daysSinceLastActivity: number;
    }>();
    assert.ok(after.categories.includes('active-30'));
    assert.equal(after.daysSinceLastActivity, 0);
    const now = (await control(t, 'GET', 'clock')).json<{ now: string }>().now;
    const user = (await raw(t, 'GET', `/v1.0/users/${lynne}?$select=signInActivity`)).json<{
      signInActivity: { lastSignInDateTime: string; lastSignInRequestId: string };
    }>();
    assert.equal(user.signInActivity.lastSignInDateTime, now.replace(/\.\d{3}Z$/, 'Z'));
    const newest = (await raw(t, 'GET', `/v1.0/auditLogs/signIns?$top=1&$filter=userId eq '${lynne}'`)).json<{
      value: { id: string }[];
    }>().value[0];
    assert.equal(newest?.id, user.signInActivity.lastSignInRequestId);
  });

  it('deletes a user: gone from /users, seats released, truth says deleted', async () => {
    const alex = NAMED_PEOPLE_IDS['alex'] ?? '';
    const e3 = () =>
      raw(t, 'GET', '/v1.0/subscribedSkus').then(
        (r) =>
          r
            .json<{ value: { skuPartNumber: string; consumedUnits: number }[] }>()
            .value.find((s) => s.skuPartNumber === 'SPE_E3')?.consumedUnits ?? 0,
      );
    const seats = await e3();
    assert.equal((await control(t, 'DELETE', `users/${alex}`)).status, 204);
    assert.equal((await raw(t, 'GET', `/v1.0/users/${alex}`)).status, 404);
    assert.equal(await e3(), seats - 1);
    assert.equal((await control(t, 'GET', `truth/users/${alex}`)).json<{ deleted: boolean }>().deleted, true);
    const count = await raw(t, 'GET', '/v1.0/users/$count', { headers: { ConsistencyLevel: 'eventual' } });
    assert.equal(count.text, '699');
  });

  it('switching Entra ID P1 off and on again limits the sign-in log to 7 days before the upgrade', async () => {
    await control(t, 'POST', 'faults', { premium: false });
    assert.equal((await raw(t, 'GET', '/v1.0/auditLogs/signIns?$top=1')).status, 403);
    await control(t, 'POST', 'faults', { premium: true });
    const log = await allPages<{ createdDateTime: string }>(t, await t.client.api('/auditLogs/signIns').get());
    assert.ok(log.length > 0);
    assert.ok(log.every((s) => Date.parse(s.createdDateTime) >= NOW.getTime() - 7 * DAY));
  });

  it('moves now forward: users age, the report refresh date follows, old sign-ins leave retention', async () => {
    const before = (await control(t, 'GET', `truth/users/${NAMED_PEOPLE_IDS['lee']}`)).json<{
      daysSinceLastActivity: number;
    }>();
    const summaryBefore = (await control(t, 'GET', 'truth/summary')).json<{ reportRefreshDate: string }>();
    const moved = await control(t, 'POST', 'clock', { advanceDays: 10 });
    assert.equal(Date.parse(moved.json<{ now: string }>().now), NOW.getTime() + 10 * DAY);
    const after = (await control(t, 'GET', `truth/users/${NAMED_PEOPLE_IDS['lee']}`)).json<{
      daysSinceLastActivity: number;
    }>();
    assert.equal(after.daysSinceLastActivity, before.daysSinceLastActivity + 10);
    const summaryAfter = (await control(t, 'GET', 'truth/summary')).json<{ reportRefreshDate: string }>();
    assert.ok(summaryAfter.reportRefreshDate > summaryBefore.reportRefreshDate);
    const oldest = (await allPages<{ createdDateTime: string }>(t, await t.client.api('/auditLogs/signIns').get())).at(
      -1,
    );
    assert.ok(Date.parse(oldest?.createdDateTime ?? '') >= NOW.getTime() + 10 * DAY - 30 * DAY);
    assert.equal((await control(t, 'POST', 'clock', { advanceDays: -1 })).status, 400);
  });
});
