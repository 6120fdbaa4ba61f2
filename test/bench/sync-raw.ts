import { Agent, request } from 'undici';
import type { GraphConfig } from '../../src/config';
import type { GraphClient } from '../../src/graph';
import type { SimCall } from './sim-process';

/** Calls served from the identity reports' bucket: the sync reads them beside everything else. */
const BESIDE = /\/reports\/authenticationMethods\/|\/auditLogs\/signIns$/;

/**
 * The floor a sync is measured against: a raw client that fetches exactly what the sync fetched (the
 * simulator's log of the sync's calls, replayed: the same URLs, hence the same pages and paging, the
 * same $batch bodies, each report through its 302 to a fresh download), with a token from the same
 * credential, reading every body to its end and doing nothing with it. It keeps the sync's
 * parallelism: identity reports (MFA registration, sign-ins) beside the rest, each in the sync's order.
 * Returns the wall time in ms.
 */
export async function replay(
  config: GraphConfig,
  calls: readonly SimCall[],
  auth: GraphClient['auth'],
): Promise<number> {
  const token = (await auth.token()).token;
  const dispatcher = new Agent({ connections: 16, keepAliveTimeout: 30_000, connect: { ca: config.ca } });
  const graph = calls.filter((c) => c.origin === 'graph' && !c.batchRequestId);
  const inner = (batch: SimCall) => calls.filter((c) => c.batchRequestId && c.batchRequestId === batch.requestId);
  const started = performance.now();
  try {
    await Promise.all(
      [graph.filter((c) => BESIDE.test(c.path)), graph.filter((c) => !BESIDE.test(c.path))].map(async (stream) => {
        for (const call of stream) await fetchLike(config, dispatcher, token, call, inner);
      }),
    );
    return performance.now() - started;
  } finally {
    await dispatcher.close();
  }
}

async function fetchLike(
  config: GraphConfig,
  dispatcher: Agent,
  token: string,
  call: SimCall,
  inner: (batch: SimCall) => SimCall[],
): Promise<void> {
  const url = `${config.baseUrl}${call.path}${call.query ? `?${call.query}` : ''}`;
  const headers = { authorization: `Bearer ${token}` };
  if (call.method === 'POST' && call.path.endsWith('/$batch')) {
    const requests = inner(call).map((c, k) => ({
      id: String(k),
      method: c.method,
      url: `${c.path.replace(/^\/(v1\.0|beta)/, '')}${c.query ? `?${c.query}` : ''}`,
    }));
    await drain(
      await request(url, {
        method: 'POST',
        dispatcher,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ requests }),
      }),
    );
    return;
  }
  const res = await request(url, { method: 'GET', dispatcher, headers });
  const location = res.headers['location'];
  await drain(res);
  // A report answers 302 to a pre-authenticated download, fetched without the token.
  if (res.statusCode === 302 && typeof location === 'string')
    await drain(await request(location, { method: 'GET', dispatcher }));
}

async function drain(res: Awaited<ReturnType<typeof request>>): Promise<void> {
  for await (const chunk of res.body) void chunk;
}
