import { z } from 'zod';
import type { GraphClient } from './client';
import { retryDelayMs, DEFAULT_RETRY } from './retry';

/** Graph takes at most 20 requests per $batch (graph-contract §8). */
const BATCH_SIZE = 20;
const MAX_ROUNDS = 6;

const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      headers: z.record(z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

export interface BatchResult {
  status: number;
  body: unknown;
}

/**
 * GETs many relative URLs (e.g. `/groups/{id}?$select=…`) through `/v1.0/$batch`, 20 per request.
 * Responses come in any order and each inner request is throttled on its own: inner 429s are sent
 * again in a later batch after the longest Retry-After (the SDK does not do this itself).
 */
export async function batchGet(graph: GraphClient, urls: readonly string[], permission?: string): Promise<Map<string, BatchResult>> {
  const results = new Map<string, BatchResult>();
  let pending = [...new Set(urls)];
  for (let round = 1; pending.length && round <= MAX_ROUNDS; round++) {
    const retry: string[] = [];
    let waitMs = 0;
    for (let i = 0; i < pending.length; i += BATCH_SIZE) {
      const chunk = pending.slice(i, i + BATCH_SIZE);
      const body = await graph.post('/v1.0/$batch', { requests: chunk.map((url, n) => ({ id: String(n), method: 'GET', url })) }, permission ? { permission } : {});
      const parsed = batchResponseSchema.parse(body);
      for (const response of parsed.responses) {
        const url = chunk[Number(response.id)];
        if (url === undefined) continue;
        if (response.status === 429 && round < MAX_ROUNDS) {
          retry.push(url);
          waitMs = Math.max(waitMs, retryDelayMs(round, response.headers?.['Retry-After'] ?? response.headers?.['retry-after'] ?? null, DEFAULT_RETRY));
          graph.stats.throttled++;
        } else {
          results.set(url, { status: response.status, body: response.body ?? null });
        }
      }
    }
    if (retry.length) {
      graph.stats.retries += retry.length;
      graph.stats.waitedMs += waitMs;
      await new Promise((r) => setTimeout(r, waitMs));
    }
    pending = retry;
  }
  return results;
}
