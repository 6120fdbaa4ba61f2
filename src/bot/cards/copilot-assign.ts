import type { CopilotWaitlistEntry } from '../../store';
import { VERBS } from '../actions/verbs';
import type { CardAction, CardVerb, Fact } from './card-parts';
import { count, day, instant, money, plain, type Money } from './format';

/** What Confirm and Undo carry back: the entry and the version the card showed, nothing else. */
export interface SeatActionData {
  entryId: string;
  version: number;
}

export interface CopilotAssignInput {
  entry: CopilotWaitlistEntry;
  /** Place in line, when waiting. */
  position: number | null;
  /** Seats free as the store knows them (Confirm reads them from Graph again). */
  free: number;
  perSeat: Money | null;
  /** Why the last action did nothing (shown instead of the buttons it refused). */
  refusal?: string;
  /** The viewer may assign and undo (an admin). */
  admin: boolean;
  banner: string;
}

/** The data of `templates/copilot-assign.json`. */
export interface CopilotAssignCard {
  title: string;
  style: 'good' | 'accent' | 'warning' | 'default';
  text: string;
  banner: string;
  facts: Fact[];
  note: string;
  confirm: CardAction<SeatActionData> | null;
  undo: CardAction<SeatActionData> | null;
  cancel: CardVerb | null;
}

/**
 * Data for `templates/copilot-assign.json`: the proposal of a free Copilot seat for someone waiting
 * (preview, Confirm), then what became of it (assigned with Undo, undone, not made and why).
 */
export function copilotAssignCardData(i: CopilotAssignInput): CopilotAssignCard {
  const e = i.entry;
  const person = `${plain(e.displayName ?? e.userPrincipalName)} (${e.userPrincipalName})`;
  const data = { entryId: e.id, version: e.version };
  const facts: Fact[] = [
    { title: 'Person', value: person },
    ...(e.state === 'waiting' && i.position
      ? [{ title: 'Place in line', value: `${count(i.position)}, asked ${day(e.requestedAt)}` }]
      : [{ title: 'Asked', value: day(e.requestedAt) }]),
    ...(e.reason ? [{ title: 'Reason', value: `"${plain(e.reason)}"` }] : []),
    ...(e.state === 'waiting'
      ? [{ title: 'Seats free', value: `${count(i.free)} (as of the last sync; Confirm checks Graph again)` }]
      : []),
    ...(i.perSeat ? [{ title: 'Cost', value: `${money(i.perSeat)} a month` }] : []),
    ...(e.assignedAt ? [{ title: 'Assigned', value: `${instant(e.assignedAt)}` }] : []),
  ];
  const refusal = i.refusal ? `Nothing was done: ${i.refusal}` : '';
  switch (e.state) {
    case 'waiting':
      return {
        title: 'Assign a Copilot seat: preview',
        style: 'accent',
        banner: i.banner,
        facts,
        text:
          refusal ||
          (i.free > 0
            ? 'A Microsoft 365 Copilot seat is free for the next person on the waitlist. Nothing is assigned until you Confirm.'
            : 'No Copilot seat is free as of the last sync: Confirm checks Graph, and assigns only if one is.'),
        note: 'Confirm assigns the license with one call to Graph, recorded in the audit history; Undo gives it back within 30 days.',
        confirm: i.admin ? { verb: VERBS.copilotAssign, data } : null,
        undo: null,
        cancel: i.admin ? { verb: VERBS.reclaimCancel } : null,
      };
    case 'assigned':
      return {
        title: 'Copilot seat assigned',
        style: 'good',
        banner: i.banner,
        facts,
        text: refusal || `${person} now holds a Microsoft 365 Copilot license and is off the waitlist.`,
        note: 'Recorded in the audit history.',
        confirm: null,
        undo: i.admin ? { verb: VERBS.copilotUndo, data } : null,
        cancel: null,
      };
    case 'undone':
      return {
        title: 'Copilot assignment undone',
        style: 'default',
        banner: i.banner,
        facts,
        text: refusal || `The license was removed again; ${person} is back on the waitlist at their place.`,
        note: 'Recorded in the audit history.',
        confirm: null,
        undo: null,
        cancel: null,
      };
    default:
      return {
        title: 'Nothing was assigned',
        style: 'warning',
        banner: i.banner,
        facts,
        text: refusal || `This request is ${e.state}${e.outcome ? `: ${plain(e.outcome)}` : '.'}`,
        note: '',
        confirm: null,
        undo: null,
        cancel: null,
      };
  }
}
