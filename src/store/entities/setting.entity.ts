import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A policy or setting value (thresholds, exclusions, admins, approvers, dry-run). Changes are audited. */
@Entity({ name: 'settings' })
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'simple-json' })
  value!: unknown;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;

  /** Entra object id of the admin who changed it, or `system`. */
  @Column({ type: 'varchar', length: 64 })
  updatedBy!: string;
}
