import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One license assignment of a user, from `licenseAssignmentStates`. A SKU can appear twice for a
 * user: once direct and once per group that assigns it.
 */
@Entity({ name: 'user_licenses' })
@Index('IDX_user_licenses_sku', ['skuId'])
export class UserLicense {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  skuId!: string;

  /** Group id the license is inherited from; empty string for a direct assignment (a key cannot be null). */
  @PrimaryColumn({ type: 'varchar', length: 36, default: '' })
  assignedByGroup!: string;

  @Column({ type: 'simple-json' })
  disabledPlans!: string[];

  /** Active, ActiveWithError, Disabled, Error. */
  @Column({ type: 'varchar', length: 24, default: 'Active' })
  state!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  error!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  lastUpdatedDateTime!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  lastSeenRunId!: string | null;
}
