import { createHmac, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer of every token the Bot Framework channel sends to a bot. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export type Claims = Record<string, unknown>;

/**
 * A stand-in for Bot Framework's token signing: an RSA key made here, published as the channel
 * publishes its own (an OpenID configuration at `/.well-known/openidconfiguration` whose `jwks_uri`
 * lists the key, endorsed for `msteams`), and tokens signed with it. `mode` makes the endpoint fail:
 * `metadata-down` answers 503 to everything, `keys-down` serves the configuration but not the keys.
 */
export class BotFrameworkKeys {
  readonly kid = randomUUID();
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: Server;
  /** Requests received, in order (paths). */
  readonly requests: string[] = [];
  metadataUrl = '';

  constructor(private readonly mode: 'up' | 'metadata-down' | 'keys-down' = 'up') {}

  async start(): Promise<this> {
    // Under a path of its own: Bot Framework caches keys per metadata URL for the whole process,
    // and a later endpoint may get a port an earlier one had.
    const root = `/${this.kid}/v1`;
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const json = (status: number, body: unknown) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      };
      if (this.mode === 'metadata-down') return json(503, { error: 'unavailable' });
      if (req.url === `${root}/.well-known/openidconfiguration`)
        return json(200, {
          issuer: CHANNEL_ISSUER,
          jwks_uri: `${origin}${root}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      if (req.url === `${root}/keys` && this.mode === 'keys-down') return json(500, { error: 'broken' });
      if (req.url === `${root}/keys`)
        return json(200, {
          keys: [
            { ...this.keys.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', endorsements: ['msteams'] },
          ],
        });
      json(404, { error: 'not found' });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.metadataUrl = `${origin}${root}/.well-known/openidconfiguration`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The published key as PEM: what an algorithm-confusion forgery uses as its HMAC secret. */
  publicPem(): string {
    return this.keys.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  /** The claims of a channel token for this bot and service URL, valid for an hour. */
  claims(botId: string, serviceUrl: string): Claims {
    const now = Math.floor(Date.now() / 1000);
    return { iss: CHANNEL_ISSUER, aud: botId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600 };
  }

  /** An RS256 token signed with this endpoint's key (or another RSA key, to forge one). */
  sign(claims: Claims, options: { key?: KeyObject; header?: Record<string, unknown> } = {}): string {
    const unsigned = `${segment({ alg: 'RS256', typ: 'JWT', kid: this.kid, ...options.header })}.${segment(claims)}`;
    const signature = createSign('RSA-SHA256')
      .update(unsigned)
      .sign(options.key ?? this.keys.privateKey);
    return `${unsigned}.${signature.toString('base64url')}`;
  }
}

/** A token with `alg: none` and no signature, as a forger would send it. */
export function unsignedToken(claims: Claims, kid: string): string {
  return `${segment({ alg: 'none', typ: 'JWT', kid })}.${segment(claims)}.`;
}

/** An HS256 token signed with a shared secret, naming the published key's id. */
export function hmacToken(claims: Claims, kid: string, secret: string): string {
  const unsigned = `${segment({ alg: 'HS256', typ: 'JWT', kid })}.${segment(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** An RSA key nobody published. */
export function strayKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
