import type { SimContext } from '../../context';
import { Workload } from '../../tenant/catalog-skus';
import { heldSkus, licensedWorkloads } from '../../tenant/licenses';
import { dayJson, dayCell } from '../csv';
import { activeWithin, reportedDay, type ReportScope } from '../scope';
import type { ReportDefinition } from './definition';
import { licenseDay, reportable, userFacts } from './user-facts';

/**
 * getOffice365ActiveUserDetail (docs/graph-behaviour.md §4.1): users holding a license or active in the period, with
 * each workload's last activity date (kept beyond the period) and license assignment dates.
 */
const WORKLOADS = [
  { label: 'Exchange', key: 'exchange', bit: Workload.exchange, index: 0 },
  { label: 'OneDrive', key: 'oneDrive', bit: Workload.oneDrive, index: 1 },
  { label: 'SharePoint', key: 'sharePoint', bit: Workload.sharePoint, index: 2 },
  { label: 'Skype For Business', key: 'skypeForBusiness', bit: Workload.skype, index: 3 },
  { label: 'Yammer', key: 'yammer', bit: Workload.yammer, index: 4 },
  { label: 'Teams', key: 'teams', bit: Workload.teams, index: 5 },
] as const;

export const activeUserDetail: ReportDefinition = {
  name: 'getOffice365ActiveUserDetail',
  parameters: 'periodOrDate',
  header: () => [
    'Report Refresh Date',
    'User Principal Name',
    'Display Name',
    'Is Deleted',
    'Deleted Date',
    ...WORKLOADS.map((w) => `Has ${w.label} License`),
    ...WORKLOADS.map((w) => `${w.label} Last Activity Date`),
    ...WORKLOADS.map((w) => `${w.label} License Assign Date`),
    'Assigned Products',
  ],
  csvRows(ctx, scope, i) {
    const row = facts(ctx, scope, i);
    if (!row) return [];
    return [
      [
        dayCell(scope.refreshDay),
        row.user.upn,
        row.user.name,
        row.user.deleted,
        dayCell(row.user.deletedDay),
        ...row.has,
        ...row.last.map(dayCell),
        ...row.assigned.map(dayCell),
        row.user.products.join('+'),
      ],
    ];
  },
  jsonItems(ctx, scope, i) {
    const row = facts(ctx, scope, i);
    if (!row) return [];
    const item: Record<string, unknown> = {
      reportRefreshDate: dayJson(scope.refreshDay),
      userPrincipalName: row.user.upn,
      displayName: row.user.name,
      isDeleted: row.user.deleted,
      deletedDate: dayJson(row.user.deletedDay),
    };
    WORKLOADS.forEach((w, k) => {
      item[`has${w.label.replace(/ /g, '')}License`] = row.has[k];
    });
    WORKLOADS.forEach((w, k) => {
      item[`${w.key}LastActivityDate`] = dayJson(row.last[k]);
    });
    WORKLOADS.forEach((w, k) => {
      item[`${w.key}LicenseAssignDate`] = dayJson(row.assigned[k]);
    });
    item['assignedProducts'] = row.user.products;
    return [item];
  },
};

function facts(ctx: SimContext, scope: ReportScope, i: number) {
  if (!reportable(ctx, scope, i)) return undefined;
  const t = ctx.tenant;
  const times = WORKLOADS.map((w) => t.workloadLast[w.index]?.[i] ?? 0);
  if (heldSkus(t, i) === 0 && !times.some((ms) => activeWithin(ms, scope))) return undefined;
  const licensed = licensedWorkloads(t, i);
  const assignDay = licenseDay(ctx, i);
  return {
    user: userFacts(ctx, scope, i),
    has: WORKLOADS.map((w) => (licensed & w.bit) !== 0),
    last: times.map((ms) => reportedDay(ms, scope)),
    assigned: WORKLOADS.map((w) => ((licensed & w.bit) !== 0 ? assignDay : undefined)),
  };
}
