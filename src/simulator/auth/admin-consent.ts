import type { HttpResult } from '../http/result';
import type { AppRegistration } from './app-registration';
import { GRAPH_AUDIENCE } from './token-endpoint';

/** What the admin consent endpoint answers to: the consent screen (GET) or the admin's choice (POST). */
export interface ConsentRequest {
  readonly method: string;
  readonly tenant: string;
  readonly query: URLSearchParams;
  /** The form of the consent screen's buttons (POST). */
  readonly form: URLSearchParams;
  /** The path and query the screen posts back to. */
  readonly self: string;
}

const DEFAULT_SCOPE = `${GRAPH_AUDIENCE}/.default`;

/**
 * `/{tenant}/v2.0/adminconsent?client_id=…&scope=…&redirect_uri=…&state=…`, the Microsoft identity
 * platform's admin consent: a bad request gets an error page and no redirect (an unregistered
 * redirect URI must never receive anything); otherwise a consent screen listing the permissions the
 * app registration requests, whose Accept grants them (they appear in the app's next token) and
 * redirects with `admin_consent=True`, `tenant`, `scope` and `state`, and whose Cancel redirects with
 * `error=access_denied` and its description. The simulated admin is always signed in.
 */
export function adminConsent(app: AppRegistration, req: ConsentRequest): HttpResult {
  const clientId = req.query.get('client_id') ?? '';
  const redirectUri = req.query.get('redirect_uri') ?? '';
  const scope = req.query.get('scope') ?? '';
  const state = req.query.get('state');
  if (!app.knowsTenant(req.tenant)) return errorPage(400, 90002, `Tenant '${req.tenant}' not found.`);
  if (clientId.toLowerCase() !== app.clientId)
    return errorPage(
      400,
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${req.tenant}'.`,
    );
  if (!redirectUri || !app.acceptsRedirect(redirectUri)) {
    return errorPage(
      400,
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'.`,
    );
  }
  if (scope !== DEFAULT_SCOPE)
    return errorPage(
      400,
      70011,
      `The provided value for the input parameter 'scope' is not valid. Admin consent asks for ${DEFAULT_SCOPE}.`,
    );
  if (req.method === 'GET') return consentScreen(app, req.self);
  if (req.method !== 'POST')
    return errorPage(405, 900561, `The endpoint only accepts GET, POST requests. Received a ${req.method} request.`);
  const back = new URL(redirectUri);
  const decision = req.form.get('decision');
  if (decision === 'accept') {
    app.grant(app.requested);
    back.searchParams.set('admin_consent', 'True');
    back.searchParams.set('tenant', app.tenantId);
    back.searchParams.set('scope', app.requested.map((r) => `${GRAPH_AUDIENCE}/${r}`).join(' '));
  } else if (decision === 'cancel') {
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('error_subcode', 'cancel');
    back.searchParams.set('error_description', 'AADSTS65004: User declined to consent to access the app.');
  } else {
    return errorPage(400, 900144, "The request body must contain the following parameter: 'decision'.");
  }
  if (state !== null) back.searchParams.set('state', state);
  return { status: 302, headers: { location: back.toString(), 'cache-control': 'no-store' } };
}

function consentScreen(app: AppRegistration, self: string): HttpResult {
  const permissions = app.requested.map((r) => `<li>${escapeHtml(r)}</li>`).join('');
  const button = (decision: string, label: string) =>
    `<form method="post" action="${escapeHtml(self)}"><input type="hidden" name="decision" value="${decision}"><button type="submit">${label}</button></form>`;
  return html(
    200,
    `<h1>Permissions requested</h1><p>License Steward (simulated tenant) asks for these application permissions on Microsoft Graph, for the whole organisation:</p><ul>${permissions}</ul>${button('accept', 'Accept')}${button('cancel', 'Cancel')}`,
  );
}

function errorPage(status: number, code: number, message: string): HttpResult {
  return html(
    status,
    `<h1>Sorry, but we're having trouble signing you in.</h1><p>AADSTS${code}: ${escapeHtml(message)}</p>`,
  );
}

function html(status: number, body: string): HttpResult {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    text: `<!doctype html><html><head><meta charset="utf-8"><title>Microsoft identity platform (simulated)</title></head><body>${body}</body></html>`,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
