import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One live user's usage, as bit masks (src/insights/sql/usage-masks.ts): the managed SKUs held,
 * which of them are assigned with plans turned off, the services used in the long (90-day) and
 * short (30-day) windows, Office desktop use, and whether the user is a downgrade candidate (active,
 * no identity exclusion). A snapshot rebuilt as a whole when the data, the policy or the hour
 * changes, so that the downgrade list pages from an index instead of recomputing every user's masks
 * per page.
 */
@Entity({ name: 'usage_masks' })
@Index('IDX_usage_masks_candidates', ['candidate', 'held', 'partial', 'used', 'office', 'userId'])
export class UsageMask {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  /** Up to 52 SKU bits: a 64-bit column. */
  @Column({ type: 'bigint' })
  held!: string;

  /** The bits of `held` assigned with at least one service plan turned off (migration 1764720000000). */
  @Column({ type: 'bigint' })
  partial!: string;

  @Column({ type: 'integer' })
  used!: number;

  @Column({ type: 'integer' })
  usedShort!: number;

  @Column({ type: 'integer' })
  office!: number;

  @Column({ type: 'boolean' })
  candidate!: boolean;
}

/**
 * The one row saying what `usage_masks` holds. Writers of the data behind it bump `generation`
 * (in their own transaction); the snapshot is current while `builtGeneration` equals it, `key`
 * (policy and SKU bits) matches and `asOf` is recent.
 */
@Entity({ name: 'usage_mask_state' })
export class UsageMaskState {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  generation!: number;

  @Column({ type: 'integer' })
  builtGeneration!: number;

  @Column({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'varchar', length: 32 })
  asOf!: string;
}
