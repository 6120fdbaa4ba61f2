import type { DataSource } from 'typeorm';
import {
  FINDING_KIND,
  listFindings,
  PolicyStore,
  sumByCurrency,
  userFinding,
  type CurrencyAmount,
  type Finding,
  type Policy,
} from '../insights';
import {
  OPEN_REQUEST_STATES,
  type AskBatch,
  type HolderAsk,
  type HolderAsks,
  type NewAsk,
  type ReclamationRequest,
  type ReclamationRequests,
} from '../store';
import type { RequestNotifier } from './notifier';
import type { ReclamationSettings } from './settings';

/** The lists whose holders can be asked in bulk (HOLDER_KINDS: a blocked user cannot answer). */
export const ASKABLE_LISTS = [FINDING_KIND.inactive, FINDING_KIND.never] as const;
export type AskableList = (typeof ASKABLE_LISTS)[number];

/** Who to ask: the users of one page (their UPNs) or everyone the list matches, with its threshold. */
export interface BulkTarget {
  list: AskableList;
  days?: number;
  upns?: readonly string[];
}

/** What the preview shows before Confirm: people, licenses, money a month, and who is left out and why. */
export interface BulkPreview {
  batchId: string;
  list: AskableList;
  people: number;
  licenses: number;
  monthly: CurrencyAmount[];
  left: { who: string; why: string }[];
  dryRun: boolean;
  askDays: number;
}

/** A draft not confirmed within this time is never sent (the list may have changed). */
const DRAFT_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

export interface BulkAsksOptions {
  dataSource: DataSource;
  asks: HolderAsks;
  requests: ReclamationRequests;
  settings: ReclamationSettings;
  notifier: RequestNotifier;
  now: () => Date;
}

/**
 * "Ask these users" on a finding list: a preview that records, as a draft, exactly the users and
 * licenses it counted; Confirm (by the same admin, within 15 minutes, once) hands them to the
 * sender, which makes each request and sends each card at a pace Teams accepts. Nobody the
 * preview did not count is asked.
 */
export class BulkAsks {
  constructor(private readonly o: BulkAsksOptions) {}

  async preview(target: BulkTarget, requester: string): Promise<BulkPreview | { refused: string }> {
    const s = await this.o.settings.get();
    if (!s.askHolder)
      return { refused: 'Asking license holders is off (`policy set reclamation.askHolder on` turns it on).' };
    const now = this.o.now();
    const policy = await new PolicyStore(this.o.dataSource).get();
    const effective: Policy = target.days ? { ...policy, inactiveDays: target.days } : policy;
    const findings = target.upns
      ? await this.ofUsers(target.upns, target.list, effective, now)
      : await this.ofList(target.list, effective, now);
    const open = new Set((await this.o.requests.inState(OPEN_REQUEST_STATES)).map((r) => `${r.userId}:${r.skuId}`));
    const kept = new Map<string, ReclamationRequest>();
    for (const r of s.keepCooldownDays > 0
      ? await this.o.requests.keptSince(new Date(now.getTime() - s.keepCooldownDays * DAY_MS))
      : []) {
      if (!kept.has(`${r.userId}:${r.skuId}`)) kept.set(`${r.userId}:${r.skuId}`, r);
    }
    const items: NewAsk[] = [];
    const left: { who: string; why: string }[] = [];
    for (const f of findings) {
      for (const l of f.licenses) {
        const who = `${f.displayName ?? f.userPrincipalName} · ${l.friendlyName}`;
        const key = `${f.userId}:${l.skuId}`;
        const keptBefore = kept.get(key);
        if (!l.reclaimable) left.push({ who, why: 'assigned by a group' });
        else if (open.has(key)) left.push({ who, why: 'a request is already open' });
        else if (keptBefore && keptBefore.reason === f.kind)
          left.push({ who, why: `kept on ${keptBefore.holderAnsweredAt?.slice(0, 10) ?? '?'}: not asked again yet` });
        else
          items.push({
            userId: f.userId,
            userPrincipalName: f.userPrincipalName,
            displayName: f.displayName,
            skuId: l.skuId,
            skuName: l.friendlyName,
            monthlyCost: l.monthlyCost?.amount ?? null,
            currency: l.monthlyCost?.currency ?? null,
          });
      }
    }
    if (!items.length)
      return {
        refused: left.length
          ? `Nobody to ask: ${left.length} license(s) left out (${[...new Set(left.map((l) => l.why))].join('; ')}).`
          : 'Nobody to ask: the list is empty.',
      };
    const batch = await this.o.asks.createBatch(
      {
        kind: 'bulk',
        list: target.list,
        requestedBy: requester,
        draft: true,
        expiresAt: new Date(now.getTime() + DRAFT_MS),
      },
      items,
      now,
    );
    return {
      batchId: batch.id,
      list: target.list,
      people: new Set(items.map((i) => i.userId)).size,
      licenses: items.length,
      monthly: sumByCurrency(
        items
          .filter((i) => i.monthlyCost && i.currency)
          .map((i) => ({ currency: i.currency!, amount: i.monthlyCost! })),
      ),
      left,
      dryRun: s.dryRun,
      askDays: s.askDays,
    };
  }

  /** Confirm: the draft's asks go to the sender; the card at `origin` follows their progress. False: nothing to confirm. */
  async confirm(
    batchId: string,
    requester: string,
    origin?: { conversationId: string; activityId: string },
  ): Promise<boolean> {
    if (!(await this.o.asks.confirm(batchId, requester, this.o.now()))) return false;
    if (origin) await this.o.asks.setCard(batchId, origin.conversationId, origin.activityId);
    this.o.notifier.asksQueued();
    return true;
  }

  cancel(batchId: string, requester: string): Promise<boolean> {
    return this.o.asks.cancel(batchId, requester);
  }

  /** A batch with its asks and their requests, for its card. */
  async view(
    batchId: string,
  ): Promise<{ batch: AskBatch; asks: HolderAsk[]; requests: Map<string, ReclamationRequest> } | null> {
    const batch = await this.o.asks.batch(batchId);
    if (!batch) return null;
    const asks = await this.o.asks.ofBatch(batchId);
    const requests = await this.o.requests.byIds(asks.flatMap((a) => (a.requestId ? [a.requestId] : [])));
    return { batch, asks, requests: new Map(requests.map((r) => [r.id, r])) };
  }

  private async ofUsers(upns: readonly string[], list: AskableList, policy: Policy, now: Date): Promise<Finding[]> {
    const found: Finding[] = [];
    for (const upn of upns) {
      const finding = (await userFinding(this.o.dataSource, upn, policy, now))?.finding;
      if (finding && finding.kind === list && finding.status === 'flagged') found.push(finding);
    }
    return found;
  }

  private async ofList(list: AskableList, policy: Policy, now: Date): Promise<Finding[]> {
    const found: Finding[] = [];
    for (let page = 1; ; page++) {
      const result = await listFindings(
        this.o.dataSource,
        { kind: list, status: 'flagged', page, pageSize: 500, sort: 'cost' },
        policy,
        now,
      );
      found.push(...result.items);
      if (page * 500 >= result.total) return found;
    }
  }
}
