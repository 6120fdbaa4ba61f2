import type { Activity, Attachment, ConversationReference, TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';

/**
 * Messages the bot starts itself (digest, sync progress), through the adapter's
 * `continueConversationAsync` with a stored conversation reference. Without a bot id (local runs)
 * Bot Framework accepts an empty one and sends unauthenticated, as the Playground expects.
 */
export class Proactive {
  constructor(private readonly adapter: TeamsAdapter, private readonly botAppId: string) {}

  /** Posts a card to the conversation (with text and entities, e.g. an @mention); resolves with the new activity's id. */
  async send(reference: Partial<ConversationReference>, card: Attachment, summary?: string, extra: Pick<Partial<Activity>, 'text' | 'entities'> = {}): Promise<string | undefined> {
    let id: string | undefined;
    await this.continue(reference, async (context) => {
      const response = await context.sendActivity({ ...extra, attachments: [card], ...(summary ? { summary } : {}) });
      id = response?.id;
    });
    return id;
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
  private async continue(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
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
