import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ServicePlanInfo {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus: string;
  appliesTo: string;
}

/** A subscribed SKU (License Information task): `/v1.0/subscribedSkus`. */
@Entity({ name: 'skus' })
export class Sku {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  skuId!: string;

  @Column({ type: 'varchar', length: 128 })
  skuPartNumber!: string;

  /** From Microsoft's product names table; falls back to the part number. */
  @Column({ type: 'varchar', length: 256 })
  friendlyName!: string;

  /** `User` or `Company`; only `User` SKUs are assignable. */
  @Column({ type: 'varchar', length: 16 })
  appliesTo!: string;

  /** Enabled, Warning, Suspended, Deleted, LockedOut. */
  @Column({ type: 'varchar', length: 16 })
  capabilityStatus!: string;

  @Column({ type: 'integer', default: 0 })
  consumedUnits!: number;

  @Column({ type: 'integer', default: 0 })
  prepaidEnabled!: number;

  @Column({ type: 'integer', default: 0 })
  prepaidSuspended!: number;

  @Column({ type: 'integer', default: 0 })
  prepaidWarning!: number;

  @Column({ type: 'integer', default: 0 })
  prepaidLockedOut!: number;

  @Column({ type: 'simple-json' })
  servicePlans!: ServicePlanInfo[];

  /** Only managed SKUs count anywhere (docs/product-rules.md R15: unselected licenses are left out). All by default. */
  @Column({ type: 'boolean' })
  managed!: boolean;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
