import { derivedGuid } from '../util/guid';

/**
 * Request ids tie signInActivity to the sign-in log: a user's lastSignInRequestId is the id of the
 * log entry at that second (docs/graph-behaviour.md §2.3 and §6).
 */
const SIGN_IN_SALT = 0x5133;
const NON_INTERACTIVE_SALT = 0x7a11;
const CORRELATION_SALT = 0x0c0e;

export function signInId(seed: number, user: number, ms: number): string {
  return derivedGuid(seed ^ SIGN_IN_SALT, user, Math.floor(ms / 1000));
}

export function nonInteractiveSignInId(seed: number, user: number, ms: number): string {
  return derivedGuid(seed ^ NON_INTERACTIVE_SALT, user, Math.floor(ms / 1000));
}

export function correlationId(seed: number, user: number, ms: number): string {
  return derivedGuid(seed ^ CORRELATION_SALT, user, Math.floor(ms / 1000));
}
