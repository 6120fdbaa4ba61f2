import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only history: every transition, refusal and policy change, with who did it. The one
 * exception is a row that counts: activities refused from another tenant are one row per tenant and
 * hour whose `count` grows (src/store/foreign-activity.ts), so a flood cannot fill the table.
 */
@Entity({ name: 'audit_events' })
@Index('IDX_audit_subject', ['subjectType', 'subjectId'])
@Index('IDX_audit_request', ['requestId'])
@Index('UQ_audit_hourly', ['subjectType', 'hour', 'subjectId'], { unique: true, where: `"hour" IS NOT NULL` })
export class AuditEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  at!: string;

  /** Entra object id of the person, or `system`. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** user, request, policy, sku, conversation. */
  @Column({ type: 'varchar', length: 32 })
  subjectType!: string;

  @Column({ type: 'varchar', length: 320 })
  subjectId!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId!: string | null;

  /** ok, refused, failed. */
  @Column({ type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ type: 'simple-json' })
  detail!: Record<string, unknown>;

  /** How many occurrences the row stands for: 1, except on a row counted per hour. */
  @Column({ type: 'integer', default: 1 })
  count!: number;

  /** The UTC hour (`YYYY-MM-DDTHH`) a counted row covers; null on every other row. */
  @Column({ type: 'varchar', length: 13, nullable: true })
  hour!: string | null;
}
