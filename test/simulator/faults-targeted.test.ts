import assert from 'node:assert/strict';
import { GROUPS } from '../../src/simulator';
import { raw, startTestSimulator, type GraphErrorBody, type TestSimulator } from './helpers';

interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: GraphErrorBody & Record<string, unknown>;
}

const control = (t: TestSimulator, body: unknown) => raw(t, 'POST', '/_sim/faults', { token: null, body });
const groupUrl = (k: number) => `/groups/${GROUPS[k]!.id}?$select=id,displayName`;

describe('simulator: faults of $batch sub-requests and of one path', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ timeScale: 0.01 });
  });
  after(async () => t.close());
  afterEach(async () => {
    await control(t, { batchServerErrorRate: 0, pathFaults: [] });
  });

  const batch = async (urls: string[]) => {
    const res = await raw(t, 'POST', '/v1.0/$batch', {
      body: { requests: urls.map((url, k) => ({ id: String(k), method: 'GET', url })) },
    });
    assert.equal(res.status, 200, res.text);
    return new Map(res.json<{ responses: SubResponse[] }>().responses.map((r) => [r.id, r]));
  };

  it("answers sub-requests 503/504 in Graph's shape (id, status, headers, error envelope) while the batch answers 200", async () => {
    assert.equal((await control(t, { batchServerErrorRate: 1 })).status, 200);
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const out = await batch([0, 1, 2, 3].map(groupUrl));
      assert.deepEqual([...out.keys()].sort(), ['0', '1', '2', '3']);
      for (const r of out.values()) {
        assert.ok(r.status === 503 || r.status === 504, String(r.status));
        assert.match(r.body?.error.code ?? '', /^(serviceNotAvailable|gatewayTimeout)$/);
        assert.ok(r.body?.error.innerError['request-id']);
        if (r.headers['Retry-After'] !== undefined) assert.match(r.headers['Retry-After'], /^\d+(\.\d+)?$/);
        seen.add(`${r.status}:${r.headers['Retry-After'] !== undefined}`);
      }
    }
    assert.deepEqual([...seen].sort(), ['503:false', '503:true', '504:false', '504:true']);
    // Only sub-requests fail: the same GET outside a batch answers.
    assert.equal((await raw(t, 'GET', `/v1.0${groupUrl(0)}`)).status, 200);
  });

  it('fails one path the given number of times, inside a batch and outside, then answers again', async () => {
    const path = `/v1.0/groups/${GROUPS[1]!.id}`;
    // Paths compare without regard to case, as Graph's do.
    await control(t, { pathFaults: [{ path: `/v1.0/Groups/${GROUPS[1]!.id.toUpperCase()}`, status: 503, times: 2 }] });
    const first = await batch([0, 1].map(groupUrl));
    assert.equal(first.get('0')?.status, 200);
    assert.equal(first.get('1')?.status, 503);
    assert.equal(first.get('1')?.body?.error.code, 'serviceNotAvailable');
    assert.match(first.get('1')?.headers['Retry-After'] ?? '', /^\d+(\.\d+)?$/);
    assert.equal((await raw(t, 'GET', `${path}?$select=id`)).status, 503);
    assert.equal((await raw(t, 'GET', `${path}?$select=id`)).status, 200);
    assert.equal((await batch([groupUrl(1)])).get('0')?.status, 200);
  });

  it('fails a path every time without `times`, with the status asked for; [] clears it', async () => {
    const path = `/v1.0/groups/${GROUPS[2]!.id}`;
    await control(t, {
      pathFaults: [
        { path, status: 500 },
        { path: `/v1.0/groups/${GROUPS[0]!.id}`, status: 429 },
      ],
    });
    for (let k = 0; k < 3; k++) {
      const out = await batch([0, 2].map(groupUrl));
      assert.equal(out.get('1')?.status, 500);
      assert.equal(out.get('1')?.body?.error.code, 'generalException');
      assert.equal(out.get('0')?.status, 429);
      assert.equal(out.get('0')?.body?.error.code, 'TooManyRequests');
    }
    await control(t, { pathFaults: [] });
    assert.equal((await raw(t, 'GET', `${path}?$select=id`)).status, 200);
  });

  it('refuses a path fault without a version, with a query or with another status', async () => {
    for (const fault of [
      { path: '/groups/x', status: 503 },
      { path: '/v1.0/groups/x?$select=id', status: 503 },
      { path: '/v1.0/groups/x', status: 404 },
    ]) {
      const res = await control(t, { pathFaults: [fault] });
      assert.equal(res.status, 400, JSON.stringify(fault));
    }
    assert.deepEqual(
      (await raw(t, 'GET', '/_sim/faults', { token: null })).json<{ pathFaults: unknown[] }>().pathFaults,
      [],
    );
  });
});
