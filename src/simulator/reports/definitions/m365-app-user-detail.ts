import type { SimContext } from '../../context';
import { Workload } from '../../tenant/catalog-skus';
import { licensedWorkloads } from '../../tenant/licenses';
import { hash32 } from '../../util/random';
import { dayCell, dayJson } from '../csv';
import { activeWithin, reportedDay, type ReportScope } from '../scope';
import { activations } from './activations';
import type { ReportDefinition } from './definition';
import { reportable, userFacts } from './user-facts';

/**
 * getM365AppUserDetail (docs/graph-behaviour.md §4.4; JSON on v1.0 too): users of the Microsoft 365 apps in the
 * period, with per-platform and per-app flags. No Display Name column. App use follows mail and
 * Teams activity, the workloads the desktop, mobile and web apps report.
 */
const APPS = ['Outlook', 'Word', 'Excel', 'PowerPoint', 'OneNote', 'Teams'] as const;
const PLATFORMS = ['Windows', 'Mac', 'Mobile', 'Web'] as const;
const APP_PLATFORM_P = [0.7, 0.15, 0.45, 0.4];

function facts(ctx: SimContext, scope: ReportScope, i: number) {
  if (!reportable(ctx, scope, i)) return undefined;
  const t = ctx.tenant;
  const licensed = licensedWorkloads(t, i);
  if (!(licensed & (Workload.officeApps | Workload.exchange | Workload.teams))) return undefined;
  const last = Math.max(t.workloadLast[0]?.[i] ?? 0, t.workloadLast[5]?.[i] ?? 0);
  if (!activeWithin(last, scope)) return undefined;
  const grid = APPS.map((_, a) =>
    PLATFORMS.map(
      (__, p) =>
        hash32(t.identity.seed, i, 50 + a * 4 + p) / 4294967296 <
        (APP_PLATFORM_P[p] ?? 0) * (a === 0 || a === 5 ? 1.2 : 0.8),
    ),
  );
  if (!grid.some((row) => row.some(Boolean))) grid[0]![3] = true;
  const officeActivation = activations(ctx, i, scope.refreshDay).find((x) =>
    x.productType.startsWith('MICROSOFT 365 APPS'),
  );
  return {
    user: userFacts(ctx, scope, i),
    lastActivation: officeActivation?.day,
    lastActivity: reportedDay(last, scope),
    platforms: PLATFORMS.map((_, p) => grid.some((row) => row[p])),
    apps: grid.map((row) => row.some(Boolean)),
    grid,
  };
}

export const m365AppUserDetail: ReportDefinition = {
  name: 'getM365AppUserDetail',
  parameters: 'periodOrDate',
  header: () => [
    'Report Refresh Date',
    'User Principal Name',
    'Last Activation Date',
    'Last Activity Date',
    'Report Period',
    ...PLATFORMS,
    ...APPS,
    ...PLATFORMS.flatMap((p) => APPS.map((a) => `${a} (${p})`)),
  ],
  csvRows(ctx, scope, i) {
    const r = facts(ctx, scope, i);
    if (!r) return [];
    return [
      [
        dayCell(scope.refreshDay),
        r.user.upn,
        dayCell(r.lastActivation),
        dayCell(r.lastActivity),
        scope.periodDays,
        ...r.platforms,
        ...r.apps,
        ...PLATFORMS.flatMap((_, p) => APPS.map((__, a) => r.grid[a]?.[p] ?? false)),
      ],
    ];
  },
  jsonItems(ctx, scope, i) {
    const r = facts(ctx, scope, i);
    if (!r) return [];
    const detail: Record<string, unknown> = { reportPeriod: scope.periodDays };
    PLATFORMS.forEach((p, k) => {
      detail[p.toLowerCase()] = r.platforms[k];
    });
    APPS.forEach((a, k) => {
      detail[a === 'PowerPoint' ? 'powerPoint' : a === 'OneNote' ? 'oneNote' : a.toLowerCase()] = r.apps[k];
    });
    PLATFORMS.forEach((p, pk) =>
      APPS.forEach((a, ak) => {
        const app = a === 'PowerPoint' ? 'powerPoint' : a === 'OneNote' ? 'oneNote' : a.toLowerCase();
        detail[`${app}${p}`] = r.grid[ak]?.[pk] ?? false;
      }),
    );
    return [
      {
        reportRefreshDate: dayJson(scope.refreshDay),
        userPrincipalName: r.user.upn,
        lastActivationDate: dayJson(r.lastActivation),
        lastActivityDate: dayJson(r.lastActivity),
        details: [detail],
      },
    ];
  },
};
