import { z } from 'zod';
import type { GraphClient } from './client';
import { GraphError } from './errors';
import { defaultSleep, RETRYABLE_STATUS, retryDelayMs } from './retry';

/** Graph takes at most 20 requests per $batch (docs/graph-endpoints.md, "$batch"). */
const BATCH_SIZE = 20;

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

interface Answer extends BatchResult {
  url: string;
  retryAfter: string | null;
}

/**
 * GETs many relative URLs (built by an endpoint, e.g. getGroupsBatch) through `/v1.0/$batch`, 20 per request.
 * Responses come in any order and each inner request fails on its own: inner 429, 502, 503 and 504
 * are sent again in a later batch after the longest Retry-After (or backoff), under the client's
 * attempts and time budget, as RetryMiddleware does for a single request (the SDK does not do this
 * for inner requests). Every URL asked for gets its last answer, failures included: a caller must
 * not take an unanswered or failed read for an object that is gone.
 */
export async function batchGet(
  graph: GraphClient,
  urls: readonly string[],
  permission?: string,
): Promise<Map<string, BatchResult>> {
  const options = graph.retryOptions;
  const now = options.now ?? Date.now;
  const started = now();
  const results = new Map<string, BatchResult>();
  let pending = [...new Set(urls)];
  for (let attempt = 1; pending.length; attempt++) {
    const again: string[] = [];
    let waitMs = 0;
    for (let i = 0; i < pending.length; i += BATCH_SIZE) {
      for (const answer of await send(graph, pending.slice(i, i + BATCH_SIZE), permission)) {
        results.set(answer.url, { status: answer.status, body: answer.body });
        if (!RETRYABLE_STATUS.has(answer.status)) continue;
        if (answer.status === 429) graph.stats.throttled++;
        again.push(answer.url);
        waitMs = Math.max(waitMs, retryDelayMs(attempt, answer.retryAfter, options, now()));
      }
    }
    if (!again.length || attempt >= options.maxAttempts || now() - started + waitMs > options.budgetMs) break;
    graph.stats.retries += again.length;
    graph.stats.waitedMs += waitMs;
    await (options.sleep ?? defaultSleep)(waitMs);
    pending = again;
  }
  return results;
}

/** One $batch of GETs; a batch that failed as a whole answers each of its URLs with that failure. */
async function send(graph: GraphClient, chunk: readonly string[], permission: string | undefined): Promise<Answer[]> {
  let body: unknown;
  try {
    body = await graph.post(
      '/v1.0/$batch',
      { requests: chunk.map((url, n) => ({ id: String(n), method: 'GET', url })) },
      permission ? { permission } : {},
    );
  } catch (error) {
    // RetryMiddleware repeats a POST after 429 only (a write may have been done), and a 429 that
    // reaches here has used its attempts; after a 5xx, a batch of GETs is safe to send again.
    if (!(error instanceof GraphError && error.status !== 429 && RETRYABLE_STATUS.has(error.status))) throw error;
    return chunk.map((url) => ({
      url,
      status: error.status,
      body: { error: { code: error.code, message: error.message } },
      retryAfter: null,
    }));
  }
  const answers: Answer[] = [];
  for (const response of batchResponseSchema.parse(body).responses) {
    const url = chunk[Number(response.id)];
    if (url === undefined) continue;
    const retryAfter =
      Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1] ?? null;
    answers.push({ url, status: response.status, body: response.body ?? null, retryAfter });
  }
  return answers;
}
