import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Last activity date of a user in one application (Application Access task): the seven report
 * services plus Dynamics 365, Power BI, Project and Visio from the sign-in log.
 */
@Entity({ name: 'app_activity' })
@Index('IDX_app_activity_app_date', ['app', 'lastActivityDate'])
export class AppActivity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  app!: string;

  /** `YYYY-MM-DD` from reports, ISO instant from sign-ins; null when the app was never used. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  lastActivityDate!: string | null;

  /** `report` or `signin`. */
  @Column({ type: 'varchar', length: 16 })
  source!: string;

  /**
   * Report refresh date the value is "as of" (reports lag up to 3 days). Null for a report's or an
   * activation's day: that is as of its report's latest read (report_reads, reportAsOfSql), kept
   * once rather than rewritten in every row each day. Null for a sign-in.
   */
  @Column({ type: 'varchar', length: 10, nullable: true })
  asOf!: string | null;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
