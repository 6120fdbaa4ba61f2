import type { CurrencyAmount } from '../../insights';
import type { AskBatch, HolderAsk, ReclamationRequest } from '../../store';
import { VERBS } from '../actions/verbs';
import { stateText } from './approval';
import type { CardAction, Fact } from './card-parts';
import { count, instant, money, plain, plural } from './format';
import { renderCard, type CardJson } from './render';

/** Rows listed on a batch's card; the rest are counted (28 KB card limit). */
const SHOWN = 15;

export interface AsksCardInput {
  batch: AskBatch;
  asks: readonly HolderAsk[];
  requests: ReadonlyMap<string, ReclamationRequest>;
  dryRun: boolean;
  banner: string;
  notice?: string;
}

/** The data of `templates/asks.json`: a batch of holder asks and where each stands, updated in place. */
export interface AsksCard {
  title: string;
  subtitle: string;
  dryRun: string;
  notice: string;
  progress: string;
  answers: string;
  facts: Fact[];
  rows: { who: string; state: string }[];
  more: string;
  banner: string;
}

/** One ask in words: where its request stands, from the holder's step on. */
export function askState(ask: HolderAsk, request: ReclamationRequest | undefined): string {
  if (!request) {
    if (ask.status === 'draft') return 'waiting for Confirm';
    if (ask.status === 'pending' || ask.status === 'sending') return 'waiting to be sent';
    return `not asked: ${plain(ask.note ?? ask.status)}`;
  }
  const note = request.holderNote ? plain(request.holderNote) : '';
  const name = request.evidence['approverName'];
  // The admin following the batch sees who decides next, not only that someone does.
  const approver = typeof name === 'string' && name ? `their approver ${plain(name)}` : 'their approver';
  switch (request.state) {
    case 'asking':
      return request.askedAt && request.askUntil
        ? `asked, answer due ${instant(request.askUntil)}`
        : 'waiting to be sent';
    case 'requested':
      if (request.holderAnswer === 'kept') return `kept it (${note}): ${approver} decides`;
      if (request.holderAnswer === 'unanswered') return `no answer in time: ${approver} decides`;
      if (request.holderAnswer === 'unreachable') return `could not be asked (${note}): ${approver} decides`;
      if (request.holderAnswer === 'released') return `released it: ${approver} confirms`;
      return `waiting for ${approver}`;
    case 'released':
      return 'released it: removing the license…';
    case 'kept':
      return `kept it (${note}): closed`;
    case 'reclaimed':
      return request.holderAnswer === 'released' ? 'released it: reclaimed' : 'reclaimed';
    default:
      return stateText(request.state).toLowerCase();
  }
}

/** Data for `templates/asks.json`. */
export function asksCardData(input: AsksCardInput): AsksCard {
  const { asks, requests, batch } = input;
  const of = (a: HolderAsk) => (a.requestId ? requests.get(a.requestId) : undefined);
  const answer = (k: string) => asks.filter((a) => of(a)?.holderAnswer === k).length;
  const sent = asks.filter((a) => a.status === 'sent').length;
  const waiting = asks.filter((a) => ['draft', 'pending', 'sending'].includes(a.status)).length;
  const notAsked = asks.length - sent - waiting;
  const people = new Set(asks.map((a) => a.userId)).size;
  const monthly: CurrencyAmount[] = [];
  for (const a of asks) {
    if (!a.monthlyCost || !a.currency) continue;
    const sum = monthly.find((m) => m.currency === a.currency);
    if (sum) sum.amount = (Number(sum.amount) + Number(a.monthlyCost)).toFixed(2);
    else monthly.push({ currency: a.currency, amount: Number(a.monthlyCost).toFixed(2) });
  }
  const asking = asks.filter((a) => of(a)?.state === 'asking' && of(a)?.askedAt).length;
  return {
    title:
      batch.kind === 'bulk'
        ? `Asking ${plural(people, 'license holder')}`
        : people === 1
          ? 'Asking the license holder first'
          : `Asking ${plural(people, 'license holder')} first`,
    subtitle:
      batch.kind === 'bulk'
        ? `From the ${batch.list ?? ''} list. Each gets a card in a personal chat: keep (with a reason) or release. Whoever keeps it or does not answer goes to their approver.`
        : 'They get a card in a personal chat: keep (with a reason) or release. If they keep it or do not answer, their approver decides.',
    dryRun: input.dryRun ? 'Dry run: answers are recorded, but no license is removed.' : '',
    notice: input.notice ?? '',
    progress: `Sent ${count(sent)} of ${count(asks.length)}${waiting ? ` · ${count(waiting)} waiting to be sent` : ''}${notAsked ? ` · ${count(notAsked)} not asked` : ''}`,
    answers: `Released ${count(answer('released'))} · Kept ${count(answer('kept'))} · No answer ${count(answer('unanswered'))} · Waiting for an answer ${count(asking)}`,
    facts: [
      { title: 'People', value: count(people) },
      { title: 'Licenses', value: count(asks.length) },
      { title: 'Monthly cost', value: money(monthly, 'no cost known') },
    ],
    rows: asks.slice(0, SHOWN).map((a) => ({
      who: `**${plain(a.displayName ?? a.userPrincipalName)}** · ${plain(a.skuName)}`,
      state: askState(a, of(a)),
    })),
    more: asks.length > SHOWN ? `And ${count(asks.length - SHOWN)} more: \`approvals\` lists every request.` : '',
    banner: input.banner,
  };
}

export function asksCard(input: AsksCardInput): CardJson {
  return renderCard('asks', asksCardData(input));
}

export interface AskPreviewInput {
  batchId: string;
  list: string;
  people: number;
  licenses: number;
  monthly: CurrencyAmount[];
  left: readonly { who: string; why: string }[];
  dryRun: boolean;
  askDays: number;
  banner: string;
}

/** The data of `templates/ask-preview.json`: who would be asked, before anything is sent. */
export interface AskPreviewCard {
  title: string;
  subtitle: string;
  dryRun: string;
  facts: Fact[];
  left: { text: string }[];
  leftMore: string;
  confirm: CardAction<{ batchId: string }>;
  cancel: CardAction<{ batchId: string }>;
  banner: string;
}

export function askPreviewCardData(input: AskPreviewInput): AskPreviewCard {
  return {
    title: `Ask ${plural(input.people, 'license holder')}: preview`,
    subtitle: `Nothing has been sent yet. Confirm to ask each of them, in a personal chat, to keep (with a reason) or release their license; those who keep it or do not answer within ${input.askDays} days go to their approver. Confirm within 15 minutes.`,
    dryRun: input.dryRun ? 'Dry run is on (policy): answers are recorded, but no license is removed.' : '',
    facts: [
      { title: 'From the list', value: input.list },
      { title: 'People', value: count(input.people) },
      { title: 'Licenses', value: count(input.licenses) },
      { title: 'Monthly cost', value: `${money(input.monthly, 'no cost known')} (saved if all are released)` },
      ...(input.left.length ? [{ title: 'Left out', value: plural(input.left.length, 'license') }] : []),
    ],
    left: input.left.slice(0, 10).map((l) => ({ text: `${plain(l.who)}: ${plain(l.why)}` })),
    leftMore: input.left.length > 10 ? `And ${count(input.left.length - 10)} more left out.` : '',
    confirm: { verb: VERBS.askConfirm, data: { batchId: input.batchId } },
    cancel: { verb: VERBS.askCancel, data: { batchId: input.batchId } },
    banner: input.banner,
  };
}
