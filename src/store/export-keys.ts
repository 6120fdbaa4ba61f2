import { randomBytes } from 'node:crypto';
import { IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { AuditEvent, ExportSigningKey } from './entities';

export interface SigningKey {
  id: number;
  secret: Buffer;
  /** When links signed with it stop being served; null while it is in use. */
  retiredAt: string | null;
}

/** A key as the operator sees it: never its secret. */
export type SigningKeyInfo = Pick<ExportSigningKey, 'id' | 'createdAt' | 'retiredAt'>;

/**
 * The keys that sign export links, kept in the database so every instance on it signs and checks
 * with the same ones. The newest key not retired signs; a retired key's links are refused.
 */
export class ExportSigningKeys {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The key that signs new links. The first one (or the next, if every key was retired) is made
   * here: insert-if-absent under the id after the newest key, then read, so instances starting at
   * once agree on it. That id is read before looking for a key in use: read after, it could count a
   * key another instance made meanwhile, and a second key would be made beside it.
   */
  async current(now: Date): Promise<SigningKey> {
    const next = await this.nextId(this.dataSource.manager);
    const found = await this.newestInUse(now);
    if (found) return found;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ExportSigningKey)
      .values(newKey(next, now))
      .orIgnore()
      .execute();
    const made = await this.newestInUse(now);
    if (!made) throw new Error('no export signing key in use, and none could be made');
    return made;
  }

  /** The key with this id, retired or not; null when there is none. */
  async byId(id: number): Promise<SigningKey | null> {
    const row = await this.dataSource.getRepository(ExportSigningKey).findOneBy({ id });
    return row ? toKey(row) : null;
  }

  async list(): Promise<SigningKeyInfo[]> {
    return this.dataSource
      .getRepository(ExportSigningKey)
      .find({ select: { id: true, createdAt: true, retiredAt: true }, order: { id: 'ASC' } });
  }

  /**
   * Makes a new key current. Keys in use retire `graceMs` from now (links already sent keep working
   * until they expire), or at once with a grace of 0; keys retiring later than that retire then too.
   * Audited; returns the new key's id.
   */
  async rotate(now: Date, graceMs: number, actor: string): Promise<{ id: number; retired: number[] }> {
    const retireAt = new Date(now.getTime() + graceMs).toISOString();
    return this.dataSource.transaction(async (m) => {
      const keys = m.getRepository(ExportSigningKey);
      const retiring = await keys.find({
        where: [{ retiredAt: IsNull() }, { retiredAt: MoreThan(retireAt) }],
        select: { id: true },
      });
      for (const { id } of retiring) await keys.update({ id }, { retiredAt: retireAt });
      const id = await this.nextId(m);
      await keys.insert(newKey(id, now));
      const audit = m.getRepository(AuditEvent);
      await audit.save(
        audit.create({
          at: now.toISOString(),
          actor,
          action: 'export.key.rotate',
          subjectType: 'policy',
          subjectId: 'exportSigningKey',
          requestId: null,
          outcome: 'ok',
          detail: { current: id, retired: retiring.map((k) => k.id), retiredAt: retireAt },
        }),
      );
      return { id, retired: retiring.map((k) => k.id) };
    });
  }

  private async newestInUse(now: Date): Promise<SigningKey | null> {
    const row = await this.dataSource.getRepository(ExportSigningKey).findOne({
      where: [{ retiredAt: IsNull() }, { retiredAt: MoreThan(now.toISOString()) }],
      order: { id: 'DESC' },
    });
    return row ? toKey(row) : null;
  }

  private async nextId(m: EntityManager): Promise<number> {
    const { max } = (await m
      .getRepository(ExportSigningKey)
      .createQueryBuilder('k')
      .select('MAX(k.id)', 'max')
      .getRawOne<{ max: number | string | null }>()) ?? { max: null };
    return Number(max ?? 0) + 1;
  }
}

function newKey(id: number, now: Date): ExportSigningKey {
  return { id, secret: randomBytes(32).toString('base64url'), createdAt: now.toISOString(), retiredAt: null };
}

function toKey(row: ExportSigningKey): SigningKey {
  return { id: row.id, secret: Buffer.from(row.secret, 'base64url'), retiredAt: row.retiredAt };
}
