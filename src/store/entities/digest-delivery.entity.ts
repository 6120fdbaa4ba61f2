import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Outbox row: one digest to one conversation. Recorded so a restart never sends twice. */
@Entity({ name: 'digest_deliveries' })
@Index('IDX_digest_status_next', ['status', 'nextAttemptAt'])
export class DigestDelivery {
  /** Digest id (e.g. its week) + conversation id: one delivery per pair. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  digestId!: string;

  @PrimaryColumn({ type: 'varchar', length: 256 })
  conversationId!: string;

  /** pending, sending, sent, failed, gone. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  nextAttemptAt!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  activityId!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  sentAt!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;
}
