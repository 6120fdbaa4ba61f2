import type { DataSource, EntityManager } from 'typeorm';
import { AuditEvent, LicenseCost } from './entities';

export type NewLicenseCost = Pick<
  LicenseCost,
  'skuId' | 'cost' | 'currency' | 'paymentFrequency' | 'termMonths' | 'effectiveDate' | 'expirationDate'
>;

/**
 * Adds cost records (source `admin`: entered) with an audit row each, all in one transaction: all
 * are stored or none. `detail` goes into every audit row (e.g. the import file). Returns the ids.
 */
export async function addLicenseCosts(
  store: DataSource,
  costs: readonly NewLicenseCost[],
  actor: string,
  at: Date,
  detail: Record<string, unknown> = {},
): Promise<number[]> {
  return store.transaction(async (m) => {
    const ids: number[] = [];
    for (const cost of costs) {
      const saved = await m
        .getRepository(LicenseCost)
        .save(m.getRepository(LicenseCost).create({ ...cost, source: 'admin', updatedAt: at.toISOString() }));
      await audit(m, {
        at: at.toISOString(),
        actor,
        action: 'cost.set',
        subjectId: cost.skuId,
        outcome: 'ok',
        detail: { ...detail, id: saved.id, ...cost },
      });
      ids.push(saved.id);
    }
    return ids;
  });
}

/** Records a refused cost entry (bad input, unknown SKU): nothing else is touched. */
export async function refuseLicenseCost(
  store: DataSource,
  subject: string,
  actor: string,
  at: Date,
  detail: Record<string, unknown>,
): Promise<void> {
  await audit(store.manager, {
    at: at.toISOString(),
    actor,
    action: 'cost.set',
    subjectId: subject.slice(0, 64),
    outcome: 'refused',
    detail,
  });
}

/** Removes a cost record with its audit row; false when there was none. */
export async function removeLicenseCost(store: DataSource, id: number, actor: string, at: Date): Promise<boolean> {
  return store.transaction(async (m) => {
    const row = await m.getRepository(LicenseCost).findOneBy({ id });
    if (!row) return false;
    await m.getRepository(LicenseCost).delete({ id });
    await audit(m, {
      at: at.toISOString(),
      actor,
      action: 'cost.remove',
      subjectId: row.skuId,
      outcome: 'ok',
      detail: { ...row },
    });
    return true;
  });
}

async function audit(
  m: EntityManager,
  e: { at: string; actor: string; action: string; subjectId: string; outcome: string; detail: Record<string, unknown> },
) {
  const repo = m.getRepository(AuditEvent);
  await repo.save(repo.create({ ...e, subjectType: 'sku', requestId: null }));
}
