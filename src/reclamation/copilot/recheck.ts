import type { DataSource } from 'typeorm';
import { copilotUsageUserDetail, isConcealedName, type GraphClient } from '../../graph';
import { copilotSeat, COPILOT_IDLE, PolicyStore } from '../../insights';
import { COPILOT_APP_LABELS, type CopilotApp, type ReclamationRequest } from '../../store';
import type { ReclamationOptions } from '../service';

/**
 * The re-check of an idle Copilot seat before its license is removed: the Copilot usage report read
 * again from Graph now (the store's copy is a sync old), and the policy's exclusions of the holder
 * now. A use newer than the one the request was made on, or a report that conceals names, and
 * nothing is removed.
 */
export function copilotChecks(
  graph: GraphClient,
  dataSource: DataSource,
  now: () => Date,
): Pick<ReclamationOptions, 'freshUseWhy'> {
  return {
    async freshUseWhy(request: ReclamationRequest) {
      if (request.reason !== COPILOT_IDLE) return null;
      const approved =
        typeof request.evidence['lastCopilotUse'] === 'string' ? request.evidence['lastCopilotUse'] : null;
      const upn = request.userPrincipalName.toLowerCase();
      let concealed = false;
      for await (const row of copilotUsageUserDetail(graph, 'D90')) {
        concealed ||= isConcealedName(row.userPrincipalName);
        if (row.userPrincipalName.toLowerCase() !== upn) continue;
        if (row.lastActivityDate && (!approved || row.lastActivityDate > approved)) {
          const apps = (Object.entries(row.apps) as [CopilotApp, string | null][])
            .filter(([, day]) => day === row.lastActivityDate)
            .map(([app]) => COPILOT_APP_LABELS[app]);
          return `The user used Microsoft 365 Copilot on ${row.lastActivityDate}${apps.length ? ` (${apps.join(', ')})` : ''}, after the request was made.`;
        }
      }
      if (concealed)
        throw new Error('the Copilot usage report conceals user names, so recent Copilot use cannot be ruled out');
      const seat = await copilotSeat(dataSource, request.userId, await new PolicyStore(dataSource).get(), now());
      const excluded = seat?.exclusions.filter((e) => e.code !== 'insufficient-data') ?? [];
      return excluded.length
        ? `The user is now excluded by policy: ${excluded.map((e) => e.reason.replace(/\.$/, '')).join('; ')}.`
        : null;
    },
  };
}
