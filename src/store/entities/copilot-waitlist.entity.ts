import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OPEN_WAITLIST_STATES, type WaitlistState } from '../copilot-waitlist-states';

/**
 * One person's request for a Microsoft 365 Copilot seat. `state` moves waiting → assigning →
 * assigned (→ undone, which puts the person back in line as a new entry) or back to waiting when
 * the assignment could not be made; waiting → cancelled. Each step is a compare-and-set on
 * `version` (src/store/copilot-waitlist.ts).
 */
@Entity({ name: 'copilot_waitlist' })
@Index('IDX_copilot_waitlist_state_requested', ['state', 'requestedAt'])
// One open entry per person (migration 1766102400000).
@Index('UQ_copilot_waitlist_open_user', ['userId'], {
  unique: true,
  where: `"state" IN (${OPEN_WAITLIST_STATES.map((s) => `'${s}'`).join(', ')})`,
})
// One assignment in flight in the whole tenant: the fresh seat count it reads cannot be raced (migration 1766102400000).
@Index('UQ_copilot_waitlist_assigning', ['state'], { unique: true, where: `"state" = 'assigning'` })
export class CopilotWaitlistEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 320 })
  userPrincipalName!: string;

  @Column({ type: 'varchar', length: 256, nullable: true })
  displayName!: string | null;

  /** Why they ask, in their words (optional, at most 500 characters). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 16 })
  state!: WaitlistState;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** The place in line: an undone assignment keeps the person's first request time. */
  @Column({ type: 'varchar', length: 32 })
  requestedAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;

  /** When the bot last proposed this person to an admin for a free seat; null: not since they joined or were put back. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  proposedAt!: string | null;

  /** The Copilot SKU assigned, the admin who confirmed it and Graph's request id. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  skuId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  assignedBy!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  assignedAt!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  graphRequestId!: string | null;

  /** What happened last, in words (why an assignment was not made, who undid it). */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;
}
