/**
 * asking → released | kept | requested; requested → approved | rejected | expired; approved | released →
 * executing → reclaimed | skipped | failed → undone. `asking` is the license holder's step (keep or
 * release, src/reclamation/holder.ts): a release goes to execution like an approval, a keep or no
 * answer to the approver (`requested`), or closes the request (`kept`) when the policy says so.
 */
export const REQUEST_STATES = [
  'asking',
  'released',
  'kept',
  'requested',
  'approved',
  'rejected',
  'expired',
  'executing',
  'reclaimed',
  'skipped',
  'failed',
  'undone',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/**
 * Requests still open: at most one per user and license (the unique index UQ_requests_open_user_sku,
 * created by migration 1764374400000 and widened to the holder's states by 1765756800000), and what
 * the approvals card lists as pending.
 */
export const OPEN_REQUEST_STATES = [
  'asking',
  'released',
  'requested',
  'approved',
  'executing',
  'failed',
] as const satisfies readonly RequestState[];

/**
 * What became of the holder's step, kept on the request (`holderAnswer`): asked and waiting, released
 * their license, kept it (with a reason), did not answer by the deadline, could not be asked (the
 * reason in `holderNote`), or not asked again because they kept it recently (cooldown).
 */
export const HOLDER_ANSWERS = ['asking', 'released', 'kept', 'unanswered', 'unreachable', 'cooldown'] as const;
export type HolderAnswer = (typeof HOLDER_ANSWERS)[number];
