import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each usage report's refresh date kept once, in report_reads, rather than in every row read from
 * it: the date moves every day, so rows carrying it were all rewritten daily although their values
 * stayed the same. A snapshot or per-app day as of the latest read holds null; rows of an older read
 * (users the latest one no longer had) keep their date. A snapshot keeps a digest of its values,
 * and the indexes take the report beside the user, and the user and digest beside the report's
 * date: a sync's look-ups read only the index. Rows stored before have no digest: rewritten once.
 */
export class ReportReads1766188800000 implements MigrationInterface {
  name = 'ReportReads1766188800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'report_reads',
        columns: [
          { name: 'report', type: 'varchar', length: '64', isPrimary: true },
          { name: 'reportRefreshDate', type: 'varchar', length: '10' },
          { name: 'updatedAt', type: 'varchar', length: '32' },
        ],
      }),
      true,
    );
    // The indexes go first: on SQLite changeColumn rebuilds the table, indexes and all.
    await queryRunner.dropIndex('report_snapshots', 'IDX_report_snapshots_report_date');
    await queryRunner.dropIndex('report_snapshots', 'IDX_report_snapshots_user');
    await setNullable(queryRunner, true);
    await queryRunner.addColumn(
      'report_snapshots',
      new TableColumn({ name: 'digest', type: 'varchar', length: '16', isNullable: true }),
    );
    await queryRunner.createIndex(
      'report_snapshots',
      new TableIndex({
        name: 'IDX_report_snapshots_report_date_user',
        columnNames: ['report', 'reportRefreshDate', 'userId', 'digest'],
      }),
    );
    await queryRunner.createIndex(
      'report_snapshots',
      new TableIndex({ name: 'IDX_report_snapshots_user_report', columnNames: ['userId', 'report'] }),
    );
    const now = new Date().toISOString();
    await queryRunner.query(
      `INSERT INTO "report_reads" ("report", "reportRefreshDate", "updatedAt") SELECT "report", MAX("reportRefreshDate"), '${now}' FROM "report_snapshots" GROUP BY "report"`,
    );
    await queryRunner.query(
      `UPDATE "report_snapshots" SET "reportRefreshDate" = NULL WHERE "reportRefreshDate" = (SELECT "r"."reportRefreshDate" FROM "report_reads" "r" WHERE "r"."report" = "report_snapshots"."report")`,
    );
    // The per-app days of access: Outlook's from the email activity report, the others' from the active users report.
    for (const [report, apps] of [
      ['activeUsers', `"app" <> 'outlook'`],
      ['emailActivity', `"app" = 'outlook'`],
    ] as const) {
      await queryRunner.query(
        `INSERT INTO "report_reads" ("report", "reportRefreshDate", "updatedAt") SELECT '${report}', MAX("asOf"), '${now}' FROM "app_activity" WHERE "source" = 'report' AND ${apps} HAVING MAX("asOf") IS NOT NULL`,
      );
    }
    await queryRunner.query(`UPDATE "app_activity" SET "asOf" = NULL WHERE "source" IN ('report', 'activation')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "app_activity" SET "asOf" = (SELECT "r"."reportRefreshDate" FROM "report_reads" "r" WHERE "r"."report" = CASE WHEN "app_activity"."source" = 'activation' THEN 'activations' WHEN "app_activity"."app" = 'outlook' THEN 'emailActivity' ELSE 'activeUsers' END) WHERE "source" IN ('report', 'activation') AND "asOf" IS NULL`,
    );
    await queryRunner.query(
      `UPDATE "report_snapshots" SET "reportRefreshDate" = COALESCE((SELECT "r"."reportRefreshDate" FROM "report_reads" "r" WHERE "r"."report" = "report_snapshots"."report"), '') WHERE "reportRefreshDate" IS NULL`,
    );
    await queryRunner.dropIndex('report_snapshots', 'IDX_report_snapshots_user_report');
    await queryRunner.dropIndex('report_snapshots', 'IDX_report_snapshots_report_date_user');
    await queryRunner.dropColumn('report_snapshots', 'digest');
    await setNullable(queryRunner, false);
    await queryRunner.createIndex(
      'report_snapshots',
      new TableIndex({ name: 'IDX_report_snapshots_report_date', columnNames: ['report', 'reportRefreshDate'] }),
    );
    await queryRunner.createIndex(
      'report_snapshots',
      new TableIndex({ name: 'IDX_report_snapshots_user', columnNames: ['userId'] }),
    );
    await queryRunner.dropTable('report_reads', true);
  }
}

/**
 * report_snapshots.reportRefreshDate made nullable (or not), its values kept. PostgreSQL alters the
 * column in place; TypeORM's changeColumn there may drop and add it when it reads the type
 * differently, losing every date. SQLite cannot alter a column: changeColumn copies the table.
 */
async function setNullable(queryRunner: QueryRunner, nullable: boolean): Promise<void> {
  if (queryRunner.connection.driver.options.type === 'postgres') {
    await queryRunner.query(
      `ALTER TABLE "report_snapshots" ALTER COLUMN "reportRefreshDate" ${nullable ? 'DROP' : 'SET'} NOT NULL`,
    );
    return;
  }
  await queryRunner.changeColumn(
    'report_snapshots',
    'reportRefreshDate',
    new TableColumn({ name: 'reportRefreshDate', type: 'varchar', length: '10', isNullable: nullable }),
  );
}
