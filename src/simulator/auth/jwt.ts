import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * RS256 JWTs signed with the simulator's key, shaped like the app-only v1 tokens Entra issues for
 * Graph: `roles` lists the granted application permissions. The public key is published as a JWKS.
 */
export interface TokenSigner {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function createSigner(privateKeyPem: string): TokenSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { kid: createHash('sha256').update(der).digest('base64url').slice(0, 27), privateKey, publicKey };
}

export function jwks(signer: TokenSigner): { keys: unknown[] } {
  return { keys: [{ ...signer.publicKey.export({ format: 'jwk' }), kid: signer.kid, use: 'sig', alg: 'RS256' }] };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(signer: TokenSigner, payload: Record<string, unknown>): string {
  const head = `${b64({ typ: 'JWT', alg: 'RS256', kid: signer.kid })}.${b64(payload)}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), signer.privateKey).toString('base64url')}`;
}

const accessTokenClaims = z.object({
  aud: z.string(),
  tid: z.string(),
  appid: z.string(),
  roles: z.array(z.string()).default([]),
  iat: z.number(),
  nbf: z.number(),
  exp: z.number(),
  uti: z.string(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;

/** Parses and checks the signature; undefined when the token is not a well-formed simulator JWT. */
export function readJwt(signer: TokenSigner, token: string): AccessTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header = '', payload = '', signature = ''] = parts;
  try {
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      signer.publicKey,
      Buffer.from(signature, 'base64url'),
    );
    if (!ok) return undefined;
    const claims = accessTokenClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return claims.success ? claims.data : undefined;
  } catch {
    return undefined;
  }
}
