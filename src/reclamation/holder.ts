import { COPILOT_IDLE, FINDING_KIND, type RequestReason } from '../insights';
import type { ReclamationRequests } from '../store';
import type { ReclamationSettingsValue } from './settings';

/*
 * The license holder's step: before the approver, the person who would lose the license is asked in
 * a personal chat to keep it (with a reason) or release it. A release is their own decision and goes
 * to execution with the same fresh re-check as an approval; a keep, or no answer by the deadline,
 * goes to the approver with what the holder said (docs/holder.md).
 */

/**
 * Findings whose holder is asked: inactive, never signed in, and an idle Copilot seat (the seat goes
 * through the same steps as any license, src/reclamation/copilot/plan.ts). A blocked user cannot
 * sign in to answer; a downgrade or an overlap removal leaves them licensed, so there is nothing to
 * give up.
 */
export const HOLDER_KINDS: readonly RequestReason[] = [FINDING_KIND.inactive, FINDING_KIND.never, COPILOT_IDLE];

/** The short choice list of the holder's Keep; their own words are required besides. */
export const KEEP_REASONS = {
  regular: 'I use it regularly',
  upcoming: 'I need it for upcoming work',
  away: 'I was away (leave, travel)',
  other: 'Another reason',
} as const;
export type KeepReason = keyof typeof KEEP_REASONS;

/** The holder's reason as it is kept on the request and shown to the approver. */
export function keepNote(reason: KeepReason, text: string): string {
  return `${KEEP_REASONS[reason]}: ${text.trim()}`;
}

/** Whether the holder is asked about one item: asked, not asked (the approver is, `answer` says why), or not part of it. */
export type HolderPlan =
  { ask: true } | { ask: false; answer: 'cooldown'; note: string } | { ask: false; answer: null };

const DAY_MS = 86_400_000;

/**
 * Whether the holder of an item can be asked at all: a finding of HOLDER_KINDS, held by an account
 * that is not blocked (an idle Copilot seat can be held by one, who could not sign in to answer
 * before the deadline).
 */
export function holderCanBeAsked(item: { reason: string; evidence: Record<string, unknown> }): boolean {
  return HOLDER_KINDS.includes(item.reason as RequestReason) && item.evidence['accountEnabled'] !== false;
}

/**
 * Asked when the setting is on and the holder can be asked (`holderCanBeAsked`); not asked again about a license they kept within the cooldown, unless the finding
 * changed kind since (e.g. from inactive to never signed in).
 */
export async function holderPlan(
  requests: Pick<ReclamationRequests, 'lastKept'>,
  settings: ReclamationSettingsValue,
  item: { userId: string; skuId: string; reason: string; evidence: Record<string, unknown> },
  now: Date,
): Promise<HolderPlan> {
  if (!settings.askHolder || !holderCanBeAsked(item)) return { ask: false, answer: null };
  const kept = settings.keepCooldownDays > 0 ? await requests.lastKept(item.userId, item.skuId) : null;
  if (kept?.holderAnsweredAt && kept.reason === item.reason) {
    const until = new Date(new Date(kept.holderAnsweredAt).getTime() + settings.keepCooldownDays * DAY_MS);
    if (until > now) {
      return {
        ask: false,
        answer: 'cooldown',
        note: `Kept by the holder on ${kept.holderAnsweredAt.slice(0, 10)} (${kept.holderNote ?? 'no reason recorded'}); not asked again before ${until.toISOString().slice(0, 10)}.`,
      };
    }
  }
  return { ask: true };
}

/** When the one reminder is due: half way between the card reaching the holder and their deadline. */
export function reminderDue(
  request: { askedAt: string | null; askUntil: string | null; remindedAt: string | null },
  now: Date,
): boolean {
  if (!request.askedAt || !request.askUntil || request.remindedAt) return false;
  const from = new Date(request.askedAt).getTime();
  const half = from + (new Date(request.askUntil).getTime() - from) / 2;
  return now.getTime() >= half && now.getTime() < new Date(request.askUntil).getTime();
}
