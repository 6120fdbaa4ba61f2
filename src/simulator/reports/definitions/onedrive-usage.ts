import type { SimContext } from '../../context';
import { Workload } from '../../tenant/catalog-skus';
import { licensedWorkloads } from '../../tenant/licenses';
import { userPrincipalName } from '../../tenant/user-fields';
import { hash32 } from '../../util/random';
import { dayCell, dayJson } from '../csv';
import { activeWithin, concealedName, reportedDay, type ReportScope } from '../scope';
import type { ReportDefinition } from './definition';
import { reportable, userFacts } from './user-facts';

/**
 * getOneDriveUsageAccountDetail (docs/graph-behaviour.md §4.5): one row per provisioned OneDrive (a licensed user who
 * used it at least once). The owner's principal name sits near the end; the site URL is concealed too.
 */
const TB = 1_099_511_627_776;

function facts(ctx: SimContext, scope: ReportScope, i: number) {
  if (!reportable(ctx, scope, i)) return undefined;
  const t = ctx.tenant;
  const last = t.workloadLast[1]?.[i] ?? 0;
  if (last <= 0 || !(licensedWorkloads(t, i) & Workload.oneDrive)) return undefined;
  const h = hash32(t.identity.seed, i, 61);
  const files = 20 + (h % 4000);
  const tenantName = t.identity.domain.split('.')[0] ?? 'contoso';
  const site = scope.concealed
    ? concealedName(t.identity.tenantId, t.id(i), 'site')
    : `https://${tenantName}-my.sharepoint.com/personal/${userPrincipalName(t, i).replace(/[.@#]/g, '_').toLowerCase()}`;
  return {
    user: userFacts(ctx, scope, i),
    site,
    last: reportedDay(last, scope),
    files,
    activeFiles: activeWithin(last, scope) ? Math.min(files, 1 + ((h >>> 12) % 60)) : 0,
    used: files * (150_000 + ((h >>> 8) % 2_000_000)),
  };
}

export const oneDriveUsage: ReportDefinition = {
  name: 'getOneDriveUsageAccountDetail',
  parameters: 'periodOrDate',
  header: () => [
    'Report Refresh Date',
    'Site URL',
    'Owner Display Name',
    'Is Deleted',
    'Last Activity Date',
    'File Count',
    'Active File Count',
    'Storage Used (Byte)',
    'Storage Allocated (Byte)',
    'Owner Principal Name',
    'Report Period',
  ],
  csvRows(ctx, scope, i) {
    const r = facts(ctx, scope, i);
    if (!r) return [];
    return [
      [
        dayCell(scope.refreshDay),
        r.site,
        r.user.name,
        r.user.deleted,
        dayCell(r.last),
        r.files,
        r.activeFiles,
        r.used,
        TB,
        r.user.upn,
        scope.periodDays,
      ],
    ];
  },
  jsonItems(ctx, scope, i) {
    const r = facts(ctx, scope, i);
    if (!r) return [];
    return [
      {
        reportRefreshDate: dayJson(scope.refreshDay),
        siteUrl: r.site,
        ownerDisplayName: r.user.name,
        isDeleted: r.user.deleted,
        lastActivityDate: dayJson(r.last),
        fileCount: r.files,
        activeFileCount: r.activeFiles,
        storageUsedInBytes: r.used,
        storageAllocatedInBytes: TB,
        ownerPrincipalName: r.user.upn,
        reportPeriod: String(scope.periodDays),
      },
    ];
  },
};
