import type { GraphConfig } from './config';

/** A Graph endpoint with its own credentials and certificate, such as the tenant simulator. */
export interface GraphEndpoint {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Graph root, also the authority when they share an origin. */
  url: string;
  authorityHost: string;
  ca: string;
}

/** The Graph settings for such an endpoint (demo mode, the sync CLI in demo mode, tests). */
export function graphConfigFor(endpoint: GraphEndpoint): GraphConfig {
  const { tenantId, clientId, clientSecret, url, authorityHost, ca } = endpoint;
  return { tenantId, clientId, credential: { kind: 'secret', clientSecret }, baseUrl: url, authorityHost, ca };
}
