import type { DataSource } from 'typeorm';
import { PolicyStore, userDowngrade, userFinding, userOverlap } from '../insights';
import type { ReclamationRequest } from '../store';
import type { ReclamationOptions } from './service';

/**
 * The stored policy's checks at execution (ReclamationOptions): whether the user is excluded now,
 * and whether an approved downgrade or overlap removal is still the one the lists show for the
 * user's latest licenses and usage (which include the policy's identity exclusions).
 */
export function policyChecks(
  dataSource: DataSource,
  now: () => Date,
): Pick<ReclamationOptions, 'excludedWhy' | 'changeFitsWhy'> {
  const policy = () => new PolicyStore(dataSource).get();
  return {
    async excludedWhy(userId) {
      const insight = await userFinding(dataSource, userId, await policy(), now());
      return insight?.finding?.status === 'excluded'
        ? insight.finding.exclusions.map((e) => e.reason).join('; ')
        : null;
    },
    async changeFitsWhy(request: ReclamationRequest) {
      if (request.toSkuId) {
        const fit = await userDowngrade(dataSource, request.userId, await policy(), now());
        if (!fit)
          return 'The user is no longer a downgrade candidate: they now use a service the cheaper license lacks, or are inactive or excluded.';
        if (fit.from.skuId !== request.skuId || fit.to.skuId !== request.toSkuId)
          return `The suggested downgrade is now ${fit.from.friendlyName} → ${fit.to.friendlyName}: request it again.`;
        return null;
      }
      const fit = await userOverlap(dataSource, request.userId, await policy(), now());
      if (!fit || fit.redundant.skuId !== request.skuId)
        return 'No other license of the user includes this one any more (or the user is now inactive or excluded): request again if a change is still due.';
      return null;
    },
  };
}
