import { z } from 'zod';
import type { GraphClient } from '../client';
import { GRAPH_PERMISSIONS } from '../permissions';
import { guid } from '../schemas';
import { type CheckedPage, checkItems, type Endpoint, getChecked } from './endpoint';

export const subscribedSkuSchema = z.object({
  skuId: guid,
  skuPartNumber: z.string(),
  appliesTo: z.string().default('User'),
  capabilityStatus: z.string().default('Enabled'),
  consumedUnits: z.number().int().default(0),
  prepaidUnits: z
    .object({
      enabled: z.number().int().default(0),
      suspended: z.number().int().default(0),
      warning: z.number().int().default(0),
      lockedOut: z.number().int().default(0),
    })
    .partial()
    .default({}),
  servicePlans: z
    .array(
      z.object({
        servicePlanId: guid,
        servicePlanName: z.string(),
        provisioningStatus: z.string().default('Success'),
        appliesTo: z.string().default('User'),
      }),
    )
    .default([]),
});
export type SubscribedSku = z.infer<typeof subscribedSkuSchema>;

/** Organization.Read.All, the least privileged that serves (docs/product-rules.md R6); Directory.Read.All also serves but is never requested. */
export const SUBSCRIBED_SKUS: Endpoint = { name: 'GET /v1.0/subscribedSkus', permission: GRAPH_PERMISSIONS.skus[0] };

const collectionSchema = z.object({ value: z.array(z.unknown()) });

/** Every product the tenant subscribes to, with purchased and consumed units: one answer, not paged. */
export async function listSubscribedSkus(graph: GraphClient): Promise<CheckedPage<SubscribedSku>> {
  const body = await getChecked(graph, SUBSCRIBED_SKUS, '/v1.0/subscribedSkus', collectionSchema);
  return checkItems(subscribedSkuSchema, body.value);
}
