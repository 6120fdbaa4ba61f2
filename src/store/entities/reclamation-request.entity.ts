import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OPEN_REQUEST_STATES, type HolderAnswer, type RequestState } from '../request-states';

/**
 * One user, one SKU, one approver; a downgrade also names the cheaper SKU that replaces it
 * (`toSkuId`). `state` moves (asking →) requested → approved | rejected | expired →
 * executing → reclaimed | skipped | failed → undone, each step by compare-and-set on `version`
 * (request-states.ts; the holder's step, `asking`, in src/reclamation/holder.ts).
 */
@Entity({ name: 'reclamation_requests' })
@Index('IDX_requests_state', ['state'])
@Index('IDX_requests_user', ['userId'])
@Index('IDX_requests_approver_state', ['approverId', 'state'])
// One open request per user and license (migration 1764374400000).
@Index('UQ_requests_open_user_sku', ['userId', 'skuId'], {
  unique: true,
  where: `"state" IN (${OPEN_REQUEST_STATES.map((s) => `'${s}'`).join(', ')})`,
})
// One executing request per user: changes to one user's licenses run one after the other (migration 1764720000000).
@Index('UQ_requests_executing_user', ['userId'], { unique: true, where: `"state" = 'executing'` })
export class ReclamationRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 320 })
  userPrincipalName!: string;

  @Column({ type: 'varchar', length: 36 })
  skuId!: string;

  /** A finding kind or a license change: REQUEST_REASONS of src/insights/types.ts. */
  @Column({ type: 'varchar', length: 16 })
  reason!: string;

  /** Downgrade: the SKU assigned in the same call that removes `skuId`. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  toSkuId!: string | null;

  /** The finding and its evidence at request time. */
  @Column({ type: 'simple-json' })
  evidence!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 36 })
  requestedBy!: string;

  @Column({ type: 'varchar', length: 36 })
  approverId!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: RequestState;

  /** Bumped on every transition; a card carries the version it showed. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** The disabled plans the license had when removed, so undo restores them. */
  @Column({ type: 'simple-json', nullable: true })
  disabledPlans!: string[] | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  graphRequestId!: string | null;

  /**
   * When an execution last sent (or was about to send) its Graph write; kept through Retry, since
   * a write sent before a crash or an error may land later (migration 1764806400000).
   */
  @Column({ type: 'varchar', length: 32, nullable: true })
  writeSentAt!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  monthlySaving!: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'boolean' })
  dryRun!: boolean;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  /** Where its approval cards were posted (conversation id → activity id), to update them in place. */
  @Column({ type: 'simple-json' })
  cards!: Record<string, string>;

  /** The license holder's step (HOLDER_ANSWERS); null when the holder was not part of it (migration 1765756800000). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  holderAnswer!: HolderAnswer | null;

  /** The holder's reason to keep, or why they could not be asked. */
  @Column({ type: 'text', nullable: true })
  holderNote!: string | null;

  /** When the holder's card reached them; their deadline (`askUntil`) runs from then. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  askedAt!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  askUntil!: string | null;

  /** The one reminder, at half the holder's time. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  remindedAt!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  holderAnsweredAt!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;

  @Column({ type: 'varchar', length: 32 })
  expiresAt!: string;
}
