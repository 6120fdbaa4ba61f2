import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A user's last Microsoft 365 Copilot activity, overall and per app (`YYYY-MM-DD`, null: none the
 * report knows), from the Copilot usage report (src/tasks/copilot-usage.ts). The report lists
 * Copilot license holders only; a date once read stays until a newer one replaces it.
 */
@Entity({ name: 'copilot_activity' })
export class CopilotActivity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  lastActivityDate!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  teams!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  word!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  excel!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  powerPoint!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  outlook!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  oneNote!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  loop!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  chat!: string | null;

  /** The report's refresh date: the data is as of this day (one to three days behind). */
  @Column({ type: 'varchar', length: 10 })
  reportRefreshDate!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
