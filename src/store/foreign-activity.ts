import type { DataSource, EntityManager } from 'typeorm';
import { isGuid } from '../config';
import { AuditEvent } from './entities';

const SUBJECT_TYPE = 'tenant';
/**
 * Tenants counted apart in one hour; any further ones share the row `other`. Without a bot identity
 * (no BOT_ID) anyone can post an activity naming any tenant: a row per made-up tenant would let a
 * flood grow the table without end.
 */
export const TENANTS_PER_HOUR = 20;

/**
 * Records an activity refused because it came from another tenant: one audit row per tenant and
 * UTC hour, whose `count` goes up by one. Nothing about the sender or the conversation is kept.
 * Portable: insert-if-absent (`INSERT OR IGNORE` / `ON CONFLICT DO NOTHING` on UQ_audit_hourly), then
 * an atomic increment, so two instances counting the same tenant at once lose nothing.
 */
export async function recordForeignActivity(
  dataSource: DataSource,
  tenant: string | undefined,
  at: Date,
): Promise<void> {
  const hour = at.toISOString().slice(0, 13);
  const named = tenant && isGuid(tenant.toLowerCase()) ? tenant.toLowerCase() : 'unknown';
  await dataSource.transaction(async (m) => {
    if (await increment(m, named, hour)) return;
    const counted = await m.getRepository(AuditEvent).countBy({ subjectType: SUBJECT_TYPE, hour });
    const subject = counted >= TENANTS_PER_HOUR ? 'other' : named;
    await m
      .createQueryBuilder()
      .insert()
      .into(AuditEvent)
      .values({
        at: at.toISOString(),
        actor: 'unknown',
        action: 'tenant.refused',
        subjectType: SUBJECT_TYPE,
        subjectId: subject,
        requestId: null,
        outcome: 'refused',
        detail: { reason: 'activities from a tenant this bot does not serve, counted per hour' },
        count: 0,
        hour,
      })
      .orIgnore()
      .execute();
    await increment(m, subject, hour);
  });
}

async function increment(m: EntityManager, subjectId: string, hour: string): Promise<boolean> {
  const result = await m
    .createQueryBuilder()
    .update(AuditEvent)
    .set({ count: () => '"count" + 1' })
    .where('"subjectType" = :type AND "hour" = :hour AND "subjectId" = :subjectId', {
      type: SUBJECT_TYPE,
      hour,
      subjectId,
    })
    .execute();
  return (result.affected ?? 0) > 0;
}
