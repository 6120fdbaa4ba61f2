import type { DataSource, EntityManager } from 'typeorm';
import { AuditEvent, LicenseCost } from './entities';

export type NewLicenseCost = Pick<LicenseCost, 'skuId' | 'cost' | 'currency' | 'paymentFrequency' | 'effectiveDate' | 'expirationDate'>;

/** Adds a cost record (source `admin`) with its audit row, in one transaction; returns its id. */
export async function addLicenseCost(store: DataSource, cost: NewLicenseCost, actor: string, at: Date): Promise<number> {
  return store.transaction(async (m) => {
    const saved = await m.getRepository(LicenseCost).save(m.getRepository(LicenseCost).create({ ...cost, source: 'admin', updatedAt: at.toISOString() }));
    await audit(m, { at: at.toISOString(), actor, action: 'cost.set', subjectId: cost.skuId, detail: { id: saved.id, ...cost } });
    return saved.id;
  });
}

/** Removes a cost record with its audit row; false when there was none. */
export async function removeLicenseCost(store: DataSource, id: number, actor: string, at: Date): Promise<boolean> {
  return store.transaction(async (m) => {
    const row = await m.getRepository(LicenseCost).findOneBy({ id });
    if (!row) return false;
    await m.getRepository(LicenseCost).delete({ id });
    await audit(m, { at: at.toISOString(), actor, action: 'cost.remove', subjectId: row.skuId, detail: { ...row } });
    return true;
  });
}

async function audit(m: EntityManager, e: { at: string; actor: string; action: string; subjectId: string; detail: Record<string, unknown> }) {
  const repo = m.getRepository(AuditEvent);
  await repo.save(repo.create({ ...e, subjectType: 'sku', requestId: null, outcome: 'ok' }));
}
