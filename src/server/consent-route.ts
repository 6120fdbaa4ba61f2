import type * as restify from 'restify';
import { CONSENT_PATH, type ConsentFlow, type ConsentResult } from '../consent/flow';

/**
 * `GET /auth/consent`: where Microsoft's admin consent sends the admin's browser back. The flow
 * decides (src/consent/flow.ts); this answers a small page saying what happened, 400 when the
 * answer is not accepted. The page holds no token, secret or state, and every text in it is escaped.
 */
export function registerConsentRoute(server: restify.Server, flow: ConsentFlow): void {
  server.get(CONSENT_PATH, async (req: restify.Request, res: restify.Response) => {
    // Parsed here rather than by a server-wide query parser: only this route and exports read a query.
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://local').searchParams);
    const result = await flow.complete(query);
    res.statusCode = result.status;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    // The state is in this page's URL: keep it out of the Referer of anything the page links to.
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.end(consentPage(result));
  });
}

export function consentPage(result: ConsentResult): string {
  const color = result.status === 400 ? '#a4262c' : result.outcome === 'granted' ? '#107c10' : '#8a6d00';
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>License Steward</title>',
    '<style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head><body>',
    `<h1 style="color:${color}">${escapeHtml(result.title)}</h1>`,
    `<p>${escapeHtml(result.message)}</p>`,
    '<p>You can close this page and return to Microsoft Teams.</p>',
    '</body></html>',
  ].join('');
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
