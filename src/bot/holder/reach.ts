import type { Attachment } from 'botbuilder';
import { getUserAppChat, GraphError, installUserApp, listUserAppInstallations, type GraphClient } from '../../graph';
import type { Logger } from '../../logging/logger';
import type { ReclamationRequest } from '../../store';
import type { ConversationStore } from '../conversations/references';
import { classifyDeliveryError, retryAfterMs } from '../digest/delivery-errors';
import type { Proactive } from '../proactive';

/** The card for the holder, given their Teams ids (29:…) when known, so only they get its buttons. */
export type HolderCardFor = (teamsIds: string[]) => Promise<Attachment>;

/**
 * What became of one attempt: the card is in the holder's chat (reached through the chat the bot
 * had, or one it opened after installing itself), or not, for good (`permanent`: the approver is
 * asked instead, with `why`) or for now (throttled, a 5xx: try again later).
 */
export type Reached =
  | { ok: true; conversationId: string; activityId: string | undefined; via: 'chat' | 'installed' }
  | { ok: false; permanent: boolean; why: string; retryAfterMs?: number | null };

export interface HolderReachOptions {
  graph: GraphClient;
  conversations: ConversationStore;
  proactive: Proactive;
  /** TEAMS_APP_CATALOG_ID: without it the bot cannot install itself for anyone. */
  catalogId?: string;
  tenantId: () => Promise<string>;
  log: Logger;
  now: () => Date;
}

/**
 * Reaching a license holder in Teams (docs/holder.md): their personal chat with the bot when there is
 * one; otherwise License Steward installs itself for them through Graph (installedApps, by its
 * catalog id), checks the installation has its chat, and opens the 1:1 conversation through the Bot
 * Framework connector. A missing permission, an app not in the catalog, a user without Teams or
 * any other 403/404 is final: the holder is not asked, and the caller records why.
 */
export class HolderReach {
  constructor(private readonly o: HolderReachOptions) {}

  async deliver(request: ReclamationRequest, cardFor: HolderCardFor): Promise<Reached> {
    const summary = `Do you still need ${String(request.evidence['skuName'] ?? 'this license')}?`;
    const chat = await this.o.conversations.personalChat(request.userId, { live: true });
    if (chat) {
      const teamsId = (chat.reference['user'] as { id?: unknown } | undefined)?.id;
      try {
        const activityId = await this.o.proactive.send(
          chat.reference,
          await cardFor(typeof teamsId === 'string' && teamsId.startsWith('29:') ? [teamsId] : []),
          summary,
        );
        return { ok: true, conversationId: chat.id, activityId, via: 'chat' };
      } catch (error) {
        const verdict = classifyDeliveryError(error, this.o.now());
        if (verdict.kind === 'retry')
          return {
            ok: false,
            permanent: false,
            why: `Teams did not take the card yet (${verdict.message}).`,
            retryAfterMs: verdict.retryAfterMs,
          };
        if (verdict.kind === 'gone') await this.o.conversations.markRemoved(chat.id);
        return {
          ok: false,
          permanent: true,
          why: `Teams refused the card in their chat with License Steward (${verdict.message}); the app may have been removed.`,
        };
      }
    }
    if (request.dryRun)
      return {
        ok: false,
        permanent: true,
        why: 'Dry run: License Steward does not install itself for people it has never talked to (that changes the tenant).',
      };
    if (!this.o.catalogId)
      return {
        ok: false,
        permanent: true,
        why: 'License Steward has never talked to them, and TEAMS_APP_CATALOG_ID is not set, so it cannot install itself for them.',
      };
    const installed = await this.install(request.userId, this.o.catalogId);
    if (!installed.ok) return installed;
    return this.open(request, cardFor, summary);
  }

  /** Installed for the user (409, installed already, counts as done), with its chat. */
  private async install(userId: string, catalogId: string): Promise<{ ok: true } | (Reached & { ok: false })> {
    const graph = this.o.graph;
    try {
      let [installation] = await listUserAppInstallations(graph, userId, catalogId);
      if (!installation) {
        await installUserApp(graph, userId, catalogId).catch((error: unknown) => {
          if (!(error instanceof GraphError && error.status === 409)) throw error;
        });
        [installation] = await listUserAppInstallations(graph, userId, catalogId);
      }
      if (!installation)
        return {
          ok: false,
          permanent: false,
          why: 'Graph installed License Steward for them but does not list it yet.',
        };
      await getUserAppChat(graph, userId, installation.id);
      return { ok: true };
    } catch (error) {
      if (error instanceof GraphError && (error.status === 403 || error.status === 404 || error.status === 400)) {
        // A 403's message names the permission to grant (src/graph/errors.ts).
        const hint =
          error.status === 404
            ? " They may have no Teams license, or the app is not in the organisation's catalog."
            : '';
        return {
          ok: false,
          permanent: true,
          why: `Graph refused to install License Steward for them: ${error.message} (HTTP ${error.status} ${error.code}).${hint}`,
        };
      }
      return {
        ok: false,
        permanent: false,
        why: `Graph did not answer the installation: ${error instanceof Error ? error.message : String(error)}`,
        retryAfterMs: null,
      };
    }
  }

  /** The 1:1 conversation through the connector, at the tenant's Teams address; remembered for later cards. */
  private async open(request: ReclamationRequest, cardFor: HolderCardFor, summary: string): Promise<Reached> {
    const serviceUrl = await this.o.conversations.latestServiceUrl();
    if (!serviceUrl)
      return {
        ok: false,
        permanent: true,
        why: 'Nobody has talked to License Steward in Teams yet, so the address to open a chat at is unknown.',
      };
    try {
      const tenantId = await this.o.tenantId();
      const created = await this.o.proactive.createPersonal(
        serviceUrl,
        tenantId,
        request.userId,
        await cardFor([]),
        summary,
      );
      await this.o.conversations.rememberCreated(created.conversationId, tenantId, request.userId, created.reference);
      this.o.log.info(
        { requestId: request.id, conversationId: created.conversationId },
        'installed License Steward for a license holder and opened their chat',
      );
      return { ok: true, conversationId: created.conversationId, activityId: created.activityId, via: 'installed' };
    } catch (error) {
      const verdict = classifyDeliveryError(error, this.o.now());
      if (verdict.kind === 'retry')
        return {
          ok: false,
          permanent: false,
          why: `Teams did not open the chat yet (${verdict.message}).`,
          retryAfterMs: retryAfterMs(error, this.o.now()),
        };
      return { ok: false, permanent: true, why: `Teams refused to open a chat with them (${verdict.message}).` };
    }
  }
}
