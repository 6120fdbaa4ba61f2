import type { HttpResult } from '../http/result';
import { Aadsts, aadstsResult } from './aadsts';
import type { AppRegistration } from './app-registration';
import { jwks, type TokenSigner } from './jwt';

/**
 * What MSAL (inside @azure/identity) fetches before asking for a token, all pointing back at the
 * simulator (docs/local-endpoints.md §4). Instance discovery always goes to
 * login.microsoftonline.com, so clients must set `disableInstanceDiscovery: true`.
 */
export function openIdConfiguration(app: AppRegistration, authority: string, tenant: string): HttpResult {
  if (!app.knowsTenant(tenant)) {
    const failure = aadstsResult(Aadsts.unknownTenant(tenant));
    return { ...failure, json: { ...(failure.json as object), error: 'invalid_tenant' } };
  }
  const base = `${authority}/${app.tenantId}`;
  return {
    status: 200,
    json: {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${authority}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'tid', 'ver', 'roles'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    },
  };
}

export function keys(signer: TokenSigner): HttpResult {
  return { status: 200, json: jwks(signer) };
}
