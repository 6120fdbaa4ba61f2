import { randomUUID } from 'node:crypto';
import { NAMED_PEOPLE } from '../../src/simulator';

export const TEST_TENANT = '11111111-2222-3333-4444-555555555555';
export const BOT = { id: '28:bot-id', name: 'License Steward' };

function teamsUser(key: string) {
  const person = NAMED_PEOPLE.find((p) => p.key === key)!;
  return { id: `29:${key}`, name: `${person.givenName} ${person.surname}`, aadObjectId: person.id };
}

/** People of the demo tenant: Adele administers licenses (the demo's admin), Megan only reads. */
export const ADMIN = teamsUser('adele');
export const READER = teamsUser('megan');
export type TeamsUser = typeof ADMIN;

/** A Teams message activity as the channel sends it, in a personal chat unless told otherwise. */
export function messageActivity(text: string, serviceUrl: string, overrides: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: ADMIN,
    recipient: BOT,
    conversation: { id: `a:personal-${ADMIN.aadObjectId}`, conversationType: 'personal', tenantId: TEST_TENANT },
    channelData: { tenant: { id: TEST_TENANT } },
    locale: 'en-US',
    text,
    textFormat: 'plain',
    ...overrides,
  };
}

/** Where a conversation happens: a personal chat, a group chat or a team channel. */
export type Scope = 'personal' | 'group' | 'channel';
export const SCOPES: readonly Scope[] = ['personal', 'group', 'channel'];

/** The tenant and connector address every activity of a test carries. */
export interface Chat {
  serviceUrl: string;
  tenantId: string;
}

export interface SayOptions {
  from?: TeamsUser;
  conversationId?: string;
}

export function conversationOf(chat: Chat, scope: Scope, from: TeamsUser, id?: string) {
  switch (scope) {
    case 'personal':
      return { id: id ?? `a:personal-${from.aadObjectId}`, conversationType: 'personal', tenantId: chat.tenantId };
    case 'group':
      return {
        id: id ?? '19:group-chat@unq.gbl.spaces',
        conversationType: 'groupChat',
        isGroup: true,
        tenantId: chat.tenantId,
      };
    case 'channel':
      return {
        id: id ?? '19:licensing@thread.tacv2',
        conversationType: 'channel',
        isGroup: true,
        tenantId: chat.tenantId,
      };
  }
}

function channelData(chat: Chat, scope: Scope) {
  return {
    tenant: { id: chat.tenantId },
    ...(scope === 'channel'
      ? { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:licensing@thread.tacv2' } }
      : {}),
  };
}

/** A message as Teams delivers it: in group chats and channels it @mentions the bot. */
export function say(chat: Chat, scope: Scope, text: string, options: SayOptions = {}) {
  const from = options.from ?? ADMIN;
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...messageActivity(scope === 'personal' ? text : `${mention} ${text}`, chat.serviceUrl),
    from,
    conversation: conversationOf(chat, scope, from, options.conversationId),
    channelData: channelData(chat, scope),
    ...(scope === 'personal'
      ? {}
      : { entities: [{ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } }] }),
  };
}

/** What every activity Teams sends carries: ids, the connector address, sender, bot and conversation. */
function envelope(type: string, chat: Chat, scope: Scope, options: SayOptions) {
  const from = options.from ?? ADMIN;
  return {
    type,
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: chat.serviceUrl,
    from,
    recipient: BOT,
    conversation: conversationOf(chat, scope, from, options.conversationId),
    channelData: channelData(chat, scope),
  };
}

/** An Action.Execute click: `adaptiveCard/action` with the verb and data the card carried. */
export function invokeActivity(
  chat: Chat,
  scope: Scope,
  verb: string,
  data: unknown,
  options: SayOptions & { replyToId?: string } = {},
) {
  return {
    ...envelope('invoke', chat, scope, options),
    name: 'adaptiveCard/action',
    timestamp: new Date().toISOString(),
    replyToId: options.replyToId ?? 'card-activity-1',
    locale: 'en-US',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The bot added to a chat or team (`conversationUpdate` with the bot among `membersAdded`). */
export function botAdded(chat: Chat, scope: Scope, options: SayOptions = {}) {
  return {
    ...envelope('conversationUpdate', chat, scope, options),
    channelData: { ...channelData(chat, scope), eventType: scope === 'channel' ? 'teamMemberAdded' : undefined },
    membersAdded: [{ id: BOT.id }],
  };
}

/** The app installed or uninstalled (`installationUpdate` with action `add` / `remove`). */
export function installationUpdate(chat: Chat, scope: Scope, action: 'add' | 'remove', options: SayOptions = {}) {
  return { ...envelope('installationUpdate', chat, scope, options), action };
}

/** POSTs an activity to the bot endpoint and returns the HTTP status and body. */
export async function postActivity(endpoint: string, activity: object, headers: Record<string, string> = {}) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text };
}
