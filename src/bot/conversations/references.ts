import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { IsNull, type DataSource } from 'typeorm';
import { bulkUpsert, ConversationRef } from '../../store';

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/** Teams' conversation types; anything else (the Playground, the Emulator) counts as personal. */
export function scopeOf(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

/**
 * The conversation as the bot keeps it. In a channel, Teams names the thread of each message
 * (`19:…@thread.tacv2;messageid=…`); the channel itself is the part before `;`, and a proactive
 * message to it starts a new post instead of replying in some old thread.
 */
export function conversationIdOf(activity: Partial<Activity>): string | undefined {
  const id = activity.conversation?.id;
  return id ? id.split(';')[0] : undefined;
}

/**
 * Stored conversation references, for proactive messages (digest, sync progress, approval cards).
 * A reference is kept when the bot is installed or first spoken to, refreshed on every message
 * (the service URL of a tenant can change), and marked removed on uninstall or a 403.
 */
export class ConversationStore {
  constructor(private readonly dataSource: DataSource, private readonly now: () => Date) {}

  private get repo() {
    return this.dataSource.getRepository(ConversationRef);
  }

  /**
   * Records (or refreshes) the conversation of this activity; a removed one comes back, unsubscribed.
   * Cheap on repeat: only written when the reference changed.
   */
  async remember(activity: Partial<Activity>): Promise<ConversationRef | null> {
    const id = conversationIdOf(activity);
    if (!id) return null;
    const reference = TurnContext.getConversationReference(activity) as Partial<ConversationReference>;
    const scope = scopeOf(activity);
    if (reference.conversation) reference.conversation = { ...reference.conversation, id };
    // The activity id belongs to one message, and in a shared chat the sender changes with every
    // message: neither describes the conversation.
    delete reference.activityId;
    if (scope !== 'personal') delete reference.user;
    const now = this.now().toISOString();
    let existing = await this.repo.findOneBy({ id });
    const fields = {
      conversationType: scope,
      tenantId: activity.conversation?.tenantId ?? null,
      aadObjectId: scope === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
      reference: reference as Record<string, unknown>,
    };
    if (!existing) {
      // installationUpdate and conversationUpdate arrive together for a new conversation: the
      // second insert must not fail, so it is ignored and the row then compared like any other.
      await bulkUpsert(this.repo.manager, ConversationRef, [{ id, ...fields, digestSubscribed: false, installedAt: now, updatedAt: now, removedAt: null }], { conflict: ['id'] });
      existing = await this.repo.findOneByOrFail({ id });
    }
    const same = JSON.stringify(existing.reference) === JSON.stringify(fields.reference) && existing.removedAt === null && existing.aadObjectId === fields.aadObjectId;
    if (same) return existing;
    return this.repo.save({ ...existing, ...fields, updatedAt: now, removedAt: null });
  }

  /** The bot was uninstalled (or removed from the team): no more proactive messages here. */
  async markRemoved(conversationId: string): Promise<void> {
    const now = this.now().toISOString();
    await this.repo.update({ id: conversationId, removedAt: IsNull() }, { removedAt: now, updatedAt: now, digestSubscribed: false });
  }

  async get(conversationId: string): Promise<ConversationRef | null> {
    return this.repo.findOneBy({ id: conversationId });
  }

  async setDigest(conversationId: string, subscribed: boolean): Promise<void> {
    await this.repo.update({ id: conversationId }, { digestSubscribed: subscribed, updatedAt: this.now().toISOString() });
  }

  /** Live conversations subscribed to the digest. */
  async digestSubscribers(): Promise<ConversationRef[]> {
    return this.repo.find({ where: { digestSubscribed: true, removedAt: IsNull() }, order: { id: 'ASC' } });
  }
}
