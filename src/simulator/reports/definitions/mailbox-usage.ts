import type { SimContext } from '../../context';
import { dayNumber } from '../../clock';
import { Workload } from '../../tenant/catalog-skus';
import { licensedWorkloads } from '../../tenant/licenses';
import { Flag, UserKind } from '../../tenant/tenant';
import { hash32 } from '../../util/random';
import { dayCell, dayJson } from '../csv';
import { reportedDay, type ReportScope } from '../scope';
import type { ReportDefinition } from './definition';
import { reportable, userFacts } from './user-facts';

/**
 * getMailboxUsageDetail (docs/graph-behaviour.md §4.6), period only: every licensed user mailbox plus shared and room
 * mailboxes, which need no license. Newer tenants append `Recipient Type` (a setting, on by default)
 * so a client can tell shared and room mailboxes from people; clients must parse by header name.
 */
const QUOTA = {
  warning: 105_226_698_752,
  send: 106_300_440_576,
  sendReceive: 107_374_182_400,
  deleted: 32_212_254_720,
};
const RECIPIENT: Readonly<Record<number, string>> = { [UserKind.room]: 'Room', [UserKind.shared]: 'Shared' };

function facts(ctx: SimContext, scope: ReportScope, i: number) {
  if (!reportable(ctx, scope, i)) return undefined;
  const t = ctx.tenant;
  const kind = t.kind[i] ?? UserKind.member;
  const resource = kind === UserKind.room || kind === UserKind.shared;
  if (!t.has(i, Flag.mailbox) || (!resource && !(licensedWorkloads(t, i) & Workload.exchange))) return undefined;
  const h = hash32(t.identity.seed, i, 71);
  const items = 500 + (h % 60_000);
  return {
    user: userFacts(ctx, scope, i),
    created: dayNumber(t.createdMs[i] ?? 0),
    last: reportedDay(t.workloadLast[0]?.[i] ?? 0, scope),
    items,
    used: items * (40_000 + ((h >>> 8) % 60_000)),
    deletedItems: (h >>> 16) % 900,
    deletedSize: ((h >>> 16) % 900) * 35_000,
    archive: (h >>> 4) % 5 === 0,
    recipientType: RECIPIENT[kind] ?? 'User',
  };
}

export const mailboxUsage: ReportDefinition = {
  name: 'getMailboxUsageDetail',
  parameters: 'period',
  header: (scope) => [
    'Report Refresh Date',
    'User Principal Name',
    'Display Name',
    'Is Deleted',
    'Deleted Date',
    'Created Date',
    'Last Activity Date',
    'Item Count',
    'Storage Used (Byte)',
    'Issue Warning Quota (Byte)',
    'Prohibit Send Quota (Byte)',
    'Prohibit Send/Receive Quota (Byte)',
    'Deleted Item Count',
    'Deleted Item Size (Byte)',
    'Deleted Item Quota (Byte)',
    'Has Archive',
    'Report Period',
    ...(scope.recipientType ? ['Recipient Type'] : []),
  ],
  csvRows(ctx, scope, i) {
    const r = facts(ctx, scope, i);
    if (!r) return [];
    return [
      [
        dayCell(scope.refreshDay),
        r.user.upn,
        r.user.name,
        r.user.deleted,
        dayCell(r.user.deletedDay),
        dayCell(r.created),
        dayCell(r.last),
        r.items,
        r.used,
        QUOTA.warning,
        QUOTA.send,
        QUOTA.sendReceive,
        r.deletedItems,
        r.deletedSize,
        QUOTA.deleted,
        r.archive,
        scope.periodDays,
        ...(scope.recipientType ? [r.recipientType] : []),
      ],
    ];
  },
  jsonItems(ctx, scope, i) {
    const r = facts(ctx, scope, i);
    if (!r) return [];
    return [
      {
        reportRefreshDate: dayJson(scope.refreshDay),
        userPrincipalName: r.user.upn,
        displayName: r.user.name,
        isDeleted: r.user.deleted,
        deletedDate: dayJson(r.user.deletedDay),
        createdDate: dayJson(r.created),
        lastActivityDate: dayJson(r.last),
        itemCount: r.items,
        storageUsedInBytes: r.used,
        issueWarningQuotaInBytes: QUOTA.warning,
        prohibitSendQuotaInBytes: QUOTA.send,
        prohibitSendReceiveQuotaInBytes: QUOTA.sendReceive,
        deletedItemCount: r.deletedItems,
        deletedItemSizeInBytes: r.deletedSize,
        deletedItemQuotaInBytes: QUOTA.deleted,
        hasArchive: r.archive,
        reportPeriod: String(scope.periodDays),
        ...(scope.recipientType ? { recipientType: r.recipientType } : {}),
      },
    ];
  },
};
