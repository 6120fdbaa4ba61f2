import { IsNull, type DataSource } from 'typeorm';
import { bulkUpsert } from './bulk-upsert';
import { ConversationRef } from './entities';

/** What is kept of a conversation besides its id: the bot derives it from an activity (src/bot/conversations/references.ts). */
export type ConversationFields = Pick<ConversationRef, 'conversationType' | 'tenantId' | 'aadObjectId' | 'reference'>;

/**
 * Stored conversation references, for proactive messages (digest, sync progress, approval cards):
 * recorded on installation or first contact, refreshed when they change, marked removed on
 * uninstall or a 403.
 */
export class ConversationRefs {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ConversationRef);
  }

  /**
   * Records (or refreshes) a conversation; a removed one comes back, unsubscribed. Cheap on repeat:
   * only written when the reference changed.
   */
  async remember(id: string, fields: ConversationFields, now: Date): Promise<ConversationRef> {
    const at = now.toISOString();
    let existing = await this.repo.findOneBy({ id });
    if (!existing) {
      // installationUpdate and conversationUpdate arrive together for a new conversation: the
      // second insert must not fail, so it is ignored and the row then compared like any other.
      await bulkUpsert(
        this.repo.manager,
        ConversationRef,
        [{ id, ...fields, digestSubscribed: false, installedAt: at, updatedAt: at, removedAt: null }],
        { conflict: ['id'] },
      );
      existing = await this.repo.findOneByOrFail({ id });
    }
    const same =
      JSON.stringify(existing.reference) === JSON.stringify(fields.reference) &&
      existing.removedAt === null &&
      existing.aadObjectId === fields.aadObjectId;
    if (same) return existing;
    return this.repo.save({ ...existing, ...fields, updatedAt: at, removedAt: null });
  }

  /** The bot was uninstalled (or removed from the team, or refused delivery): no more proactive messages here. */
  async markRemoved(conversationId: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.repo.update(
      { id: conversationId, removedAt: IsNull() },
      { removedAt: at, updatedAt: at, digestSubscribed: false },
    );
  }

  async get(conversationId: string): Promise<ConversationRef | null> {
    return this.repo.findOneBy({ id: conversationId });
  }

  async setDigest(conversationId: string, subscribed: boolean, now: Date): Promise<void> {
    await this.repo.update({ id: conversationId }, { digestSubscribed: subscribed, updatedAt: now.toISOString() });
  }

  /** Live conversations subscribed to the digest. */
  async digestSubscribers(): Promise<ConversationRef[]> {
    return this.repo.find({ where: { digestSubscribed: true, removedAt: IsNull() }, order: { id: 'ASC' } });
  }

  /** The bot's personal chat with a user (Entra object id); `live` leaves out one the bot was removed from. */
  async personalChat(aadObjectId: string, options: { live?: boolean } = {}): Promise<ConversationRef | null> {
    return this.repo.findOneBy({
      aadObjectId,
      conversationType: 'personal',
      ...(options.live ? { removedAt: IsNull() } : {}),
    });
  }

  /**
   * The Bot Framework service address of the most recently active conversation: where a new 1:1 chat
   * with someone the bot has never met is opened (Teams serves one tenant from one region's address).
   */
  async latestServiceUrl(): Promise<string | null> {
    const [latest] = await this.repo.find({ where: { removedAt: IsNull() }, order: { updatedAt: 'DESC' }, take: 1 });
    const url = latest?.reference['serviceUrl'];
    return typeof url === 'string' && url ? url : null;
  }
}
