import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A row of a usage report (activations, mailbox, OneDrive, M365 apps) as of its refresh date.
 * Only the last 90 days are kept (docs/product-rules.md R10).
 */
@Entity({ name: 'report_snapshots' })
// Both cover what a sync looks up: a user's rows of one report are found, and the latest read's
// users with their rows' digests listed, without reading the rows themselves.
@Index('IDX_report_snapshots_report_date_user', ['report', 'reportRefreshDate', 'userId', 'digest'])
@Index('IDX_report_snapshots_user_report', ['userId', 'report'])
export class ReportSnapshot {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  report!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 320 })
  userPrincipalName!: string;

  /**
   * Null while the user is in the report's latest read: that read's date is kept once, in
   * report_reads, so a new report day rewrites no row whose values stayed the same. A user the
   * latest read no longer has keeps the date of the last read that had them.
   */
  @Column({ type: 'varchar', length: 10, nullable: true })
  reportRefreshDate!: string | null;

  /** The report's record in short (src/store/report-snapshots.ts): an unchanged row is known from the index. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  digest!: string | null;

  @Column({ type: 'simple-json' })
  data!: Record<string, string | number | boolean | null>;
}
