import type { Rng } from '../util/random';
import { GraphError } from '../graph/errors';
import type { FaultSettings } from '../settings';
import { retryAfterSeconds } from '../throttle/throttler';
import { tooManyRequests } from '../throttle/too-many-requests';

/**
 * Random faults switched on at run time: a share of 429s and of 503/504s (contract §0 and §9: 503 may
 * carry Retry-After, 504 "may occur together with 503"). Drawn from a seeded generator, so a test run
 * replays the same faults for the same sequence of requests.
 */
export function injectedFault(faults: FaultSettings, rng: Rng, timeScale: number): GraphError | undefined {
  const retryMs = 2000 * timeScale;
  if (faults.throttleRate > 0 && rng.chance(faults.throttleRate)) return tooManyRequests(retryMs);
  if (faults.serverErrorRate > 0 && rng.chance(faults.serverErrorRate)) {
    const variant = rng.int(4);
    const headers: Record<string, string> = variant % 2 === 0 ? { 'retry-after': retryAfterSeconds(retryMs) } : {};
    return variant < 2
      ? new GraphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.', headers)
      : new GraphError(504, 'gatewayTimeout', 'The gateway did not receive a timely response from the service.', headers);
  }
  return undefined;
}
