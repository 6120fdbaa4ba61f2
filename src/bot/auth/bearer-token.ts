import { AuthenticationConstants } from 'botframework-connector';
import { z } from 'zod';

/** Bot Framework's own leeway for clock skew between the channel and the bot (its JwtTokenExtractor). */
const CLOCK_TOLERANCE_SECONDS = 5 * 60;

const COMPACT_JWT = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

const Header = z.object({
  alg: z
    .string()
    .refine((alg) => AuthenticationConstants.AllowedSigningAlgorithms.includes(alg), 'algorithm not allowed'),
  kid: z.string().min(1),
});

const Claims = z.object({
  iss: z.string(),
  aud: z.string(),
  exp: z.number(),
  nbf: z.number().optional(),
});

export type Screening = { ok: true } | { ok: false; reason: string };

/**
 * What can be told of a Bot Framework token without its signing keys, checked before the request
 * body is read: the Authorization header holds a signed compact JWT (an unsigned `alg: none`
 * token has an empty signature), signed with an algorithm Bot Framework allows (RSA: a token
 * signed with a shared secret, HS256, is refused here, not handed to a verifier), for this bot,
 * and not expired. Passing proves nothing: the full validation (signature against the published
 * keys, issuer, endorsements, serviceUrl) still decides; this only refuses early and cheaply.
 */
export function screenBearerToken(authorization: string | undefined, botId: string, now: Date): Screening {
  const parts = COMPACT_JWT.exec(authorization ?? '');
  if (!parts) return { ok: false, reason: authorization ? 'not a signed bearer token' : 'no bearer token' };
  const header = Header.safeParse(decodeSegment(parts[1]!));
  if (!header.success)
    return { ok: false, reason: `token header refused: ${header.error.issues[0]?.message ?? 'invalid'}` };
  const claims = Claims.safeParse(decodeSegment(parts[2]!));
  if (!claims.success) return { ok: false, reason: 'token claims missing or malformed' };
  const { aud, exp, nbf } = claims.data;
  if (aud !== botId) return { ok: false, reason: 'token is for another audience' };
  const seconds = now.getTime() / 1000;
  if (exp + CLOCK_TOLERANCE_SECONDS < seconds) return { ok: false, reason: 'token expired' };
  if (nbf !== undefined && nbf - CLOCK_TOLERANCE_SECONDS > seconds) return { ok: false, reason: 'token not yet valid' };
  return { ok: true };
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
