import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A reclamation request may be a downgrade: the SKU that replaces the removed one. */
export class DowngradeRequests1764633600000 implements MigrationInterface {
  name = 'DowngradeRequests1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'reclamation_requests',
      new TableColumn({ name: 'toSkuId', type: 'varchar', length: '36', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('reclamation_requests', 'toSkuId');
  }
}
