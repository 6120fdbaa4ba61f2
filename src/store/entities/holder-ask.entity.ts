import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A group of holder asks started by one admin (a reclaim Confirm, or "Ask these users" on a list),
 * with the card that shows its progress (updated in place). A bulk ask is a draft until its preview
 * is confirmed, so Confirm creates only what the preview counted (migration 1765756800000).
 */
@Entity({ name: 'ask_batches' })
export class AskBatch {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** `reclaim` (a Confirm of the reclaim preview) or `bulk` ("Ask these users"). */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** The finding list of a bulk ask (inactive, never). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  list!: string | null;

  @Column({ type: 'varchar', length: 36 })
  requestedBy!: string;

  /** draft, confirmed or cancelled. */
  @Column({ type: 'varchar', length: 16 })
  state!: string;

  /** The admin's conversation and the card there that follows the batch. */
  @Column({ type: 'varchar', length: 256, nullable: true })
  conversationId!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  activityId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  confirmedAt!: string | null;

  /** A draft not confirmed by then is never sent. */
  @Column({ type: 'varchar', length: 32 })
  expiresAt!: string;
}

/**
 * One ask of a batch: a user and a license, then its request, then the delivery of the holder's
 * card. Claimed with a compare-and-set (`pending` → `sending`) before anything is sent, so two
 * instances, a restart or a second batch never send the same ask twice.
 */
@Entity({ name: 'holder_asks' })
@Index('UQ_holder_asks_item', ['batchId', 'userId', 'skuId'], { unique: true })
@Index('IDX_holder_asks_status_next', ['status', 'nextAttemptAt'])
@Index('IDX_holder_asks_request', ['requestId'])
export class HolderAsk {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  batchId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 320 })
  userPrincipalName!: string;

  @Column({ type: 'varchar', length: 256, nullable: true })
  displayName!: string | null;

  @Column({ type: 'varchar', length: 36 })
  skuId!: string;

  @Column({ type: 'varchar', length: 128 })
  skuName!: string;

  /** What the preview counted: the license's monthly cost. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  monthlyCost!: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  /** The request made for it (null until made, or when it could not be). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  requestId!: string | null;

  /** draft (its batch is not confirmed), pending, sending, sent, skipped (not asked: `note` says why), failed. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** A retry's time, or the lease of a `sending` claim. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  nextAttemptAt!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  sentAt!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;
}
