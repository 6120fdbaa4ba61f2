import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * At most one open request per user and license, enforced by the database: two admins (or two
 * clicks) confirming at the same moment cannot both create one. A partial unique index, which
 * SQLite and PostgreSQL both support.
 */
export const OPEN_REQUEST_INDEX = new TableIndex({
  name: 'UQ_requests_open_user_sku',
  columnNames: ['userId', 'skuId'],
  isUnique: true,
  where: `"state" IN ('requested', 'approved', 'executing', 'failed')`,
});

export class OneOpenRequest1764374400000 implements MigrationInterface {
  name = 'OneOpenRequest1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('reclamation_requests', OPEN_REQUEST_INDEX);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reclamation_requests', OPEN_REQUEST_INDEX.name!);
  }
}
