import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import type { ApprovalCard } from './approval';
import type { ApprovalsCard } from './approvals';
import type { DigestCard } from './digest';
import type { DowngradesCard } from './downgrades';
import type { ErrorCard } from './error';
import type { FindingsCard } from './findings';
import type { HelpCard } from './help';
import type { HistoryCard } from './history';
import type { HolderCard } from './holder';
import type { AsksCard, AskPreviewCard } from './asks';
import type { LicensesCard } from './licenses';
import type { NoticeCard } from './notice';
import type { PermissionsCard } from './permissions';
import type { PolicyCard } from './policy';
import type { PreviewCard } from './reclaim-preview';
import type { RunsCard } from './runs';
import type { SpendCard } from './spend';
import type { ConnectCard } from './connect';
import type { CopilotCard } from './copilot';
import type { CopilotAssignCard } from './copilot-assign';
import type { CopilotWaitlistCard } from './copilot-waitlist';
import type { CostFormCard, CostsCard } from './costs';
import type { DifferentiationCard } from './differentiation';
import type { SuspiciousCard } from './suspicious';
import type { SummaryCard } from './summary';
import type { SyncCard } from './sync';
import type { UserCard } from './user';

/** The JSON templates under `templates/`, one per card; each has a data builder beside it. */
export const CARD_NAMES = [
  'help',
  'error',
  'notice',
  'summary',
  'findings',
  'user',
  'licenses',
  'downgrades',
  'spend',
  'runs',
  'sync',
  'permissions',
  'policy',
  'history',
  'digest',
  'reclaim-preview',
  'approval',
  'approvals',
  'connect',
  'holder',
  'asks',
  'ask-preview',
  'costs',
  'cost-form',
  'differentiation',
  'suspicious',
  'copilot',
  'copilot-waitlist',
  'copilot-assign',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** Exactly one entry per card name: a name without a data type, or a type without a name, does not compile. */
type PerCard<T extends Record<CardName, object> & Record<Exclude<keyof T, CardName>, never>> = T;

/**
 * The data each template reads, by card name: what its builder returns. test/bot/cards.test.ts
 * checks that every `${…}` of each template reads a field the data has.
 */
export type CardData = PerCard<{
  help: HelpCard;
  error: ErrorCard;
  notice: NoticeCard;
  summary: SummaryCard;
  findings: FindingsCard;
  user: UserCard;
  licenses: LicensesCard;
  downgrades: DowngradesCard;
  spend: SpendCard;
  runs: RunsCard;
  sync: SyncCard;
  permissions: PermissionsCard;
  policy: PolicyCard;
  history: HistoryCard;
  digest: DigestCard;
  'reclaim-preview': PreviewCard;
  approval: ApprovalCard;
  approvals: ApprovalsCard;
  connect: ConnectCard;
  holder: HolderCard;
  asks: AsksCard;
  'ask-preview': AskPreviewCard;
  costs: CostsCard;
  'cost-form': CostFormCard;
  differentiation: DifferentiationCard;
  suspicious: SuspiciousCard;
  copilot: CopilotCard;
  'copilot-waitlist': CopilotWaitlistCard;
  'copilot-assign': CopilotAssignCard;
}>;

/** An expanded Adaptive Card (what Teams receives). */
export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

const cache = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let t = cache.get(name);
  if (!t) {
    const json: unknown = JSON.parse(readFileSync(join(__dirname, 'templates', `${name}.json`), 'utf8'));
    t = new ACData.Template(json);
    cache.set(name, t);
  }
  return t;
}

/** Expands a card template with its data; the result is the Adaptive Card JSON. */
export function renderCard<N extends CardName>(name: N, data: CardData[N]): CardJson {
  return template(name).expand({ $root: data }) as CardJson;
}

export function cardAttachment<N extends CardName>(name: N, data: CardData[N]): Attachment {
  return CardFactory.adaptiveCard(renderCard(name, data));
}
