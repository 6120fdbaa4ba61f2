import { randomUUID } from 'node:crypto';

export const TEST_TENANT = '11111111-2222-3333-4444-555555555555';
export const BOT = { id: '28:bot-id', name: 'License Steward' };
export const ADMIN = { id: '29:admin', name: 'Adele Vance', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001' };

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
