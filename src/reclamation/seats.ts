import type { EntityManager } from 'typeorm';
import { planServices } from '../insights/services';
import { refreshHeldSkus, Sku, UserLicense, type ReclamationRequest, type ServicePlanInfo } from '../store';

/*
 * The store changes that belong to a reclamation step, written in the same transaction as the
 * step (ReclamationRequests.transition's `effects`).
 */

/**
 * What the tenant now looks like, in our store, until the next sync reads it: the user no longer
 * holds the license directly and one seat of the SKU is free (a downgrade's new SKU takes one).
 * A dry run changed nothing.
 */
export async function seatFreed(manager: EntityManager, request: ReclamationRequest): Promise<void> {
  if (request.dryRun) return;
  await release(manager, request.userId, request.skuId);
  if (request.toSkuId)
    await take(
      manager,
      request.userId,
      request.toSkuId,
      await carriedPlans(manager, request.disabledPlans ?? [], request.skuId, request.toSkuId),
    );
  await refreshHeldSkus(manager, [request.userId]);
}

/** Undo: the license is the user's again, with the disabled plans it had (a downgrade's new SKU is released). */
export async function seatTaken(manager: EntityManager, request: ReclamationRequest): Promise<void> {
  if (request.dryRun) return;
  await take(manager, request.userId, request.skuId, request.disabledPlans ?? []);
  if (request.toSkuId) await release(manager, request.userId, request.toSkuId);
  await refreshHeldSkus(manager, [request.userId]);
}

/** The user's direct assignment of the SKU is gone from the store and its seat free again. */
export async function release(manager: EntityManager, userId: string, skuId: string): Promise<void> {
  const removed = await manager.delete(UserLicense, { userId, skuId, assignedByGroup: '' });
  if (removed.affected) await manager.decrement(Sku, { skuId }, 'consumedUnits', 1);
}

/** The user holds the SKU directly in the store, taking one seat. */
export async function take(
  manager: EntityManager,
  userId: string,
  skuId: string,
  disabledPlans: string[],
): Promise<void> {
  if (await manager.findOneBy(UserLicense, { userId, skuId, assignedByGroup: '' })) return;
  await manager.insert(UserLicense, {
    userId,
    skuId,
    assignedByGroup: '',
    disabledPlans,
    state: 'Active',
    error: null,
    lastUpdatedDateTime: new Date().toISOString(),
    lastSeenRunId: null,
  });
  await manager.increment(Sku, { skuId }, 'consumedUnits', 1);
}

/**
 * The new SKU's plans to keep off after a downgrade: those turned off on the old license (a plan id
 * is the same in every SKU), and those giving only services the old license had turned off, since
 * cheaper SKUs often give a service through another plan (EXCHANGE_S_STANDARD where E3 has
 * EXCHANGE_S_ENTERPRISE). So a mailbox kept on-premises, say, is not provisioned in Exchange Online.
 */
export async function carriedPlans(
  manager: EntityManager,
  disabledPlans: readonly string[],
  fromSkuId: string,
  toSkuId: string,
): Promise<string[]> {
  if (disabledPlans.length === 0) return [];
  const [from, to] = await Promise.all([
    manager.findOneBy(Sku, { skuId: fromSkuId }),
    manager.findOneBy(Sku, { skuId: toSkuId }),
  ]);
  const off = new Set(disabledPlans.map((id) => id.toLowerCase()));
  const services = (plans: readonly ServicePlanInfo[]) =>
    new Set(plans.flatMap((p) => planServices(p.servicePlanName)));
  const fromPlans = from?.servicePlans ?? [];
  const stillOn = services(fromPlans.filter((p) => !off.has(p.servicePlanId.toLowerCase())));
  const turnedOff = [...services(fromPlans.filter((p) => off.has(p.servicePlanId.toLowerCase())))].filter(
    (s) => !stillOn.has(s),
  );
  return (to?.servicePlans ?? [])
    .filter((p) => {
      const given = planServices(p.servicePlanName);
      return off.has(p.servicePlanId.toLowerCase()) || (given.length > 0 && given.every((s) => turnedOff.includes(s)));
    })
    .map((p) => p.servicePlanId);
}
