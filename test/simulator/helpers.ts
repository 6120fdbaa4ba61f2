import { ClientSecretCredential } from '@azure/identity';
import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { Agent, request } from 'undici';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';

/**
 * Shared test plumbing: the simulator reached through the official clients, configured the way the
 * product must configure them (docs/local-endpoints.md §3–§5). Verified on Node 20 with undici@7: the global
 * fetch that @microsoft/microsoft-graph-client uses accepts an undici@7 Agent as `dispatcher`.
 */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** A fixed "now" keeps dates in assertions stable. */
export const NOW = new Date('2025-06-18T10:00:00Z');

export interface TestSimulator {
  readonly sim: RunningSimulator;
  readonly credential: ClientSecretCredential;
  readonly client: Client;
  readonly dispatcher: Agent;
  token(): Promise<string>;
  close(): Promise<void>;
}

export function credentialFor(
  sim: RunningSimulator,
  secret = sim.clientSecret,
  tenant = sim.tenantId,
  clientId = sim.clientId,
): ClientSecretCredential {
  return new ClientSecretCredential(tenant, clientId, secret, {
    authorityHost: sim.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: sim.ca },
  });
}

export function graphClientFor(sim: RunningSimulator, credential: ClientSecretCredential, dispatcher: Agent): Client {
  return Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] }),
    baseUrl: sim.url,
    customHosts: new Set(['127.0.0.1']),
    // RequestInit has no `dispatcher` in the DOM typings, yet Node's fetch honours it.
    fetchOptions: { dispatcher } as RequestInit,
  });
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const sim = await startSimulator({ users: 300, seed: 11, now: NOW, ...options });
  const dispatcher = new Agent({ connect: { ca: sim.ca } });
  const credential = credentialFor(sim);
  return {
    sim,
    credential,
    dispatcher,
    client: graphClientFor(sim, credential, dispatcher),
    token: async () => (await credential.getToken(GRAPH_SCOPE)).token,
    close: async () => {
      await dispatcher.close();
      await sim.stop();
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/** A plain HTTPS call (no SDK), for asserting status codes, headers and bodies exactly. */
export async function raw(
  t: TestSimulator,
  method: string,
  pathOrUrl: string,
  options: {
    token?: string | null;
    headers?: Record<string, string>;
    body?: unknown;
    form?: Record<string, string>;
  } = {},
): Promise<RawResponse> {
  const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${t.sim.url}${pathOrUrl}`;
  const token = options.token === undefined ? await t.token() : options.token;
  const headers: Record<string, string> = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...options.headers,
  };
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await request(url, { method: method as 'GET', headers, body, dispatcher: t.dispatcher });
  // Decode by hand: body.text() would strip the UTF-8 BOM the report CSVs must start with.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.body.arrayBuffer());
  const flat = Object.fromEntries(
    Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
  );
  return { status: res.statusCode, headers: flat, text, json: <T>() => JSON.parse(text) as T };
}

/** Every item of a collection through the SDK's PageIterator, which follows @odata.nextLink verbatim. */
export async function allPages<T>(t: TestSimulator, first: PageCollection): Promise<T[]> {
  const items: T[] = [];
  const iterator = new PageIterator(t.client, first, (item: T) => {
    items.push(item);
    return true;
  });
  await iterator.iterate();
  return items;
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string; [k: string]: string };
  };
}

export function ids(items: readonly { id?: unknown }[]): string[] {
  return items.map((u) => String(u.id));
}
