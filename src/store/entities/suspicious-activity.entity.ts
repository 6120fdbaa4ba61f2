import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A report row whose user name is concealed (32-hex hash) and so cannot be matched to a user. */
@Entity({ name: 'suspicious_activities' })
@Index('UQ_suspicious_report_name', ['report', 'concealedName'], { unique: true })
export class SuspiciousActivity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  report!: string;

  @Column({ type: 'varchar', length: 64 })
  concealedName!: string;

  @Column({ type: 'varchar', length: 10 })
  reportRefreshDate!: string;

  @Column({ type: 'simple-json' })
  data!: Record<string, string | number | boolean | null>;

  @Column({ type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'varchar', length: 32 })
  firstSeenAt!: string;

  @Column({ type: 'varchar', length: 32 })
  lastSeenAt!: string;
}
