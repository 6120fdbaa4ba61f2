import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * When an execution sent its Graph write, so that a license found gone afterwards (by the
 * start-up reconcile, or by Retry once a late write landed) counts as reclaimed, and one found
 * gone before any write does not. Older versions noted the disabled plans just before the write:
 * an executing or failed request that has them may have sent it.
 */
export class WriteSent1764806400000 implements MigrationInterface {
  name = 'WriteSent1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'reclamation_requests',
      new TableColumn({ name: 'writeSentAt', type: 'varchar', length: '32', isNullable: true }),
    );
    await queryRunner.query(
      `UPDATE "reclamation_requests" SET "writeSentAt" = "updatedAt" WHERE "state" IN ('executing', 'failed') AND "disabledPlans" IS NOT NULL AND "dryRun" = FALSE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('reclamation_requests', 'writeSentAt');
  }
}
