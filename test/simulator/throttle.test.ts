import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { raw, startTestSimulator, type GraphErrorBody, type RawResponse, type TestSimulator } from './helpers';

const retryAfterMs = (res: RawResponse) => Number(res.headers['retry-after']) * 1000;

function assertDocumented429(res: RawResponse): void {
  assert.equal(res.status, 429);
  assert.match(res.headers['retry-after'] ?? '', /^\d+(\.\d+)?$/);
  const { error } = res.json<GraphErrorBody>();
  assert.equal(error.code, 'TooManyRequests');
  assert.equal(error.message, 'Please retry again later.');
  assert.equal(error.innerError['code'], '429');
  assert.equal(error.innerError['status'], '429');
  assert.equal(error.innerError['message'], 'Please retry after');
  assert.match(error.innerError.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
}

describe('simulator: documented throttling with a time scale', () => {
  let t: TestSimulator | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('lets 5 sign-in or registration-detail requests through per 10 s, then 429 with a Retry-After that works', async () => {
    t = await startTestSimulator({ throttle: 'documented', timeScale: 0.05 });
    const paths = [
      '/v1.0/auditLogs/signIns?$top=1',
      '/beta/reports/authenticationMethods/userRegistrationDetails?$top=1',
    ];
    for (let k = 0; k < 5; k++) assert.equal((await raw(t, 'GET', paths[k % 2] ?? '')).status, 200);
    const throttled = await raw(t, 'GET', paths[0] ?? '');
    assertDocumented429(throttled);
    assert.equal(throttled.headers['x-ms-throttle-information'], 'ReportRequestLimitExceeded');
    await sleep(retryAfterMs(throttled));
    assert.equal((await raw(t, 'GET', paths[0] ?? '')).status, 200);
  });

  it('lets 14 CSV requests per report API through per 10 minutes, counting each report apart', async () => {
    t = await startTestSimulator({ throttle: 'documented', timeScale: 0.002 });
    const call = "/v1.0/reports/getOffice365ActiveUserDetail(period='D7')";
    for (let k = 0; k < 14; k++) assert.equal((await raw(t, 'GET', call)).status, 302);
    const throttled = await raw(t, 'GET', call);
    assertDocumented429(throttled);
    assert.equal((await raw(t, 'GET', "/v1.0/reports/getMailboxUsageDetail(period='D7')")).status, 302);
    await sleep(retryAfterMs(throttled));
    assert.equal((await raw(t, 'GET', call)).status, 302);
  });

  it('lets 100 JSON report requests through per 10 minutes', async () => {
    t = await startTestSimulator({ throttle: 'documented', timeScale: 0.01 });
    const call = '/beta/reports/getOffice365ActivationsUserDetail?$format=application/json&$top=1';
    for (let k = 0; k < 100; k++) assert.equal((await raw(t, 'GET', call)).status, 200);
    assertDocumented429(await raw(t, 'GET', call));
  });

  it('charges directory reads in resource units: users 2, with $select 1, subscribedSkus 3', async () => {
    t = await startTestSimulator({ users: 40, throttle: 'documented' });
    assert.equal((await raw(t, 'GET', '/v1.0/users')).headers['x-ms-resource-unit'], '2');
    assert.equal((await raw(t, 'GET', '/v1.0/users?$select=id')).headers['x-ms-resource-unit'], '1');
    assert.equal((await raw(t, 'GET', '/v1.0/subscribedSkus')).headers['x-ms-resource-unit'], '3');
  });

  it('throttles reads past 3,500 resource units per 10 s for a tenant under 50 users', async () => {
    t = await startTestSimulator({ users: 40, throttle: 'documented' });
    const requests = Array.from({ length: 20 }, (_, k) => ({ id: String(k), method: 'GET', url: '/users?$top=50' }));
    let ok = 0;
    let first429: { headers: Record<string, string> } | undefined;
    for (let round = 0; round < 100 && !first429; round++) {
      const out = (await raw(t, 'POST', '/v1.0/$batch', { body: { requests } })).json<{
        responses: { status: number; headers: Record<string, string> }[];
      }>();
      ok += out.responses.filter((r) => r.status === 200).length;
      first429 = out.responses.find((r) => r.status === 429);
    }
    assert.equal(ok, 1750, 'two units per read, 3,500 units');
    assert.equal(first429?.headers['X-Ms-Throttle-Information'], 'ResourceUnitLimitExceeded');
    assert.ok(Number(first429?.headers['Retry-After']) <= 10);
  });

  it('throttles writes past 3,000 per 150 s', async () => {
    t = await startTestSimulator({ users: 40, throttle: 'documented' });
    const requests = Array.from({ length: 20 }, (_, k) => ({
      id: String(k),
      method: 'POST',
      url: '/users/ghost@contoso.onmicrosoft.com/assignLicense',
      headers: { 'Content-Type': 'application/json' },
      body: { addLicenses: [], removeLicenses: [] },
    }));
    for (let round = 0; round < 150; round++) {
      const out = (await raw(t, 'POST', '/v1.0/$batch', { body: { requests } })).json<{
        responses: { status: number }[];
      }>();
      assert.ok(
        out.responses.every((r) => r.status === 404),
        `round ${round}`,
      );
    }
    const res = await raw(t, 'POST', '/v1.0/users/ghost@contoso.onmicrosoft.com/assignLicense', {
      body: { addLicenses: [], removeLicenses: [] },
    });
    assertDocumented429(res);
    assert.equal(res.headers['x-ms-throttle-information'], 'WriteLimitExceeded');
  });
});
