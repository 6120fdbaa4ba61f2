import { TurnContext, type Activity, type Attachment, type ConversationReference } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { TeamsAdapter } from '@microsoft/teams-ai';

/**
 * Messages the bot starts itself (digest, sync progress), through the adapter's
 * `continueConversationAsync` with a stored conversation reference. Without a bot id (local runs)
 * Bot Framework accepts an empty one and sends unauthenticated, as the Playground expects.
 */
export class Proactive {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly botAppId: string,
  ) {}

  /** Posts a card to the conversation (with text and entities, e.g. an @mention); resolves with the new activity's id. */
  async send(
    reference: Partial<ConversationReference>,
    card: Attachment,
    summary?: string,
    extra: Pick<Partial<Activity>, 'text' | 'entities'> = {},
  ): Promise<string | undefined> {
    let id: string | undefined;
    await this.continue(reference, async (context) => {
      const response = await context.sendActivity({ ...extra, attachments: [card], ...(summary ? { summary } : {}) });
      id = response?.id;
    });
    return id;
  }

  /** Posts a short text (e.g. a reminder pointing at a card above). */
  async say(reference: Partial<ConversationReference>, text: string): Promise<void> {
    await this.continue(reference, async (context) => {
      await context.sendActivity({ type: 'message', text });
    });
  }

  /**
   * Opens the bot's 1:1 chat with a Teams user it has never talked to (Bot Framework's create
   * conversation, `members: [{ id: <Entra object id> }]` with the tenant, not a group) and posts the
   * card there. Teams opens it only once the app is installed for the user (src/bot/holder/reach.ts).
   */
  async createPersonal(
    serviceUrl: string,
    tenantId: string,
    aadObjectId: string,
    card: Attachment,
    summary?: string,
  ): Promise<{ conversationId: string; activityId: string | undefined; reference: Partial<ConversationReference> }> {
    let created:
      { conversationId: string; activityId: string | undefined; reference: Partial<ConversationReference> } | undefined;
    let failure: { error: unknown } | undefined;
    const parameters = {
      isGroup: false,
      bot: { id: this.botAppId, name: 'License Steward' },
      members: [{ id: aadObjectId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    };
    await this.adapter.createConversationAsync(
      this.botAppId,
      'msteams',
      serviceUrl,
      AuthenticationConstants.ToChannelFromBotOAuthScope,
      parameters,
      async (context) => {
        try {
          const reference = TurnContext.getConversationReference(context.activity);
          const response = await context.sendActivity({ attachments: [card], ...(summary ? { summary } : {}) });
          created = {
            conversationId: String(reference.conversation?.id ?? ''),
            activityId: response?.id,
            reference: { ...reference, user: { id: aadObjectId, name: '', aadObjectId } },
          };
        } catch (error) {
          failure = { error };
        }
      },
    );
    if (failure) throw failure.error;
    if (!created?.conversationId) throw new Error('Teams opened no conversation');
    return created;
  }

  /** Replaces a card the bot posted earlier (e.g. a progress card) in place. */
  async update(reference: Partial<ConversationReference>, activityId: string, card: Attachment): Promise<void> {
    await this.continue(reference, async (context) => {
      await context.updateActivity({ id: activityId, type: 'message', attachments: [card] } as Partial<Activity>);
    });
  }

  /**
   * The error of a send is caught inside the turn and rethrown to the caller: left to the adapter,
   * it would reach the Application's turn-error handler, which posts an error card to the same
   * conversation and swallows the failure, so a 403 would look delivered.
   */
  private async continue(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }
}
