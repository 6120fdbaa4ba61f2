import type { Rng } from '../util/random';
import { GraphError } from '../graph/errors';
import type { FaultSettings, PathFault } from '../settings';
import { retryAfterSeconds } from '../throttle/throttler';
import { tooManyRequests } from '../throttle/too-many-requests';

/** The request a fault may hit: its version and path (`/v1.0/groups/{id}`), and whether it came inside a $batch. */
export interface FaultTarget {
  readonly path: string;
  readonly inBatch: boolean;
}

/**
 * Faults switched on at run time: a path that fails on purpose, then a random share of 429s and of
 * 503/504s (docs/graph-behaviour.md §0 and §9: 503 may carry Retry-After, 504 "may occur together with 503"), of
 * every request or of the requests inside a $batch only, which Graph answers as sub-responses with
 * the error envelope while the batch itself answers 200 (docs/graph-behaviour.md §8). Drawn from a seeded
 * generator, so a test run replays the same faults for the same sequence of requests.
 */
export function injectedFault(
  faults: FaultSettings,
  rng: Rng,
  timeScale: number,
  target: FaultTarget,
): GraphError | undefined {
  const retryMs = 2000 * timeScale;
  const pinned = pathFault(faults.pathFaults, target.path);
  if (pinned)
    return pinned.status === 429
      ? tooManyRequests(retryMs)
      : serverError(pinned.status, pinned.status === 503 ? retryMs : null);
  if (faults.throttleRate > 0 && rng.chance(faults.throttleRate)) return tooManyRequests(retryMs);
  const serverErrorRate = target.inBatch
    ? Math.max(faults.serverErrorRate, faults.batchServerErrorRate)
    : faults.serverErrorRate;
  if (serverErrorRate > 0 && rng.chance(serverErrorRate)) {
    const variant = rng.int(4);
    return serverError(variant < 2 ? 503 : 504, variant % 2 === 0 ? retryMs : null);
  }
  return undefined;
}

/** The fault of this path, if it still has answers to fail (each answer counts). */
function pathFault(pathFaults: PathFault[], path: string): PathFault | undefined {
  const key = path.toLowerCase();
  const fault = pathFaults.find((f) => f.path === key && f.remaining !== 0);
  if (fault && fault.remaining !== null) fault.remaining--;
  return fault;
}

const SERVER_ERRORS: Record<500 | 502 | 503 | 504, [code: string, message: string]> = {
  500: ['generalException', 'An unspecified error has occurred.'],
  502: ['badGateway', 'The gateway received an invalid response from the service.'],
  503: ['serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.'],
  504: ['gatewayTimeout', 'The gateway did not receive a timely response from the service.'],
};

function serverError(status: 500 | 502 | 503 | 504, retryAfterMs: number | null): GraphError {
  const [code, message] = SERVER_ERRORS[status];
  return new GraphError(
    status,
    code,
    message,
    retryAfterMs === null ? {} : { 'retry-after': retryAfterSeconds(retryAfterMs) },
  );
}
