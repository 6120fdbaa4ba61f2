import {
  COPILOT_APP_LABELS,
  COPILOT_APPS,
  OPEN_REQUEST_STATES,
  type ReclamationRequest,
  type RequestState,
} from '../../store';
import { VERBS } from '../actions/verbs';
import type { CardAction, Fact } from './card-parts';
import { ago, day, groupDigits, instant, plain } from './format';
import { renderCard, type CardJson } from './render';

/** What the person looking at the card may do; decided on the server for each viewer. */
export interface ApprovalView {
  decide: boolean;
  undo: boolean;
  retry: boolean;
}
export const EVERYONE: ApprovalView = { decide: false, undo: false, retry: false };

export interface ApprovalCardInput {
  request: ReclamationRequest;
  userName: string | null;
  requesterName: string;
  approverName: string;
  view: ApprovalView;
  /** Teams user ids whose client refreshes the card to get their own buttons (the approver's). */
  refreshUserIds: string[];
  /** Shown above the facts, e.g. why a click was refused. */
  notice?: string;
  now: Date;
  banner: string;
}

const STATES: Record<string, { text: string; style: string; color: string }> = {
  asking: { text: 'Asking the license holder first', style: 'accent', color: 'Accent' },
  released: { text: 'Released by the holder — removing the license…', style: 'good', color: 'Good' },
  kept: { text: 'Kept by the holder — closed', style: 'default', color: 'Default' },
  requested: { text: 'Waiting for approval', style: 'accent', color: 'Accent' },
  approved: { text: 'Approved — removing the license…', style: 'good', color: 'Good' },
  executing: { text: 'Approved — removing the license…', style: 'good', color: 'Good' },
  reclaimed: { text: 'Reclaimed', style: 'good', color: 'Good' },
  rejected: { text: 'Rejected', style: 'default', color: 'Default' },
  expired: { text: 'Expired without a decision', style: 'default', color: 'Default' },
  skipped: { text: 'Skipped', style: 'warning', color: 'Warning' },
  failed: { text: 'Failed', style: 'attention', color: 'Attention' },
  undone: { text: 'Undone — license assigned again', style: 'default', color: 'Default' },
};

const REASONS: Record<string, string> = {
  inactive: 'Inactive',
  never: 'Never signed in',
  blocked: 'Sign-in blocked, still licensed',
  policy: 'Policy',
  downgrade: 'A cheaper license covers the services used in 90 days',
  overlap: 'Included in another license the user holds',
  'copilot-idle': 'Microsoft 365 Copilot seat idle',
};

/** A downgrade's states say what happens to the user: they keep a license throughout. */
const DOWNGRADE_STATES: Record<string, string> = {
  approved: 'Approved — downgrading…',
  executing: 'Approved — downgrading…',
  reclaimed: 'Downgraded',
  undone: 'Undone — the original license assigned again',
};

export function stateText(state: string, downgrade = false): string {
  return (downgrade ? DOWNGRADE_STATES[state] : undefined) ?? STATES[state]?.text ?? state;
}

/** The license a request is about: its name, and for a downgrade "old → new". */
export function licenseText(r: Pick<ReclamationRequest, 'skuId' | 'toSkuId' | 'evidence'>): string {
  const name = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  const from = name(r.evidence['skuName'], r.skuId);
  return r.toSkuId ? `${from} → ${name(r.evidence['toSkuName'], r.toSkuId)}` : from;
}

export function savingText(r: Pick<ReclamationRequest, 'monthlySaving' | 'currency'>): string {
  return r.monthlySaving && r.currency
    ? `${groupDigits(r.monthlySaving)} ${r.currency} a month`
    : 'unknown (no cost entered)';
}

/** An idle Copilot seat's evidence (src/reclamation/copilot/plan.ts): days without Copilot, the last use and in which apps. */
function copilotEvidenceText(e: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof e['daysIdle'] === 'number') parts.push(`${e['daysIdle']} days without Copilot`);
  const last = typeof e['lastCopilotUse'] === 'string' ? e['lastCopilotUse'] : null;
  if (e['seatState'] === 'never' || !last) {
    parts.push(
      `no Copilot use since the assignment${typeof e['assignedAt'] === 'string' ? ` on ${day(e['assignedAt'])}` : ''}`,
    );
  } else {
    const apps = (e['copilotApps'] ?? {}) as Record<string, unknown>;
    const that = COPILOT_APPS.filter((app) => apps[app] === last).map((app) => COPILOT_APP_LABELS[app]);
    parts.push(`last Copilot use ${last}${that.length ? ` (${that.join(', ')})` : ''}`);
  }
  if (typeof e['confidence'] === 'string') parts.push(`confidence ${e['confidence']}`);
  return parts.join(' · ');
}

/** What the license holder said (or why they were not asked), for the approver and everyone else. */
export function holderText(
  r: Pick<ReclamationRequest, 'holderAnswer' | 'holderNote' | 'askUntil' | 'askedAt'>,
): string | null {
  const note = r.holderNote ? plain(r.holderNote) : '';
  switch (r.holderAnswer) {
    case 'asking':
      return r.askedAt && r.askUntil
        ? `asked; answer due ${instant(r.askUntil)}`
        : 'to be asked (their card is on its way)';
    case 'released':
      return 'released it (their consent is recorded)';
    case 'kept':
      return `kept it: ${note}`;
    case 'unanswered':
      return note ? note.replace(/\.$/, '') : 'no answer';
    case 'unreachable':
      return `not asked: ${note}`;
    case 'cooldown':
      return `not asked again: ${note}`;
    default:
      return null;
  }
}

function evidenceText(e: Record<string, unknown>): string {
  if (typeof e['seatState'] === 'string') return copilotEvidenceText(e);
  if (typeof e['coveredByName'] === 'string')
    return `everything it gives is in ${e['coveredByName']}, which the user keeps`;
  if (Array.isArray(e['usedServices'])) {
    const used = e['usedServices'].filter((s): s is string => typeof s === 'string');
    const lost = Array.isArray(e['lostPlans']) ? e['lostPlans'].filter((s): s is string => typeof s === 'string') : [];
    return [
      `uses ${used.join(', ') || 'none of the services'}`,
      ...(lost.length
        ? [`would lose ${lost.slice(0, 4).join(', ')}${lost.length > 4 ? ` and ${lost.length - 4} more` : ''}`]
        : []),
    ].join(' · ');
  }
  const parts: string[] = [];
  if (typeof e['daysSinceLastUse'] === 'number') parts.push(`${e['daysSinceLastUse']} days since last use`);
  if (typeof e['lastUse'] === 'string')
    parts.push(
      `last use ${day(e['lastUse'])}${typeof e['lastUseSource'] === 'string' ? ` (${e['lastUseSource']})` : ''}`,
    );
  else parts.push('no use ever recorded');
  if (e['accountEnabled'] === false) parts.push('sign-in blocked');
  if (typeof e['confidence'] === 'string') parts.push(`confidence ${e['confidence']}`);
  return parts.join(' · ');
}

/** What the approval card's buttons carry, and nothing else. */
export interface RequestRef {
  requestId: string;
  version: number;
}

/** The data of `templates/approval.json`. */
export interface ApprovalCard {
  title: string;
  /** The state in words, its container style and text color. */
  state: string;
  style: string;
  color: string;
  banner: string;
  dryRun: string;
  notice: string;
  facts: Fact[];
  outcome: string;
  comment: string;
  /** Shows the comment box with Approve / Reject. */
  canDecide: boolean;
  /** Approve / Reject, Undo or Retry, as the viewer may; `style` is the Action.Execute style. */
  actions: (CardAction<RequestRef> & { title: string; style: string })[];
}

/** Data for `templates/approval.json`. The buttons carry `{ requestId, version }` and nothing else. */
export function approvalCardData(input: ApprovalCardInput): ApprovalCard {
  const r = input.request;
  const state = {
    ...(STATES[r.state] ?? { text: r.state, style: 'default', color: 'Default' }),
    text: stateText(r.state, r.toSkuId !== null),
  };
  const ref = { requestId: r.id, version: r.version };
  const actions = [
    ...(input.view.decide && r.state === 'requested'
      ? [
          { title: 'Approve', verb: VERBS.approve, data: ref, style: 'positive' },
          { title: 'Reject', verb: VERBS.reject, data: ref, style: 'destructive' },
        ]
      : []),
    ...(input.view.undo && r.state === 'reclaimed'
      ? [{ title: 'Undo', verb: VERBS.undo, data: ref, style: 'default' }]
      : []),
    ...(input.view.retry && r.state === 'failed'
      ? [{ title: 'Retry', verb: VERBS.retry, data: ref, style: 'positive' }]
      : []),
  ];
  const downgrade = r.toSkuId !== null;
  return {
    title: downgrade ? 'License downgrade request' : 'License reclamation request',
    state: state.text,
    style: state.style,
    color: state.color,
    banner: input.banner,
    dryRun: r.dryRun
      ? `DRY RUN: everything is checked and recorded, but no license is ${downgrade ? 'changed in' : 'removed from'} the tenant.`
      : '',
    notice: input.notice ?? '',
    facts: [
      { title: 'User', value: `${plain(input.userName ?? r.userPrincipalName)} (${r.userPrincipalName})` },
      { title: 'License', value: plain(licenseText(r)) },
      { title: 'Reason', value: REASONS[r.reason] ?? r.reason },
      { title: 'Evidence', value: evidenceText(r.evidence) },
      ...(holderText(r) ? [{ title: 'Holder', value: holderText(r)! }] : []),
      { title: r.state === 'reclaimed' ? 'Saving' : 'Monthly saving', value: savingText(r) },
      { title: 'Requested by', value: plain(input.requesterName) },
      { title: 'Approver', value: plain(input.approverName) },
      { title: 'Requested', value: `${instant(r.createdAt)} (${ago(r.createdAt, input.now)})` },
      ...(r.state === 'requested'
        ? [{ title: 'Expires', value: instant(r.expiresAt) }]
        : r.state === 'asking'
          ? []
          : [{ title: 'Updated', value: instant(r.updatedAt) }]),
    ],
    outcome: r.outcome ? plain(r.outcome) : '',
    comment: r.comment ? `Comment: ${plain(r.comment)}` : '',
    canDecide: input.view.decide && r.state === 'requested',
    actions,
  };
}

/** The approval card; `refresh` is added after expansion (a template cannot omit a property). */
export function approvalCard(input: ApprovalCardInput): CardJson {
  const card = renderCard('approval', approvalCardData(input));
  // Open, or reclaimed (Undo may still come): the card may change, so Teams refreshes it.
  const live = ([...OPEN_REQUEST_STATES, 'reclaimed'] as readonly RequestState[]).includes(input.request.state);
  if (live) {
    card['refresh'] = {
      action: {
        type: 'Action.Execute',
        verb: VERBS.approvalRefresh,
        data: { requestId: input.request.id, version: input.request.version },
      },
      ...(input.refreshUserIds.length ? { userIds: input.refreshUserIds } : {}),
    };
  }
  return card;
}
