import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * Self-signed X.509 certificates made in code, for the app registration's certificate credential
 * (`npm run sim -- --credential certificate`, and tests that need a certificate Entra does not know).
 * node:crypto makes keys but not certificates, so the few DER structures of RFC 5280 a v1
 * certificate needs are encoded here; `new X509Certificate(pem)` reads the result.
 */
export interface SelfSignedCertificate {
  /** PEM of the certificate alone: what an admin uploads to the app registration. */
  readonly certificatePem: string;
  /** PEM of the private key (PKCS#8). */
  readonly privateKeyPem: string;
  readonly publicKey: KeyObject;
  /** SHA-1 and SHA-256 of the DER, base64url: the `x5t` and `x5t#S256` headers of client assertions. */
  readonly x5t: string;
  readonly x5tS256: string;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...items: Buffer[]) => tlv(0x30, ...items);

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const part of rest) {
    const chunk: number[] = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/**
 * A non-negative INTEGER in DER's only encoding: no leading zero byte unless the high bit of the next
 * would make it negative, and then one (a random serial broke the first rule once in 512, and OpenSSL
 * refuses such a certificate).
 */
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const minimal = bytes.subarray(start);
  return tlv(0x02, minimal[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}
const name = (cn: string) => sequence(tlv(0x31, sequence(oid(COMMON_NAME), tlv(0x0c, Buffer.from(cn, 'utf8')))));
/** GeneralizedTime, valid for every year (UTCTime stops at 2049). */
const time = (d: Date) => tlv(0x18, Buffer.from(`${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`, 'ascii'));

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A new RSA-2048 key and a certificate for it, signed by itself (SHA-256), valid from `notBefore` for
 * `days`, with a random serial number unless one is given.
 */
export function selfSignedCertificate(
  commonName: string,
  options: { notBefore?: Date; days?: number; serial?: Buffer } = {},
): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const from = options.notBefore ?? new Date(Date.now() - 60_000);
  const until = new Date(from.getTime() + (options.days ?? 365) * 86_400_000);
  const algorithm = sequence(oid(SHA256_WITH_RSA), tlv(0x05));
  const tbs = sequence(
    integer(options.serial ?? randomBytes(16)),
    algorithm,
    name(commonName),
    sequence(time(from), time(until)),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
  return {
    certificatePem: pem('CERTIFICATE', der),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: createPublicKey(privateKey),
    x5t: createHash('sha1').update(der).digest('base64url'),
    x5tS256: createHash('sha256').update(der).digest('base64url'),
  };
}
