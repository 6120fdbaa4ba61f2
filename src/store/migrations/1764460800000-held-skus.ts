import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

const PAGE = 5000;

/**
 * `users.heldSkuIds` (src/store/held-skus.ts), filled from the license rows already stored. The
 * backfill is written here rather than with the store's helpers so that it keeps working when they
 * change; users are read by id in pages, and each page is written with one UPDATE per distinct
 * value (a tenant has a few hundred combinations of SKUs, not one per user).
 */
export class HeldSkus1764460800000 implements MigrationInterface {
  name = 'HeldSkus1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('users', new TableColumn({ name: 'heldSkuIds', type: 'text', default: "''" }));
    const p = (i: number) => queryRunner.connection.driver.createParameter(`p${i}`, i);
    let after = '';
    for (;;) {
      const users = (await queryRunner.query(
        `SELECT "id" FROM "users" WHERE "id" > ${p(0)} ORDER BY "id" LIMIT ${PAGE}`,
        [after],
      )) as { id: string }[];
      if (users.length === 0) return;
      const ids = users.map((u) => u.id);
      const rows = (await queryRunner.query(
        `SELECT "userId", "skuId" FROM "user_licenses" WHERE "userId" IN (${ids.map((_, i) => p(i)).join(', ')})`,
        ids,
      )) as { userId: string; skuId: string }[];
      const held = new Map<string, Set<string>>();
      for (const r of rows) held.set(r.userId, (held.get(r.userId) ?? new Set()).add(r.skuId.toLowerCase()));
      const byValue = new Map<string, string[]>();
      for (const [userId, skus] of held) {
        const value = [...skus].sort().join(',');
        const same = byValue.get(value);
        if (same) same.push(userId);
        else byValue.set(value, [userId]);
      }
      for (const [value, userIds] of byValue) {
        await queryRunner.query(
          `UPDATE "users" SET "heldSkuIds" = ${p(0)} WHERE "id" IN (${userIds.map((_, i) => p(i + 1)).join(', ')})`,
          [value, ...userIds],
        );
      }
      after = ids[ids.length - 1]!;
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'heldSkuIds');
  }
}
