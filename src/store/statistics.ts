import type { DataSource } from 'typeorm';

/** Rows written from which every table's statistics are refreshed (ANALYZE takes about 0.6 s at 100,000 users). */
const ANALYZE_ALL_AFTER = 10_000;

/**
 * After a task wrote `rows` rows. PostgreSQL plans the insights queries from table statistics that
 * autovacuum refreshes only a minute or more later; until then a freshly synced tenant is planned as
 * if its tables were nearly empty (measured at 100,000 users: inactive page by cost 87 ms before,
 * 69 ms after). So after a large write every table is analyzed, after a small one only the tables
 * never analyzed yet (cheap: they are new), and a day's few changes cost nothing more. SQLite, where
 * ANALYZE was measured to change nothing for these queries, has its write-ahead log copied back into
 * the database without waiting for readers (it checkpoints rarely during bulk writes:
 * src/store/data-source.ts).
 */
export async function refreshStatistics(dataSource: DataSource, rows = ANALYZE_ALL_AFTER): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.query('PRAGMA wal_checkpoint(PASSIVE)');
    return;
  }
  if (rows >= ANALYZE_ALL_AFTER) {
    await dataSource.query('ANALYZE');
    return;
  }
  const never = (await dataSource.query(
    `SELECT "relname" FROM pg_stat_user_tables WHERE "last_analyze" IS NULL AND "last_autoanalyze" IS NULL`,
  )) as { relname: string }[];
  for (const { relname } of never) await dataSource.query(`ANALYZE "${relname.replace(/"/g, '""')}"`);
}
