import assert from 'node:assert/strict';
import { NAMED_PEOPLE_IDS } from '../../src/simulator';
import { raw, startTestSimulator, type GraphErrorBody, type TestSimulator } from './helpers';

interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

describe('simulator: POST /$batch', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ throttle: 'documented', timeScale: 0.01 });
  });
  after(async () => t.close());

  const batch = (requests: unknown[], version = 'v1.0') => raw(t, 'POST', `/${version}/$batch`, { body: { requests } });
  const responses = async (requests: unknown[], version = 'v1.0') => {
    const res = await batch(requests, version);
    assert.equal(res.status, 200, res.text);
    return res.json<{ responses: BatchResponse[] }>().responses;
  };

  it('answers each request with its own status, in any order, with outer 200', async () => {
    const out = (await t.client.api('/$batch').post({
      requests: [
        { id: '1', method: 'GET', url: '/users?$top=1&$select=id' },
        { id: '2', method: 'GET', url: '/subscribedSkus?$select=skuId' },
        { id: '3', method: 'GET', url: '/users/nobody@contoso.onmicrosoft.com' },
        { id: '4', method: 'GET', url: `/users/${NAMED_PEOPLE_IDS['megan']}/manager?$select=id` },
      ],
    })) as { responses: BatchResponse[] };
    const byId = new Map(out.responses.map((r) => [r.id, r]));
    assert.deepEqual([...byId.keys()].sort(), ['1', '2', '3', '4']);
    assert.equal(byId.get('1')?.status, 200);
    assert.equal(byId.get('2')?.status, 200);
    assert.equal(byId.get('3')?.status, 404);
    assert.equal((byId.get('3')?.body as unknown as GraphErrorBody).error.code, 'Request_ResourceNotFound');
    assert.equal((byId.get('4')?.body as { id: string }).id, NAMED_PEOPLE_IDS['patti']);
  });

  it('runs on beta too and records inner requests in the call log', async () => {
    t.sim.control.clearCalls();
    const out = await responses([{ id: 'a', method: 'GET', url: '/users?$top=2&$select=id' }], 'beta');
    assert.equal(out[0]?.status, 200);
    assert.ok(t.sim.control.calls().some((c) => c.path === '/beta/users' && c.batchRequestId));
  });

  it('refuses more than 20 requests and duplicate ids as a malformed batch', async () => {
    const many = Array.from({ length: 21 }, (_, k) => ({ id: String(k), method: 'GET', url: '/users?$top=1' }));
    assert.equal((await batch(many)).status, 400);
    const dupes = [
      { id: 'x', method: 'GET', url: '/users?$top=1' },
      { id: 'X', method: 'GET', url: '/subscribedSkus' },
    ];
    assert.equal((await batch(dupes)).status, 400);
    assert.equal((await raw(t, 'POST', '/v1.0/$batch', { body: { nope: true } })).status, 400);
  });

  it('fails a request whose dependency failed with 424', async () => {
    const out = await responses([
      { id: '1', method: 'GET', url: '/users/nobody@contoso.onmicrosoft.com' },
      { id: '2', method: 'GET', url: '/users?$top=1', dependsOn: ['1'] },
    ]);
    assert.equal(out.find((r) => r.id === '2')?.status, 424);
  });

  it('throttles inner requests on their own, each 429 with its own Retry-After', async () => {
    await new Promise((r) => setTimeout(r, 150));
    const out = await responses(
      Array.from({ length: 7 }, (_, k) => ({ id: `s${k}`, method: 'GET', url: '/auditLogs/signIns?$top=1' })),
    );
    const throttled = out.filter((r) => r.status === 429);
    assert.equal(out.filter((r) => r.status === 200).length, 5);
    assert.equal(throttled.length, 2);
    for (const r of throttled) {
      assert.match(r.headers['Retry-After'] ?? '', /^\d+(\.\d+)?$/);
      assert.equal((r.body as unknown as GraphErrorBody).error.code, 'TooManyRequests');
    }
  });

  it('posts assignLicense inside a batch', async () => {
    const out = await responses([
      {
        id: 'r',
        method: 'POST',
        url: `/users/${NAMED_PEOPLE_IDS['isaiah']}/assignLicense`,
        headers: { 'Content-Type': 'application/json' },
        body: { addLicenses: [], removeLicenses: ['1e1a282c-9c54-43a2-9310-98ef728faace'] },
      },
    ]);
    assert.equal(out[0]?.status, 200);
  });
});
