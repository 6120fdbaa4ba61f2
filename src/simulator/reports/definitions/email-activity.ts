import type { SimContext } from '../../context';
import { Workload } from '../../tenant/catalog-skus';
import { licensedWorkloads } from '../../tenant/licenses';
import { hash32 } from '../../util/random';
import { dayCell, dayJson } from '../csv';
import { activeWithin, reportedDay, type ReportScope } from '../scope';
import type { ReportDefinition } from './definition';
import { reportable, userFacts } from './user-facts';

/**
 * getEmailActivityUserDetail (docs/graph-behaviour.md §4.2): mailbox users and anyone who used mail in the period;
 * counts cover the period only. The beta JSON shows reportRefreshDate in the newer date-time form.
 */
function facts(ctx: SimContext, scope: ReportScope, i: number) {
  if (!reportable(ctx, scope, i)) return undefined;
  const t = ctx.tenant;
  const last = t.workloadLast[0]?.[i] ?? 0;
  const active = activeWithin(last, scope);
  if (!(licensedWorkloads(t, i) & Workload.exchange) && !active) return undefined;
  const h = hash32(t.identity.seed, i, scope.periodDays);
  const scale = active ? Math.max(1, Math.round(scope.periodDays * 0.7)) : 0;
  return {
    user: userFacts(ctx, scope, i),
    last: reportedDay(last, scope),
    send: (h % 9) * scale,
    receive: ((h >>> 4) % 40) * scale,
    read: ((h >>> 10) % 30) * scale,
    meetingsCreated: ((h >>> 16) % 3) * scale,
    meetingsInteracted: ((h >>> 20) % 5) * scale,
  };
}

export const emailActivity: ReportDefinition = {
  name: 'getEmailActivityUserDetail',
  parameters: 'periodOrDate',
  header: () => [
    'Report Refresh Date',
    'User Principal Name',
    'Display Name',
    'Is Deleted',
    'Deleted Date',
    'Last Activity Date',
    'Send Count',
    'Receive Count',
    'Read Count',
    'Meeting Created Count',
    'Meeting Interacted Count',
    'Assigned Products',
    'Report Period',
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
        dayCell(r.last),
        r.send,
        r.receive,
        r.read,
        r.meetingsCreated,
        r.meetingsInteracted,
        r.user.products.join('+'),
        scope.periodDays,
      ],
    ];
  },
  jsonItems(ctx, scope, i) {
    const r = facts(ctx, scope, i);
    if (!r) return [];
    return [
      {
        reportRefreshDate: `${dayJson(scope.refreshDay)}T00:00:00Z`,
        userPrincipalName: r.user.upn,
        displayName: r.user.name,
        isDeleted: r.user.deleted,
        deletedDate: dayJson(r.user.deletedDay),
        lastActivityDate: dayJson(r.last),
        sendCount: r.send,
        receiveCount: r.receive,
        readCount: r.read,
        assignedProducts: r.user.products,
        meetingCreatedCount: r.meetingsCreated,
        meetingInteractedCount: r.meetingsInteracted,
        reportPeriod: String(scope.periodDays),
      },
    ];
  },
};
