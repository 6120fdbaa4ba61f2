import type { AuditEvent } from '../../store';
import { instant } from './format';

export interface HistoryCardInput {
  upn: string;
  displayName: string | null;
  /** Newest first. */
  events: readonly AuditEvent[];
  /** Events beyond those shown. */
  more: number;
  /** Display names of the actors, by Entra object id. */
  actors: ReadonlyMap<string, string>;
}

/** `reclaim.approved` → `Reclaim approved` */
function words(action: string): string {
  const text = action.replace(/[._-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A line of the detail worth showing: strings and numbers only, a few keys, never a blob. */
function detailText(detail: Record<string, unknown>): string {
  // Request steps carry ids and the version first; what a person wants is where it went and why.
  const first = ['to', 'why', 'comment', 'reason', 'dryRun', 'error'];
  const hidden = new Set(['userId', 'skuId', 'version', 'approverId']);
  return Object.entries(detail)
    .filter(([k, v]) => !hidden.has(k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))
    .sort(
      ([a], [b]) =>
        (first.includes(a) ? first.indexOf(a) : first.length) - (first.includes(b) ? first.indexOf(b) : first.length),
    )
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

/** The data of `templates/history.json`. */
export interface HistoryCard {
  title: string;
  subtitle: string;
  empty: string;
  events: { what: string; who: string; outcome: string; color: string; when: string; detail: string }[];
  more: string;
}

/** Data for `templates/history.json`: the audit history of one user, newest first. */
export function historyCardData(input: HistoryCardInput): HistoryCard {
  return {
    title: `History of ${input.displayName ?? input.upn}`,
    subtitle: input.upn,
    empty: 'Nothing recorded for this user yet: no reclamation was requested, approved or carried out.',
    events: input.events.map((e) => ({
      what: words(e.action),
      who: e.actor === 'system' ? 'by License Steward' : `by ${input.actors.get(e.actor) ?? e.actor}`,
      outcome:
        e.outcome === 'ok' ? 'OK' : e.outcome === 'refused' ? 'Refused' : e.outcome === 'failed' ? 'Failed' : e.outcome,
      color: e.outcome === 'ok' ? 'Good' : e.outcome === 'failed' ? 'Attention' : 'Warning',
      when: instant(e.at),
      detail: detailText(e.detail),
    })),
    more: input.more > 0 ? `${input.more} older event(s) not shown.` : '',
  };
}
