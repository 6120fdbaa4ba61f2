import { KEEP_REASONS } from '../../reclamation/holder';
import { COPILOT_APP_LABELS, COPILOT_APPS, type ReclamationRequest } from '../../store';
import { VERBS } from '../actions/verbs';
import { licenseText, savingText, type RequestRef } from './approval';
import type { CardAction, Fact } from './card-parts';
import { day, instant, plain } from './format';
import { renderCard, type CardJson } from './render';

export interface HolderCardInput {
  request: ReclamationRequest;
  /** The holder, looking at their own question: Release and Keep while it is open. */
  canAnswer: boolean;
  approverName: string;
  requesterName: string;
  /** Teams ids (29:…) of the holder, whose client refreshes the card to get the buttons. */
  refreshUserIds: string[];
  notice?: string;
  banner: string;
}

/** The data of `templates/holder.json`. */
export interface HolderCard {
  title: string;
  state: string;
  style: string;
  color: string;
  dryRun: string;
  notice: string;
  intro: string;
  facts: Fact[];
  apps: Fact[];
  outcome: string;
  reasons: { title: string; value: string }[];
  release: CardAction<RequestRef> | null;
  keep: CardAction<RequestRef> | null;
  banner: string;
}

/** Where the request stands, in the holder's words. */
function holderState(r: ReclamationRequest, approver: string): { text: string; style: string; color: string } {
  const decided = (text: string, style = 'default', color = 'Default') => ({ text, style, color });
  if (r.state === 'asking')
    return decided(
      r.askUntil ? `Waiting for your answer until ${instant(r.askUntil)}` : 'Waiting for your answer',
      'accent',
      'Accent',
    );
  if (r.state === 'released' || (r.state === 'executing' && r.holderAnswer === 'released'))
    return decided('You released it: removing the license…', 'good', 'Good');
  if (r.state === 'kept') return decided('You kept it: the request is closed', 'good', 'Good');
  if (r.state === 'requested') {
    if (r.holderAnswer === 'released')
      return decided(`You released it: ${approver} confirms the removal`, 'accent', 'Accent');
    if (r.holderAnswer === 'kept')
      return decided(`You kept it: ${approver} decides, with your reason`, 'accent', 'Accent');
    return decided(`No answer in time: ${approver} decides`, 'accent', 'Accent');
  }
  if (r.state === 'reclaimed')
    return decided(
      r.holderAnswer === 'released'
        ? 'Released: the license was removed. Thank you.'
        : `${approver} approved: the license was removed`,
      'default',
      'Default',
    );
  if (r.state === 'rejected') return decided(`You keep it: ${approver} decided so`, 'good', 'Good');
  if (r.state === 'expired') return decided('You keep it: nobody decided in time', 'good', 'Good');
  if (r.state === 'undone') return decided('The license was given back to you', 'good', 'Good');
  if (r.state === 'skipped') return decided('You keep it: the license was not removed', 'good', 'Good');
  if (r.state === 'failed') return decided('Not removed yet: an error stopped it', 'warning', 'Warning');
  return decided(`${approver} approved: removing the license…`, 'default', 'Default');
}

/**
 * Last use per app as the request recorded it: `[{ app, date }]`. Report data is kept 90 days
 * (src/tasks/retention.ts), so a long-inactive holder often has no dated app: the card says so
 * rather than leaving the evidence out. A request made before apps were recorded shows none.
 */
function appFacts(evidence: Record<string, unknown>): Fact[] {
  if (typeof evidence['copilotApps'] === 'object' && evidence['copilotApps'] !== null)
    return copilotAppFacts(evidence['copilotApps'] as Record<string, unknown>);
  if (!Array.isArray(evidence['apps'])) return [];
  const dated = evidence['apps']
    .filter(
      (a): a is { app: string; date: string } =>
        typeof a === 'object' &&
        a !== null &&
        typeof (a as { app?: unknown }).app === 'string' &&
        typeof (a as { date?: unknown }).date === 'string',
    )
    .slice(0, 12)
    .map((a) => ({ title: plain(a.app), value: day(a.date) }));
  return dated.length ? dated : [{ title: 'Every app', value: 'no activity in 90 days' }];
}

/**
 * An idle Copilot seat's evidence (src/reclamation/copilot/plan.ts): the last Copilot use in each app,
 * newest first; the apps never used are left out, and a seat never used at all says so.
 */
function copilotAppFacts(apps: Record<string, unknown>): Fact[] {
  const dated = COPILOT_APPS.flatMap((app) =>
    typeof apps[app] === 'string' ? [{ app, date: apps[app] as string }] : [],
  )
    .sort((a, b) => b.date.localeCompare(a.date))
    .map((a) => ({ title: COPILOT_APP_LABELS[a.app], value: day(a.date) }));
  return dated.length ? dated : [{ title: 'Every Copilot app', value: 'no use recorded' }];
}

/** The last use the request recorded: of Copilot for an idle seat, else of any app (with where). */
function lastUseText(evidence: Record<string, unknown>): string {
  if (typeof evidence['seatState'] === 'string') {
    if (evidence['seatState'] !== 'never' && typeof evidence['lastCopilotUse'] === 'string')
      return `${day(evidence['lastCopilotUse'])} (Copilot)`;
    return `no Copilot use since the assignment${typeof evidence['assignedAt'] === 'string' ? ` on ${day(evidence['assignedAt'])}` : ''}`;
  }
  if (typeof evidence['lastUse'] !== 'string') return 'no use recorded';
  return `${day(evidence['lastUse'])}${typeof evidence['lastUseSource'] === 'string' ? ` (${evidence['lastUseSource']})` : ''}`;
}

/** Data for `templates/holder.json`: the license holder's question, keep or release, and what became of it. */
export function holderCardData(input: HolderCardInput): HolderCard {
  const r = input.request;
  const ref = { requestId: r.id, version: r.version };
  const open = input.canAnswer && r.state === 'asking' && !!r.askUntil;
  const state = holderState(r, plain(input.approverName));
  return {
    title: `Do you still need ${plain(licenseText(r))}?`,
    state: state.text,
    style: state.style,
    color: state.color,
    dryRun: r.dryRun ? 'Dry run: your answer is recorded, but no license is removed.' : '',
    notice: input.notice ?? '',
    intro: `Your organisation pays for a license you have not used lately. If you don't need it, release it and it goes to someone who does. If you do, keep it and say why: ${plain(input.approverName)} then decides. Without an answer by the deadline, ${plain(input.approverName)} decides.`,
    facts: [
      { title: 'License', value: plain(licenseText(r)) },
      { title: 'Cost', value: savingText(r) },
      { title: 'Last use', value: lastUseText(r.evidence) },
      ...(r.askUntil ? [{ title: 'Answer by', value: instant(r.askUntil) }] : []),
      { title: 'Asked by', value: plain(input.requesterName) },
    ],
    apps: appFacts(r.evidence),
    outcome:
      r.holderAnswer === 'kept' && r.holderNote
        ? `Your reason: ${plain(r.holderNote)}`
        : r.state !== 'asking' && r.outcome
          ? plain(r.outcome)
          : '',
    reasons: Object.entries(KEEP_REASONS).map(([value, title]) => ({ title, value })),
    release: open ? { verb: VERBS.holderRelease, data: ref } : null,
    keep: open ? { verb: VERBS.holderKeep, data: ref } : null,
    banner: input.banner,
  };
}

/** The holder's card; `refresh` (while open) makes the holder's client ask for their buttons, anyone else's for the state. */
export function holderCard(input: HolderCardInput): CardJson {
  const card = renderCard('holder', holderCardData(input));
  if (input.request.state === 'asking') {
    card['refresh'] = {
      action: {
        type: 'Action.Execute',
        verb: VERBS.holderRefresh,
        data: { requestId: input.request.id, version: input.request.version },
      },
      ...(input.refreshUserIds.length ? { userIds: input.refreshUserIds } : {}),
    };
  }
  return card;
}
