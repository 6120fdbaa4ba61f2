import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only history: every transition, refusal and policy change, with who did it. */
@Entity({ name: 'audit_events' })
@Index('IDX_audit_subject', ['subjectType', 'subjectId'])
@Index('IDX_audit_request', ['requestId'])
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
}
