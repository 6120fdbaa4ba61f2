import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** License cost details per SKU (docs/product-rules.md R16: effective date, expiration date, cost, currency, payment frequency). */
@Entity({ name: 'license_costs' })
export class LicenseCost {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('IDX_license_costs_sku')
  @Column({ type: 'varchar', length: 36 })
  skuId!: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  effectiveDate!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  expirationDate!: string | null;

  /** Decimal as text: exact on both SQLite and PostgreSQL, never a float. */
  @Column({ type: 'varchar', length: 32 })
  cost!: string;

  /** ISO 4217 code. */
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  /** monthly, annual, multi-year or one-time (src/insights/cost-entry.ts). */
  @Column({ type: 'varchar', length: 16 })
  paymentFrequency!: string;

  /** Months one payment covers: set for multi-year, and for one-time when given instead of dates. */
  @Column({ type: 'integer', nullable: true })
  termMonths!: number | null;

  /** `admin` when entered (shown as "entered"); `list-price` from the shipped table. */
  @Column({ type: 'varchar', length: 16, default: 'admin' })
  source!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
