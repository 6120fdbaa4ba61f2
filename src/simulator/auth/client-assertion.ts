import { constants, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { Aadsts, type AadstsError } from './aadsts';
import type { AppRegistration } from './app-registration';
import type { TokenSigner } from './jwt';

/** The only `client_assertion_type` Entra accepts. */
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Clock skew Entra tolerates on `nbf` / `exp`. */
const SKEW_S = 300;

const headerSchema = z.object({
  alg: z.string(),
  kid: z.string().optional(),
  x5t: z.string().optional(),
  'x5t#S256': z.string().optional(),
});
const claimsSchema = z.object({
  aud: z.string(),
  iss: z.string(),
  sub: z.string(),
  exp: z.number(),
  nbf: z.number().optional(),
  jti: z.string().optional(),
});

export interface AssertionCheck {
  readonly clientId: string;
  /** Token endpoint URLs of this tenant, any of which the certificate assertion's `aud` may name. */
  readonly tokenEndpoints: readonly string[];
  readonly nowMs: number;
}

/**
 * Checks a `client_assertion` as Entra does. Two kinds:
 * - signed with an uploaded certificate (private_key_jwt): the `x5t#S256` or `x5t` header names
 *   the certificate; RS256 or PS256 with its key; `aud` the token endpoint; `iss` = `sub` = the
 *   client id; `nbf` / `exp` around now; and its `jti` good once;
 * - a token of another issuer under workload identity federation (here, the managed identity's
 *   token from this simulator): signed by that issuer, and matching a federated credential's
 *   issuer, subject and audience.
 */
export function checkClientAssertion(
  app: AppRegistration,
  signer: TokenSigner,
  assertion: string,
  check: AssertionCheck,
): AadstsError | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return Aadsts.malformedAssertion('a JWT has three dot-separated parts.');
  const [head = '', body = '', signature = ''] = parts;
  const header = headerSchema.safeParse(decode(head));
  const claims = claimsSchema.safeParse(decode(body));
  if (!header.success || !claims.success)
    return Aadsts.malformedAssertion('the header or the claims are not a client assertion.');
  const signed = Buffer.from(`${head}.${body}`);
  const sig = Buffer.from(signature, 'base64url');
  const h = header.data;
  const c = claims.data;
  const nowS = Math.floor(check.nowMs / 1000);
  const inTime = c.exp + SKEW_S >= nowS && (c.nbf === undefined || c.nbf - SKEW_S <= nowS);

  if (!h.x5t && !h['x5t#S256']) {
    if (h.kid !== signer.kid || !verifies(h.alg, signed, signer.publicKey, sig)) return Aadsts.assertionSignature();
    if (!inTime) return Aadsts.assertionTime(nowS, c.nbf, c.exp);
    const trusted = app.federatedCredentials.some(
      (f) => f.issuer === c.iss && f.subject === c.sub && f.audiences.includes(c.aud),
    );
    return trusted ? undefined : Aadsts.noFederatedCredential(c.sub);
  }

  const key = app.certificateKey({
    ...(h['x5t#S256'] ? { sha256: h['x5t#S256'] } : {}),
    ...(h.x5t ? { sha1: h.x5t } : {}),
  });
  if (!key)
    return Aadsts.unknownCertificate(
      check.clientId,
      Buffer.from(h['x5t#S256'] ?? h.x5t ?? '', 'base64url')
        .toString('hex')
        .toUpperCase(),
    );
  if (!verifies(h.alg, signed, key, sig)) return Aadsts.assertionSignature();
  if (!check.tokenEndpoints.includes(c.aud)) return Aadsts.assertionAudience(c.aud);
  if (c.iss.toLowerCase() !== check.clientId || c.sub.toLowerCase() !== check.clientId) return Aadsts.assertionIssuer();
  if (!inTime) return Aadsts.assertionTime(nowS, c.nbf, c.exp);
  if (!c.jti) return Aadsts.malformedAssertion("the 'jti' claim is missing.");
  // Spent last, so a refused assertion never uses up the jti of a good one.
  if (!app.spendAssertion(c.jti, (c.exp + SKEW_S) * 1000, check.nowMs)) return Aadsts.assertionReplayed();
  return undefined;
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** RS256 (PKCS#1 v1.5) or PS256 (PSS, as MSAL signs with a SHA-256 thumbprint); nothing else. */
function verifies(alg: string, data: Buffer, key: KeyObject, signature: Buffer): boolean {
  try {
    if (alg === 'RS256') return verify('RSA-SHA256', data, key, signature);
    if (alg === 'PS256')
      return verify(
        'sha256',
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
        signature,
      );
    return false;
  } catch {
    return false;
  }
}
