import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A stored conversation reference, for proactive messages (digest, approval cards). */
@Entity({ name: 'conversations' })
@Index('IDX_conversations_aad', ['aadObjectId'])
export class ConversationRef {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  id!: string;

  /** personal, groupChat, channel. */
  @Column({ type: 'varchar', length: 16 })
  conversationType!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  tenantId!: string | null;

  /** For personal chats: the user's Entra object id, so an approver's chat can be found. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  aadObjectId!: string | null;

  /** Bot Framework `ConversationReference`, as received. */
  @Column({ type: 'simple-json' })
  reference!: Record<string, unknown>;

  @Column({ type: 'boolean' })
  digestSubscribed!: boolean;

  @Column({ type: 'varchar', length: 32 })
  installedAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;

  /** Set when the bot was uninstalled or the conversation refused delivery (403). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  removedAt!: string | null;
}
