import { z } from 'zod';
import type { Logger } from '../logging/logger';
import type { ConsentOutcome, ConsentRequests } from '../store';
import { ConsentStateSigner, type StateKeys } from './state';

/** Where Microsoft sends the admin's browser back to (src/server/consent-route.ts serves it). */
export const CONSENT_PATH = '/auth/consent';
/** How long a consent link works: long enough to sign in and read the permissions, short enough not to linger. */
export const CONSENT_TTL_MS = 15 * 60_000;

export interface ConsentApp {
  /** Entra authority host, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** The `.default` scope of the Graph resource (src/graph/auth.ts graphScope). */
  scope: string;
}

/** An answer taken: who asked, where to tell them, and what Microsoft said. */
export interface ConsentAnswered {
  adminId: string;
  reference: Record<string, unknown>;
  outcome: ConsentOutcome;
  /** What happened, in plain words (no codes or trace ids). */
  message: string;
}

/** What the browser is shown: 200 with the outcome, or 400 when the answer is not accepted. */
export type ConsentResult =
  | { status: 200; outcome: ConsentOutcome; title: string; message: string }
  | { status: 400; title: string; message: string };

export interface ConsentFlowOptions {
  requests: ConsentRequests;
  app: ConsentApp;
  /** Drops the cached Graph token: permissions consented to appear only in tokens issued afterwards. */
  renewToken: () => void;
  now: () => Date;
  log: Logger;
  /** The keys that sign the state, shared by every instance on the database. */
  keys: StateKeys;
}

/** The redirect's query as Microsoft sends it (success or error); anything else is ignored. */
const answerSchema = z.object({
  state: z.string().max(200),
  admin_consent: z.string().max(10).optional(),
  tenant: z.string().max(100).optional(),
  scope: z.string().max(4000).optional(),
  error: z.string().max(100).optional(),
  error_description: z.string().max(4000).optional(),
  error_subcode: z.string().max(100).optional(),
});

const REFUSED = {
  status: 400 as const,
  title: 'This consent link is not valid',
  message:
    'It was not issued by this License Steward, was already used, or has expired (links work once, for 15 minutes). Nothing was recorded. If you accepted the permissions at Microsoft, they are granted all the same: send `permissions` in Teams to check, or `connect` for a new link.',
};

/**
 * Admin consent from Teams: `begin` makes Microsoft's admin-consent URL for the app registration,
 * with a `state` bound to the admin who asked; `complete` takes Microsoft's redirect, accepts each
 * state once and before it expires, records the answer in the audit history, and tells the
 * listeners (the bot posts it to the admin's chat and starts a sync). A forged, expired or reused
 * state changes nothing.
 */
export class ConsentFlow {
  private readonly signer: ConsentStateSigner;
  private readonly listeners: ((answer: ConsentAnswered) => Promise<void>)[] = [];

  constructor(private readonly options: ConsentFlowOptions) {
    this.signer = new ConsentStateSigner(options.keys);
  }

  onAnswer(listener: (answer: ConsentAnswered) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async begin(
    adminId: string,
    reference: Record<string, unknown>,
    redirectUri: string,
  ): Promise<{ url: string; expiresAt: Date }> {
    const now = this.options.now();
    const expiresAt = new Date(now.getTime() + CONSENT_TTL_MS);
    const { state, id } = await this.signer.issue(adminId, expiresAt.toISOString(), now);
    await this.options.requests.create({
      id,
      adminId,
      reference,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    const { authorityHost, tenantId, clientId, scope } = this.options.app;
    const url = new URL(`${authorityHost}/${encodeURIComponent(tenantId)}/v2.0/adminconsent`);
    url.search = new URLSearchParams({ client_id: clientId, scope, redirect_uri: redirectUri, state }).toString();
    return { url: url.toString(), expiresAt };
  }

  async complete(query: Record<string, string>): Promise<ConsentResult> {
    const { log } = this.options;
    const parsed = answerSchema.safeParse(query);
    const parts = parsed.success ? this.signer.parse(parsed.data.state) : undefined;
    const request = parts ? await this.options.requests.get(parts.id) : null;
    if (
      !parsed.success ||
      !parts ||
      !request ||
      !(await this.signer.verify(parts, request.adminId, request.expiresAt, this.options.now()))
    ) {
      log.warn({ reason: !parsed.success ? 'malformed' : 'unknown or forged state' }, 'admin consent answer refused');
      return REFUSED;
    }
    const answer = interpret(parsed.data, this.options.app.tenantId);
    const taken = await this.options.requests.complete(
      parts.id,
      { outcome: answer.outcome, tenantId: this.options.app.tenantId, detail: answer.detail },
      this.options.now(),
    );
    if (!taken.ok) {
      log.warn({ reason: taken.reason, adminId: request.adminId }, 'admin consent answer refused');
      return REFUSED;
    }
    log.info({ outcome: answer.outcome, adminId: request.adminId, ...answer.detail }, 'admin consent answered');
    if (answer.outcome === 'granted') this.options.renewToken();
    for (const listener of this.listeners) {
      try {
        await listener({
          adminId: request.adminId,
          reference: request.reference,
          outcome: answer.outcome,
          message: answer.message,
        });
      } catch (error) {
        log.error({ err: error }, 'could not report the admin consent answer');
      }
    }
    return { status: 200, outcome: answer.outcome, title: answer.title, message: answer.message };
  }
}

interface Interpreted {
  outcome: ConsentOutcome;
  title: string;
  message: string;
  detail: Record<string, string>;
}

/** Microsoft's answer in plain words; the codes go to the audit detail only. */
function interpret(q: z.infer<typeof answerSchema>, tenantId: string): Interpreted {
  const microsoft = (q.error_description ?? '')
    .split(/\r?\n/)[0]!
    .replace(/^AADSTS\d+:\s*/, '')
    .trim();
  const code = /^AADSTS(\d+)/.exec(q.error_description ?? '')?.[1];
  const detail = {
    ...(q.error ? { error: q.error } : {}),
    ...(code ? { code: `AADSTS${code}` } : {}),
    ...(q.tenant ? { tenant: q.tenant } : {}),
  };
  if (!q.error && q.admin_consent?.toLowerCase() === 'true') {
    const otherTenant =
      q.tenant && /^[0-9a-f-]{36}$/i.test(tenantId) && q.tenant.toLowerCase() !== tenantId.toLowerCase();
    if (otherTenant) {
      return {
        outcome: 'failed',
        title: 'Consent was given in another tenant',
        message: `Microsoft reports consent for tenant ${q.tenant}, but License Steward reads tenant ${tenantId}. Sign in as an administrator of ${tenantId} and try again.`,
        detail,
      };
    }
    return {
      outcome: 'granted',
      title: 'Permissions granted',
      message:
        'An administrator granted License Steward its Microsoft Graph permissions. A sync has started; its result will be posted in Teams.',
      detail,
    };
  }
  if (q.error === 'access_denied') {
    return {
      outcome: 'declined',
      title: 'Permissions not granted',
      message: `The consent was declined or cancelled, so nothing changed.${microsoft ? ` Microsoft said: ${microsoft}` : ''}`,
      detail,
    };
  }
  return {
    outcome: 'failed',
    title: 'Microsoft could not complete the consent',
    message: `${microsoft || 'Microsoft returned no description.'}${q.error ? ` (${q.error}${code ? `, AADSTS${code}` : ''})` : ''}`,
    detail,
  };
}
