import assert from 'node:assert/strict';
import { graphConfigFor } from '../../src/config';
import { batchGet, GraphClient, type RetryOptions } from '../../src/graph';
import { GROUPS, startSimulator, type RunningSimulator } from '../../src/simulator';

/** batchGet against the simulator's $batch, with sub-requests failing on purpose (pathFaults). */
describe('graph: batchGet retries inner requests like single ones', function () {
  this.timeout(30_000);
  // Retry-After from the simulator is 2 ms (timeScale 0.001); backoff without one is 5, 10, 20 ms (jitter pinned).
  const retry: RetryOptions = { maxAttempts: 4, budgetMs: 10_000, baseDelayMs: 5, maxDelayMs: 20, random: () => 1 };
  let sim: RunningSimulator;
  let graph: GraphClient;
  before(async () => {
    sim = await startSimulator({ users: 100, seed: 3, timeScale: 0.001 });
  });
  after(async () => sim.stop());
  beforeEach(() => {
    graph = new GraphClient({ config: graphConfigFor(sim), retry });
  });
  afterEach(async () => {
    sim.control.setFaults({ pathFaults: [] });
    await graph.close();
  });

  const [a, b, c, d] = GROUPS.map((g) => g.id);
  const url = (id: string | undefined) => `/groups/${id}?$select=id,displayName`;
  const fail = (id: string | undefined, status: 429 | 500 | 502 | 503 | 504, times?: number) => ({
    path: `/v1.0/groups/${id}`,
    status,
    ...(times ? { times } : {}),
  });
  const read = (client = graph) => batchGet(client, [a, b, c, d].map(url));
  const statuses = (results: Map<string, { status: number }>) => [a, b, c, d].map((id) => results.get(url(id))?.status);

  it('sends 429, 502, 503 and 504 again in a later batch and counts each retry, throttled and wait', async () => {
    sim.control.setFaults({ pathFaults: [fail(a, 503, 2), fail(b, 429, 1), fail(c, 502, 1), fail(d, 504, 1)] });
    const results = await read();
    assert.deepEqual(statuses(results), [200, 200, 200, 200]);
    assert.equal((results.get(url(a))?.body as { displayName: string }).displayName, GROUPS[0]!.displayName);
    // Batches: [a b c d], [a b c d], [a]. Waits: the longest of 2 ms (Retry-After) and 5 ms (backoff), then 2 ms.
    assert.deepEqual(graph.stats.snapshot(), { requests: 3, retries: 5, throttled: 1, throttledSeconds: 0 });
    assert.equal(graph.stats.waitedMs, 7);
  });

  it("gives up after the client's attempts and returns the last failure, never dropping the URL", async () => {
    sim.control.setFaults({ pathFaults: [fail(a, 503)] });
    const results = await read();
    assert.deepEqual(statuses(results), [503, 200, 200, 200]);
    assert.equal((results.get(url(a))?.body as { error: { code: string } }).error.code, 'serviceNotAvailable');
    assert.equal(graph.stats.requests, retry.maxAttempts);
    assert.equal(graph.stats.retries, retry.maxAttempts - 1);
  });

  it("does not wait past the client's time budget", async () => {
    const tight = new GraphClient({ config: graphConfigFor(sim), retry: { ...retry, budgetMs: 1 } });
    try {
      sim.control.setFaults({ pathFaults: [fail(a, 503)] });
      assert.deepEqual(statuses(await read(tight)), [503, 200, 200, 200]);
      assert.equal(tight.stats.retries, 0);
    } finally {
      await tight.close();
    }
  });

  it('does not repeat a 500, which is not transient', async () => {
    sim.control.setFaults({ pathFaults: [fail(b, 500)] });
    assert.deepEqual(statuses(await read()), [200, 500, 200, 200]);
    assert.equal(graph.stats.retries, 0);
  });

  it('sends a batch of GETs again when the $batch itself answered 503', async () => {
    sim.control.setFaults({ pathFaults: [{ path: '/v1.0/$batch', status: 503, times: 1 }] });
    assert.deepEqual(statuses(await read()), [200, 200, 200, 200]);
    assert.equal(graph.stats.requests, 2);
    assert.equal(graph.stats.retries, 4);
  });
});
