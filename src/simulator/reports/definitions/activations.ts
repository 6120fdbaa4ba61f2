import type { SimContext } from '../../context';
import { dayNumber } from '../../clock';
import { Sku, Workload } from '../../tenant/catalog-skus';
import { heldSkus, licensedWorkloads } from '../../tenant/licenses';
import { hash32 } from '../../util/random';
import { dayCell, dayJson } from '../csv';
import type { ReportDefinition } from './definition';
import { reportable, userFacts } from './user-facts';

/**
 * getOffice365ActivationsUserDetail (docs/graph-behaviour.md §4.3), no parameters: one row per user and activated
 * product type. Only people who ever signed in activated anything, and never after the refresh date.
 */
export interface Activation {
  readonly productType: string;
  readonly day: number;
  readonly windows: number;
  readonly mac: number;
  readonly ios: number;
  readonly android: number;
  readonly shared: boolean;
}

const BUSINESS_APPS = (1 << Sku.businessStandard) | (1 << Sku.businessPremium);

export function activations(ctx: SimContext, i: number, lastDay: number): Activation[] {
  const t = ctx.tenant;
  const everActive = Math.max(t.lastSuccess[i] ?? 0, ...t.workloadLast.map((w) => w[i] ?? 0));
  if (everActive <= 0) return [];
  const licensed = licensedWorkloads(t, i);
  const types: string[] = [];
  if (licensed & Workload.officeApps) {
    types.push(
      heldSkus(t, i) & BUSINESS_APPS ? 'MICROSOFT 365 APPS FOR BUSINESS' : 'MICROSOFT 365 APPS FOR ENTERPRISE',
    );
  }
  if (licensed & Workload.projectClient) types.push('PROJECT');
  if (licensed & Workload.visioClient) types.push('VISIO');
  const first = dayNumber(t.licensedMs[i] ?? 0);
  const last = Math.min(dayNumber(everActive), lastDay);
  return types.map((productType, k) => {
    const h = hash32(t.identity.seed, i, 41 + k);
    return {
      productType,
      day: Math.max(first, Math.min(last, first + (h % 60))),
      windows: 1 + (h % 3),
      mac: (h >>> 3) % 4 === 0 ? 1 : 0,
      ios: (h >>> 6) % 3,
      android: (h >>> 9) % 5 === 0 ? 1 : 0,
      shared: (h >>> 12) % 10 === 0,
    };
  });
}

export const activationsUserDetail: ReportDefinition = {
  name: 'getOffice365ActivationsUserDetail',
  parameters: 'none',
  header: () => [
    'Report Refresh Date',
    'User Principal Name',
    'Display Name',
    'Product Type',
    'Last Activated Date',
    'Windows',
    'Mac',
    'Windows 10 Mobile',
    'iOS',
    'Android',
    'Activated On Shared Computer',
  ],
  csvRows(ctx, scope, i) {
    if (!reportable(ctx, scope, i)) return [];
    const list = activations(ctx, i, scope.refreshDay);
    if (list.length === 0) return [];
    const user = userFacts(ctx, scope, i);
    return list.map((a) => [
      dayCell(scope.refreshDay),
      user.upn,
      user.name,
      a.productType,
      dayCell(a.day),
      a.windows,
      a.mac,
      0,
      a.ios,
      a.android,
      a.shared,
    ]);
  },
  jsonItems(ctx, scope, i) {
    if (!reportable(ctx, scope, i)) return [];
    const list = activations(ctx, i, scope.refreshDay);
    if (list.length === 0) return [];
    const user = userFacts(ctx, scope, i);
    return [
      {
        reportRefreshDate: dayJson(scope.refreshDay),
        userPrincipalName: user.upn,
        displayName: user.name,
        userActivationCounts: list.map((a) => ({
          productType: a.productType,
          lastActivatedDate: dayJson(a.day),
          windows: a.windows,
          mac: a.mac,
          windows10Mobile: 0,
          ios: a.ios,
          android: a.android,
          activatedOnSharedComputer: a.shared,
        })),
      },
    ];
  },
};
