import type { SimContext } from '../context';
import { readJwt } from '../auth/jwt';
import { GRAPH_AUDIENCE } from '../auth/token-endpoint';
import { Errors } from './errors';
import type { Caller } from './request';

/**
 * Checks the bearer token like Graph does: missing, malformed, foreign or expired tokens get 401
 * InvalidAuthenticationToken (docs/graph-behaviour.md §0.1). Lifetimes use the wall clock (clients cache tokens by it);
 * tokens issued before `invalidateTokens` fail like a continuous-access-evaluation revocation.
 */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export function authenticate(ctx: SimContext, authorization: string | undefined): Caller {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!authorization || !token) throw Errors.invalidToken('Access token is empty.');
  const claims = readJwt(ctx.signer, token);
  if (!claims) throw Errors.invalidToken('CompactToken parsing failed with error code: 80049217');
  if ((claims.aud !== GRAPH_AUDIENCE && claims.aud !== GRAPH_APP_ID) || claims.tid !== ctx.app.tenantId) {
    throw Errors.invalidToken('Access token validation failure. Invalid audience.');
  }
  const now = Date.now() / 1000;
  if (claims.exp <= now || claims.nbf > now + 300)
    throw Errors.invalidToken('Lifetime validation failed, the token is expired.');
  const generation = Number(Buffer.from(claims.uti, 'base64url').toString('utf8').split('.')[0]);
  if (generation !== ctx.app.tokenGeneration) {
    throw Errors.invalidToken(
      'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp',
    );
  }
  return { appId: claims.appid, roles: ctx.app.effectiveRoles(claims.roles) };
}
