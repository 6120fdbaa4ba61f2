import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key that signs the "Export CSV" links (src/bot/export-links.ts), shared by every instance on
 * the database so a link made by one is served by another. The newest key not retired signs.
 */
@Entity({ name: 'export_signing_keys' })
export class ExportSigningKey {
  /** The key id every link carries (`kid`): 1, 2, 3… in the order the keys were made. */
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  /** 32 random bytes, base64url. Never logged, shown or sent anywhere. */
  @Column({ type: 'varchar', length: 64 })
  secret!: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  /** From this instant on, links signed with the key are refused; null while it is in use. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  retiredAt!: string | null;
}
