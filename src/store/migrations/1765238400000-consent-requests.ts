import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Admin-consent round trips started with `connect`: bound to the admin, single use, expiring. */
export class ConsentRequests1765238400000 implements MigrationInterface {
  name = 'ConsentRequests1765238400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'consent_requests',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'adminId', type: 'varchar', length: '64' },
          { name: 'reference', type: 'text' },
          { name: 'createdAt', type: 'varchar', length: '32' },
          { name: 'expiresAt', type: 'varchar', length: '32' },
          { name: 'completedAt', type: 'varchar', length: '32', isNullable: true },
          { name: 'outcome', type: 'varchar', length: '16', isNullable: true },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('consent_requests', true);
  }
}
