import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A directory user with the Users-tab columns (docs/product-rules.md R24). Instants are ISO-8601 UTC strings and days are `YYYY-MM-DD`: both sort
 * as text, and behave the same on SQLite and PostgreSQL.
 */
@Entity({ name: 'users' })
export class TenantUser {
  /** Entra object id. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_users_upn')
  @Column({ type: 'varchar', length: 320 })
  userPrincipalName!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  mail!: string | null;

  @Column({ type: 'varchar', length: 256, nullable: true })
  displayName!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  givenName!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  surname!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  jobTitle!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  country!: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  usageLocation!: string | null;

  /** `Member` or `Guest`. */
  @Column({ type: 'varchar', length: 16, default: 'Member' })
  userType!: string;

  /** False = "Block Credentials: Yes". */
  @Column({ type: 'boolean' })
  accountEnabled!: boolean;

  /** Null for some users created before June 2018 (Graph docs). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  createdDateTime!: string | null;

  /** true synced, false no longer synced, null never synced. */
  @Column({ type: 'boolean', nullable: true })
  onPremisesSyncEnabled!: boolean | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  managerId!: string | null;

  /** From userRegistrationDetails; null when unknown (permission missing, disabled user). */
  @Column({ type: 'boolean', nullable: true })
  mfaRegistered!: boolean | null;

  /** "Sign in to M365 Domain": last interactive attempt, success or failure. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  lastSignInDateTime!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  lastNonInteractiveSignInDateTime!: string | null;

  /** Evidence of use: the last successful sign-in, interactive or not. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  lastSuccessfulSignInDateTime!: string | null;

  /** "Last Used M365 Application" and its date, over every per-app activity source. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lastUsedApp!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  lastActivityDate!: string | null;

  /** "Activations": product types activated, comma-separated. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  activations!: string | null;

  @Column({ type: 'double precision', nullable: true })
  mailUsageMb!: number | null;

  @Column({ type: 'double precision', nullable: true })
  oneDriveUsageMb!: number | null;

  /** From the mailbox usage report when the tenant tells it (e.g. `User`, `Shared`, `Room`). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  mailboxType!: string | null;

  @Column({ type: 'boolean', nullable: true })
  usesWindows!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  usesMac!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  usesMobile!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  usesWeb!: boolean | null;

  /** Distinct SKUs held, directly or through groups (see src/store/held-skus.ts). */
  @Column({ type: 'text', default: '' })
  heldSkuIds!: string;

  /** "Active Date": first seen by the roster. */
  @Column({ type: 'varchar', length: 32 })
  activeDate!: string;

  /** "Deactivated Date": set when a complete listing no longer holds the user; never deleted. */
  @Index('IDX_users_deactivated')
  @Column({ type: 'varchar', length: 32, nullable: true })
  deactivatedDate!: string | null;

  /** The roster run that last saw this user. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  lastSeenRunId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
