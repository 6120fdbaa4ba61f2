import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConversationRef, ConversationRefs } from '../../store';

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
 * Conversation references as the bot records them from activities, for proactive messages (digest,
 * sync progress, approval cards): kept when the bot is installed or first spoken to, refreshed on
 * every message (the service URL of a tenant can change), and marked removed on uninstall or a 403.
 * Stored through the store's ConversationRefs.
 */
export class ConversationStore {
  constructor(
    private readonly refs: ConversationRefs,
    private readonly now: () => Date,
  ) {}

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
    return this.refs.remember(
      id,
      {
        conversationType: scope,
        tenantId: activity.conversation?.tenantId ?? null,
        aadObjectId: scope === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
        reference: reference as Record<string, unknown>,
      },
      this.now(),
    );
  }

  /**
   * Records a personal chat the bot opened itself (create conversation, src/bot/holder/reach.ts), so
   * later cards reach the user there; refreshed like any other once they write or click.
   */
  async rememberCreated(
    conversationId: string,
    tenantId: string,
    aadObjectId: string,
    reference: Partial<ConversationReference>,
  ): Promise<ConversationRef> {
    const stored = {
      ...reference,
      conversation: { ...reference.conversation, id: conversationId },
    } as Partial<ConversationReference>;
    delete stored.activityId;
    return this.refs.remember(
      conversationId,
      { conversationType: 'personal', tenantId, aadObjectId, reference: stored as Record<string, unknown> },
      this.now(),
    );
  }

  /** Where Teams is reached for this tenant (the latest conversation's service address), or null before anyone talked to the bot. */
  latestServiceUrl(): Promise<string | null> {
    return this.refs.latestServiceUrl();
  }

  /** The bot was uninstalled (or removed from the team): no more proactive messages here. */
  async markRemoved(conversationId: string): Promise<void> {
    await this.refs.markRemoved(conversationId, this.now());
  }

  async get(conversationId: string): Promise<ConversationRef | null> {
    return this.refs.get(conversationId);
  }

  async setDigest(conversationId: string, subscribed: boolean): Promise<void> {
    await this.refs.setDigest(conversationId, subscribed, this.now());
  }

  /** Live conversations subscribed to the digest. */
  async digestSubscribers(): Promise<ConversationRef[]> {
    return this.refs.digestSubscribers();
  }

  /** The bot's personal chat with a user (Entra object id); `live` leaves out one it was removed from. */
  async personalChat(aadObjectId: string, options: { live?: boolean } = {}): Promise<ConversationRef | null> {
    return this.refs.personalChat(aadObjectId, options);
  }
}
