import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An admin-consent round trip an admin started with `connect`: who asked, where to tell them the
 * result, until when the answer is accepted, and whether it came (each is accepted once).
 */
@Entity({ name: 'consent_requests' })
export class ConsentRequest {
  /** SHA-256 (base64url) of the nonce in the `state` parameter: the nonce itself is never stored. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** Entra object id of the admin who asked. */
  @Column({ type: 'varchar', length: 64 })
  adminId!: string;

  /** Conversation reference of the admin's chat, where the result is posted. */
  @Column({ type: 'simple-json' })
  reference!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  expiresAt!: string;

  /** When Microsoft's answer came back; null until then. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  completedAt!: string | null;

  /** granted, declined or failed. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: string | null;
}
