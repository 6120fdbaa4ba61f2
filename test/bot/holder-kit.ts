import assert from 'node:assert/strict';
import { NAMED_PEOPLE } from '../../src/simulator';
import { ReclamationRequest, TenantUser } from '../../src/store';
import type { TeamsUser } from '../helpers/activities';
import { executeActions, text, type Card, type Harness } from './harness';

/** The demo tenant's people as Teams users (`29:<key>`, their Entra object id), and their personal chats. */
export const person = (key: string) => NAMED_PEOPLE.find((p) => p.key === key)!;
export const teamsUser = (key: string): TeamsUser => ({
  id: `29:${key}`,
  name: `${person(key).givenName} ${person(key).surname}`,
  aadObjectId: person(key).id,
});
export const chatOf = (u: TeamsUser) => `a:personal-${u.aadObjectId}`;
export const INSTALL = 'TeamsAppInstallation.ReadWriteForUser.All';
/** The sender at full speed, with a short bounded backoff, so the holder tests wait for nothing. */
export const FAST_ASKS = {
  minIntervalMs: 0,
  progressIntervalMs: 0,
  backoff: { baseMs: 20, maxMs: 100, maxAttempts: 3 },
};

/** What the holder tests do over HTTP with one harness: the admin's reclaim and Confirm, clicks, and what the connector saw. */
export function holderKit(h: () => Harness) {
  const repo = () => h().app.store.getRepository(ReclamationRequest);
  const idle = () => h().app.bot.services.background.idle();
  const upn = async (key: string) =>
    (
      await h()
        .app.store.getRepository(TenantUser)
        .findOneByOrFail({ id: person(key).id })
    ).userPrincipalName;
  return {
    repo,
    idle,
    upn,
    assignCalls: () =>
      h()
        .app.simulator!.control.calls()
        .filter((c) => c.method === 'POST' && c.path.endsWith('/assignLicense')),
    lastUpdate: (activityId: string): Card | undefined =>
      h()
        .connector.updates.filter((u) => u.activityId === activityId)
        .at(-1)?.activity.attachments?.[0]?.content,
    click: (verb: string, data: unknown, from: TeamsUser, conversationId = chatOf(from)) =>
      h().invoke(verb, data, 'personal', { from, conversationId }),
    /** reclaim → preview → Confirm, clicked on a card of its own (so its updates can be followed); returns the answer and the new request. */
    async confirm(
      key: string,
      sku: string,
      cardId: string,
    ): Promise<{ answer: Card | undefined; request: ReclamationRequest }> {
      const preview = await h().card(`reclaim ${await upn(key)} ${sku}`);
      const button = executeActions(preview).find((a) => a.title === 'Confirm');
      assert.ok(button, text(preview));
      const { card } = await h().invoke(button.verb, button.data, 'personal', { replyToId: cardId } as never);
      await idle();
      const request = await repo().findOne({ where: { userId: person(key).id }, order: { createdAt: 'DESC' } });
      assert.ok(request);
      return { answer: card, request };
    },
  };
}
