import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The refresh date of each usage report's latest read, once per report: the rows read from it
 * (report snapshots, per-app days) say "as of the latest read" without carrying the date, so the
 * next day's read rewrites only the rows whose values changed.
 */
@Entity({ name: 'report_reads' })
export class ReportRead {
  /** A report_snapshots report, or activeUsers / emailActivity (the per-app days of access). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  report!: string;

  @Column({ type: 'varchar', length: 10 })
  reportRefreshDate!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
