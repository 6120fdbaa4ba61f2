import assert from 'node:assert/strict';
import type { StartOptions } from '../../src/index';
import { startTestApp, type TestApp } from '../helpers/app';
import { FakeConnector, type CapturedActivity } from '../helpers/connector';
import { invokeActivity, postActivity, say, type Chat, type Scope, type SayOptions } from '../helpers/activities';

export type Card = Record<string, unknown>;

/** The real app in demo mode (its simulated tenant synced once), a fake connector, and helpers to talk to it. */
export interface Harness {
  app: TestApp;
  connector: FakeConnector;
  chat: Chat;
  /** Sends a message and returns the messages the bot posted in reply (typing indicators left out). */
  send(text: string, scope?: Scope, options?: SayOptions): Promise<CapturedActivity['activity'][]>;
  /** Sends a message that must be answered by exactly one card, and returns that card. */
  card(text: string, scope?: Scope, options?: SayOptions): Promise<Card>;
  /** Clicks an Action.Execute button: returns the HTTP status and the card of the invoke response. */
  invoke(
    verb: string,
    data: unknown,
    scope?: Scope,
    options?: SayOptions,
  ): Promise<{ status: number; card: Card | undefined }>;
  stop(): Promise<void>;
}

export async function startHarness(
  options: { sync: boolean; demoUsers?: number; env?: Record<string, string>; app?: Partial<StartOptions> } = {
    sync: true,
  },
): Promise<Harness> {
  const connector = await new FakeConnector().start();
  const app = await startTestApp(
    { ...options.env },
    { syncAtStart: options.sync, demoUsers: options.demoUsers ?? 200, digestSchedule: false, ...options.app },
  );
  await app.firstSync;
  const chat: Chat = { serviceUrl: connector.url, tenantId: app.simulator!.tenantId };
  const send = async (text: string, scope: Scope = 'personal', o: SayOptions = {}) => {
    const before = connector.sent.length;
    const res = await postActivity(app.endpoint, say(chat, scope, text, o));
    assert.equal(res.status, 200, res.body);
    return connector.sent
      .slice(before)
      .filter((s) => s.activity.type === 'message')
      .map((s) => s.activity);
  };
  return {
    app,
    connector,
    chat,
    send,
    async card(text, scope = 'personal', o = {}) {
      const replies = await send(text, scope, o);
      assert.equal(replies.length, 1, `one reply to "${text}", got ${replies.length}`);
      const attachment = replies[0]!.attachments?.[0];
      assert.equal(attachment?.contentType, 'application/vnd.microsoft.card.adaptive', `a card in reply to "${text}"`);
      return attachment!.content;
    },
    async invoke(verb, data, scope = 'personal', o = {}) {
      const res = await postActivity(app.endpoint, invokeActivity(chat, scope, verb, data, o));
      const body = res.body ? (JSON.parse(res.body) as { type?: string; value?: Card }) : {};
      return {
        status: res.status,
        card: body.type === 'application/vnd.microsoft.card.adaptive' ? body.value : undefined,
      };
    },
    async stop() {
      await app.bot.services.background.idle();
      await app.stop();
      await connector.stop();
    },
  };
}

/** Every string in a card (texts, titles, values, urls) joined by " | ", for matching. */
export function text(card: Card | undefined): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(card);
  return out.join(' | ');
}

/** Waits until `check` holds (polling); fails with `what` after the timeout. Never asserts on time itself. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The Action.Execute buttons of a card, anywhere in it. */
export function executeActions(card: Card | undefined): { title: string; verb: string; data: unknown }[] {
  const found: { title: string; verb: string; data: unknown }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o['type'] === 'Action.Execute')
        found.push({ title: String(o['title']), verb: String(o['verb']), data: o['data'] });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The url of a card's Action.OpenUrl button ("Export CSV"). */
export function openUrl(card: Card | undefined, title: string): string | undefined {
  const actions = (card?.['actions'] ?? []) as { type: string; title: string; url?: string }[];
  return actions.find((a) => a.type === 'Action.OpenUrl' && a.title === title)?.url;
}
