import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One weekly digest as built, once: every subscribed conversation gets this same content, and a
 * restart resumes its deliveries (digest_deliveries) from it instead of building a different one.
 * Its headline numbers are what the next week's digest compares against.
 */
@Entity({ name: 'digests' })
@Index('IDX_digests_scheduled', ['scheduledFor'])
export class Digest {
  /** `weekly-<scheduledFor>`: the schedule slot makes it unique, so a slot is never built twice. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** weekly. */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** The scheduled instant this digest stands for. */
  @Column({ type: 'varchar', length: 32 })
  scheduledFor!: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  /** The digest card's data, as built. */
  @Column({ type: 'simple-json' })
  content!: Record<string, unknown>;

  /** Counts and amounts the next digest shows its changes against. */
  @Column({ type: 'simple-json' })
  headline!: Record<string, unknown>;
}
