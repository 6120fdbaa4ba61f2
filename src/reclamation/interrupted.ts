import type { ReclamationRequest } from '../store';
import { holds, type FreshUser } from './recheck';

/** The change a request makes is in the tenant: the old SKU gone and, for a downgrade, the new one held. */
export function landed(user: FreshUser | null, request: Pick<ReclamationRequest, 'skuId' | 'toSkuId'>): boolean {
  return !!user && !holds(user, request.skuId) && (!request.toSkuId || holds(user, request.toSkuId));
}

export interface Settlement {
  state: 'reclaimed' | 'failed' | 'skipped';
  outcome: string;
}

/**
 * What an execution a crash interrupted became, from a fresh read of the user, never from a blind
 * second call. The license gone counts as our removal only when the write had been sent
 * (`writeSentAt`): gone before that, someone else removed it, and nothing is ours to count or undo.
 * Still held after the write was sent, the write may yet land: Retry reads the user again first.
 */
export function settleInterrupted(
  request: Pick<ReclamationRequest, 'skuId' | 'toSkuId' | 'writeSentAt'>,
  user: FreshUser | null,
): Settlement {
  const sent = request.writeSentAt !== null;
  const old = !!user && holds(user, request.skuId);
  if (!request.toSkuId) {
    if (old) {
      return failed(
        sent
          ? 'Interrupted while the removal was being sent; the license is still assigned. Retry: if the removal lands meanwhile, Retry finds it done and sends nothing.'
          : 'Interrupted before the license was removed: it is still assigned. Retry to remove it.',
      );
    }
    return sent
      ? {
          state: 'reclaimed',
          outcome:
            'Interrupted after the removal was sent: the license is gone (found by reading the user at start-up).',
        }
      : {
          state: 'skipped',
          outcome:
            'Interrupted before the removal was sent, and the license is gone: someone else removed it. Nothing was done.',
        };
  }
  const replaced = !!user && holds(user, request.toSkuId);
  if (!old && replaced) {
    return sent
      ? {
          state: 'reclaimed',
          outcome: 'Interrupted after the downgrade: the user holds the new license, not the old one.',
        }
      : {
          state: 'skipped',
          outcome:
            'Interrupted before the downgrade was sent, and the user already holds the new license, not the old one: someone else changed it. Nothing was done.',
        };
  }
  if (old && !replaced)
    return failed('Interrupted before the downgrade: the old license is still assigned. Retry to downgrade.');
  return failed(
    `Interrupted; the user now holds ${!user ? 'nothing (deleted)' : old ? 'both licenses' : 'neither license'}: check the user's licenses before retrying.`,
  );
}

const failed = (outcome: string): Settlement => ({ state: 'failed', outcome });
