import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * report_digests: a digest of each user's row in the latest read of access's reports, so that an
 * incremental run leaves the rows that did not change out of the database's comparison. A store
 * made before has none: its next read compares and digests every row once.
 */
export class ReportDigests1766275200000 implements MigrationInterface {
  name = 'ReportDigests1766275200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'report_digests',
        withoutRowid: true,
        columns: [
          { name: 'report', type: 'varchar', length: '64', isPrimary: true },
          { name: 'userId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'digest', type: 'varchar', length: '16' },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_digests', true);
  }
}
