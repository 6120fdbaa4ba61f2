import type { SimContext } from '../context';
import { READ_SKUS } from '../auth/roles';
import type { HttpResult } from '../http/result';
import { SKUS } from '../tenant/catalog-skus';
import { requireAny } from './authorize';
import { directoryReadCharge } from './charges';
import { pick } from './groups-view';
import { refuseUnsupportedOptions, selectedProperties } from './odata-query';
import { contextUrl } from './paging';
import type { AuthorizedRequest, Route } from './request';

/**
 * GET /subscribedSkus (docs/graph-behaviour.md §3): every product with purchased and consumed units, not paged,
 * `$select` only. consumedUnits follows assignLicense and deleted users at once.
 */
const SKU_PROPERTIES: ReadonlySet<string> = new Set([
  'accountId',
  'accountName',
  'appliesTo',
  'capabilityStatus',
  'consumedUnits',
  'id',
  'prepaidUnits',
  'servicePlans',
  'skuId',
  'skuPartNumber',
  'subscriptionIds',
]);

function skuJson(ctx: SimContext, s: number): Record<string, unknown> {
  const sku = SKUS[s];
  if (!sku) return {};
  const { tenantId, seed } = ctx.tenant.identity;
  const seats = ctx.tenant.seats[s] ?? { enabled: 0, warning: 0, suspended: 0 };
  return {
    accountId: tenantId,
    accountName: 'Contoso',
    appliesTo: 'User',
    capabilityStatus: sku.capabilityStatus,
    consumedUnits: ctx.tenant.consumed[s] ?? 0,
    id: `${tenantId}_${sku.skuId}`,
    prepaidUnits: { enabled: seats.enabled, suspended: seats.suspended, warning: seats.warning, lockedOut: 0 },
    servicePlans: sku.plans.map((p) => ({
      servicePlanId: p.id,
      servicePlanName: p.name,
      provisioningStatus: 'Success',
      appliesTo: 'User',
    })),
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [`${sku.skuId.slice(0, 24)}${(seed >>> 0).toString(16).padStart(12, '0').slice(-12)}`],
  };
}

function listSkus(ctx: SimContext, req: AuthorizedRequest): HttpResult {
  refuseUnsupportedOptions(req, ['$select']);
  requireAny(req, READ_SKUS);
  const selected = selectedProperties(req, SKU_PROPERTIES, 'subscribedSku');
  const value = SKUS.map((_, s) => pick(skuJson(ctx, s), selected));
  return {
    status: 200,
    json: {
      '@odata.context': contextUrl(req, selected ? `subscribedSkus(${selected.join(',')})` : 'subscribedSkus'),
      value,
    },
  };
}

export const subscribedSkuRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/subscribedSkus$/i, charge: (req) => directoryReadCharge(req, 3), handle: listSkus },
];
