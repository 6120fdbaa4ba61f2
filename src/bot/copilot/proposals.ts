import { CardFactory } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import type { CopilotWaitlistService } from '../../reclamation/copilot/waitlist';
import { isCopilotSku, type CopilotWaitlistEntry, type ReclamationRequest } from '../../store';
import type { AdminDirectory } from '../auth/admins';
import { copilotAssignCardData } from '../cards/copilot-assign';
import { noticeCard } from '../cards/notice';
import { renderCard } from '../cards/render';
import type { ConversationStore } from '../conversations/references';
import type { Proactive } from '../proactive';

export interface ProposalDeps {
  copilot: CopilotWaitlistService;
  conversations: ConversationStore;
  proactive: Proactive;
  admins: Pick<AdminDirectory, 'configured'>;
  /** The approvals channel (a conversation id) of the reclamation settings, or null. */
  approvalsChannel: () => Promise<string | null>;
  log: Logger;
  banner: string;
}

/**
 * Free Copilot seats offered to the next people on the waitlist: a preview card ("assign to …",
 * Confirm) posted to an admin, who alone may assign it. Posted to the admin named (the one whose
 * reclamation freed the seat), else the approvals channel, else the first configured admin the bot
 * has a chat with. The person waiting is told when the seat is theirs.
 */
export class CopilotProposals {
  constructor(private readonly d: ProposalDeps) {}

  /** A reclaimed Copilot license frees a seat: propose it, to the admin who asked for the reclamation. */
  async requestChanged(request: ReclamationRequest): Promise<void> {
    if (request.state !== 'reclaimed' || request.dryRun || !isCopilotSku({ skuId: request.skuId })) return;
    await this.run(request.requestedBy);
  }

  /** Proposes as many people as seats are free (each once); returns how many were posted. */
  async run(adminId?: string): Promise<number> {
    let posted = 0;
    for (const entry of await this.d.copilot.proposals()) {
      if (await this.post(entry, adminId)) posted++;
      else
        this.d.log.info(
          { entryId: entry.id },
          'no admin chat or approvals channel to propose a free Copilot seat in; the copilot card offers it',
        );
    }
    return posted;
  }

  /** Tells the person waiting, in their chat with the bot, what became of their request. */
  async tell(entry: CopilotWaitlistEntry, title: string, text: string): Promise<void> {
    const chat = await this.d.conversations.personalChat(entry.userId, { live: true });
    if (!chat) return;
    await this.d.proactive
      .send(
        chat.reference,
        noticeCard({ title, text, style: 'good', note: 'Questions: ask your License Steward admin.' }),
        title,
      )
      .catch((error: unknown) =>
        this.d.log.warn({ err: error, entryId: entry.id }, 'could not tell the requester about their Copilot seat'),
      );
  }

  private async post(entry: CopilotWaitlistEntry, adminId?: string): Promise<boolean> {
    const [{ free }, position] = await Promise.all([this.d.copilot.seats(), this.d.copilot.waitlist.position(entry)]);
    const card = CardFactory.adaptiveCard(
      renderCard(
        'copilot-assign',
        copilotAssignCardData({ entry, position, free, perSeat: null, admin: true, banner: this.d.banner }),
      ),
    );
    const summary = `A Copilot seat is free for ${entry.displayName ?? entry.userPrincipalName}`;
    for await (const reference of this.targets(adminId))
      if (await this.send(reference, card, summary, entry)) return true;
    return false;
  }

  /** Where to post, in order, looked up one at a time: the admin named, the approvals channel, the configured admins. */
  private async *targets(adminId?: string): AsyncGenerator<Record<string, unknown>> {
    const chatOf = async (id: string) => (await this.d.conversations.personalChat(id, { live: true }))?.reference;
    const named = adminId ? await chatOf(adminId) : undefined;
    if (named) yield named;
    const channelId = await this.d.approvalsChannel();
    const channel = channelId ? await this.d.conversations.get(channelId) : null;
    if (channel && !channel.removedAt) yield channel.reference;
    for (const id of (await this.d.admins.configured()).users) {
      // Admins named by UPN have no chat to look up by object id.
      const chat = id !== adminId && !id.includes('@') ? await chatOf(id) : undefined;
      if (chat) yield chat;
    }
  }

  private async send(
    reference: Record<string, unknown>,
    card: ReturnType<typeof CardFactory.adaptiveCard>,
    summary: string,
    entry: CopilotWaitlistEntry,
  ): Promise<boolean> {
    try {
      return (await this.d.proactive.send(reference, card, summary)) !== undefined;
    } catch (error) {
      this.d.log.warn({ err: error, entryId: entry.id }, 'could not post a Copilot seat proposal');
      return false;
    }
  }
}
