import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Audit rows that count occurrences per hour (refused activities of other tenants): one per subject and hour. */
export const HOURLY_AUDIT_INDEX = new TableIndex({
  name: 'UQ_audit_hourly',
  columnNames: ['subjectType', 'hour', 'subjectId'],
  isUnique: true,
  where: `"hour" IS NOT NULL`,
});

export class HourlyAudit1765065600000 implements MigrationInterface {
  name = 'HourlyAudit1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('audit_events', new TableColumn({ name: 'count', type: 'integer', default: 1 }));
    await queryRunner.addColumn(
      'audit_events',
      new TableColumn({ name: 'hour', type: 'varchar', length: '13', isNullable: true }),
    );
    await queryRunner.createIndex('audit_events', HOURLY_AUDIT_INDEX);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('audit_events', HOURLY_AUDIT_INDEX.name!);
    await queryRunner.dropColumn('audit_events', 'hour');
    await queryRunner.dropColumn('audit_events', 'count');
  }
}
