import { GraphError } from '../graph/errors';
import { retryAfterSeconds } from './throttler';

/** The documented 429 (docs/graph-behaviour.md §9): TooManyRequests with inner code/status "429" and a Retry-After. */
export function tooManyRequests(retryAfterMs: number, headers: Readonly<Record<string, string>> = {}): GraphError {
  return new GraphError(
    429,
    'TooManyRequests',
    'Please retry again later.',
    { ...headers, 'retry-after': retryAfterSeconds(retryAfterMs) },
    { code: '429', message: 'Please retry after', status: '429' },
  );
}
