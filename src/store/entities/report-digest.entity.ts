import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The digest of each user's row in the latest read of a report whose values are stored spread over
 * other rows (access's per-app days, app_activity): an incremental run tells a row that did not
 * change from its digest alone, instead of having the database compare the days it gives. Written
 * in the same transaction as those days. Without rowid on SQLite: the digest lives in the key's B-tree.
 */
@Entity({ name: 'report_digests', withoutRowid: true })
export class ReportDigest {
  /** activeUsers or emailActivity. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  report!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  /** src/store/report-digests.ts, valuesDigest. */
  @Column({ type: 'varchar', length: 16 })
  digest!: string;
}
