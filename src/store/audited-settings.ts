import type { DataSource, EntityManager } from 'typeorm';
import { AuditEvent, Setting, Sku } from './entities';

/**
 * Settings rows changed together with their audit row, in one transaction: a change that is not
 * audited never happens (docs/product-rules.md R34: the audit history records every policy change and who made it).
 */
export class AuditedSettings {
  constructor(private readonly dataSource: DataSource) {}

  /** One setting, or null when none is stored. */
  async get(key: string): Promise<Setting | null> {
    return this.dataSource.getRepository(Setting).findOneBy({ key });
  }

  /** The stored settings among these keys. */
  async getMany(keys: readonly string[]): Promise<Setting[]> {
    return this.dataSource.getRepository(Setting).findBy(keys.map((key) => ({ key })));
  }

  /** Every setting whose key starts with `prefix`. */
  async read(prefix: string): Promise<Setting[]> {
    return this.dataSource
      .getRepository(Setting)
      .createQueryBuilder('s')
      .where('s.key LIKE :p', { p: `${prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%` })
      .orderBy('s.key', 'ASC')
      .getMany();
  }

  /** Writes (or, with `value` undefined, deletes) a setting and its audit row. */
  async write(
    key: string,
    value: unknown,
    change: { actor: string; at: Date; action: string; subject?: string; detail: Record<string, unknown> },
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Setting);
      if (value === undefined) await repo.delete({ key });
      else await repo.save(repo.create({ key, value, updatedAt: change.at.toISOString(), updatedBy: change.actor }));
      await audit(m, change.action, change.subject ?? key, 'ok', change);
    });
  }

  /** Replaces a setting, with an audit row holding its value before (read in the same transaction) and after. */
  async replace(key: string, value: unknown, change: { actor: string; at: Date; action: string }): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Setting);
      const before = await repo.findOneBy({ key });
      await repo.save(repo.create({ key, value, updatedAt: change.at.toISOString(), updatedBy: change.actor }));
      await audit(m, change.action, key, 'ok', { ...change, detail: { before: before?.value ?? null, after: value } });
    });
  }

  /** Records a refused change (bad value, unknown key): nothing else is touched. */
  async refuse(
    key: string,
    change: { actor: string; at: Date; action: string; detail: Record<string, unknown> },
  ): Promise<void> {
    await audit(this.dataSource.manager, change.action, key, 'refused', change);
  }

  /** Sets which SKUs are managed (docs/product-rules.md R15), with one audit row. */
  async setManaged(
    managed: ReadonlySet<string> | 'all',
    change: { actor: string; at: Date; detail: Record<string, unknown> },
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const skus = await m.getRepository(Sku).find({ select: ['skuId', 'managed'] });
      for (const sku of skus) {
        const want = managed === 'all' || managed.has(sku.skuId.toLowerCase());
        if (Boolean(sku.managed) !== want)
          await m.update(Sku, { skuId: sku.skuId }, { managed: want, updatedAt: change.at.toISOString() });
      }
      await audit(m, 'policy.set', 'managedSkus', 'ok', change);
    });
  }
}

async function audit(
  m: EntityManager,
  action: string,
  key: string,
  outcome: string,
  change: { actor: string; at: Date; detail: Record<string, unknown> },
) {
  const repo = m.getRepository(AuditEvent);
  await repo.save(
    repo.create({
      at: change.at.toISOString(),
      actor: change.actor,
      action,
      subjectType: 'policy',
      subjectId: key,
      requestId: null,
      outcome,
      detail: change.detail,
    }),
  );
}
