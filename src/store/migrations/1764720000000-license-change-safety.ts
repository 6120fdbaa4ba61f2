import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Two guards for changes that keep the user licensed (downgrades, overlap removals):
 * - at most one executing request per user, so two approved changes to one user's licenses never
 *   act on the same fresh read at once (a partial unique index, as for open requests);
 * - the usage snapshot learns which held SKUs are assigned with plans turned off (`partial`), so a
 *   license with a plan off never counts as covering another. The snapshot is rebuilt from the data
 *   on its next read, so its table is recreated empty rather than altered.
 */
export const EXECUTING_USER_INDEX = new TableIndex({
  name: 'UQ_requests_executing_user',
  columnNames: ['userId'],
  isUnique: true,
  where: `"state" = 'executing'`,
});

const masks = (withPartial: boolean) =>
  new Table({
    name: 'usage_masks',
    columns: [
      { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
      { name: 'held', type: 'bigint' },
      ...(withPartial ? [{ name: 'partial', type: 'bigint' }] : []),
      { name: 'used', type: 'integer' },
      { name: 'usedShort', type: 'integer' },
      { name: 'office', type: 'integer' },
      { name: 'candidate', type: 'boolean' },
    ],
    indices: [
      new TableIndex({
        name: 'IDX_usage_masks_candidates',
        columnNames: ['candidate', 'held', ...(withPartial ? ['partial'] : []), 'used', 'office', 'userId'],
      }),
    ],
  });

export class LicenseChangeSafety1764720000000 implements MigrationInterface {
  name = 'LicenseChangeSafety1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Before this index, approvals of one user's requests could execute side by side, and a stop could
    // leave several executing. None of them is trusted: each fails, Retry reads Graph again.
    await queryRunner.query(
      `UPDATE "reclamation_requests" SET "state" = 'failed', "version" = "version" + 1, "outcome" = 'Interrupted while another change to the same user ran: check the user''s licenses, then Retry.' ` +
        `WHERE "state" = 'executing' AND "userId" IN (SELECT "userId" FROM "reclamation_requests" WHERE "state" = 'executing' GROUP BY "userId" HAVING COUNT(*) > 1)`,
    );
    await queryRunner.createIndex('reclamation_requests', EXECUTING_USER_INDEX);
    await queryRunner.dropTable('usage_masks', true);
    await queryRunner.createTable(masks(true), true);
    await queryRunner.query(`UPDATE "usage_mask_state" SET "builtGeneration" = 0, "key" = ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('usage_masks', true);
    await queryRunner.createTable(masks(false), true);
    await queryRunner.query(`UPDATE "usage_mask_state" SET "builtGeneration" = 0, "key" = ''`);
    await queryRunner.dropIndex('reclamation_requests', EXECUTING_USER_INDEX.name!);
  }
}
