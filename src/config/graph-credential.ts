import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors';
import { isGuid } from './guid';
import type { GraphCredential } from './config';

type Get = (name: string) => string | undefined;

/** The variables of each credential kind; the first one names the kind. */
export const CREDENTIAL_VARIABLES = {
  secret: ['GRAPH_CLIENT_SECRET'],
  certificate: ['GRAPH_CLIENT_CERTIFICATE_PATH', 'GRAPH_CLIENT_CERTIFICATE_PASSWORD'],
  managedIdentity: ['GRAPH_MANAGED_IDENTITY_CLIENT_ID'],
} as const;

type Kind = keyof typeof CREDENTIAL_VARIABLES;
const KINDS = Object.keys(CREDENTIAL_VARIABLES) as Kind[];
const ONE_OF = 'GRAPH_CLIENT_SECRET, GRAPH_CLIENT_CERTIFICATE_PATH or GRAPH_MANAGED_IDENTITY_CLIENT_ID';

/** The credential variables that are set, for the "is set but…" messages. */
export function credentialVariablesSet(get: Get): string[] {
  return KINDS.flatMap((kind) => CREDENTIAL_VARIABLES[kind].filter((name) => get(name) !== undefined));
}

/**
 * The one Graph credential configured, or undefined when none is. Two kinds at once, a certificate
 * password without a certificate, a certificate file that cannot be used or a malformed identity
 * client id throw a ConfigError naming the variables. File contents are never echoed.
 */
export function graphCredential(get: Get): GraphCredential | undefined {
  const kinds = KINDS.filter((kind) => CREDENTIAL_VARIABLES[kind].some((name) => get(name) !== undefined));
  if (kinds.length > 1) {
    const names = kinds.map((kind) => CREDENTIAL_VARIABLES[kind].find((name) => get(name) !== undefined)!);
    throw new ConfigError(names.join(' and '), `are both set: configure exactly one Graph credential, ${ONE_OF}`);
  }
  switch (kinds[0]) {
    case undefined:
      return undefined;
    case 'secret':
      return { kind: 'secret', clientSecret: get('GRAPH_CLIENT_SECRET')! };
    case 'managedIdentity': {
      const id = get('GRAPH_MANAGED_IDENTITY_CLIENT_ID')!;
      if (!isGuid(id))
        throw new ConfigError(
          'GRAPH_MANAGED_IDENTITY_CLIENT_ID',
          `must be the client id of the user-assigned managed identity, a GUID (got "${id}")`,
        );
      return { kind: 'managedIdentity', managedIdentityClientId: id };
    }
    case 'certificate':
      return certificateCredential(get('GRAPH_CLIENT_CERTIFICATE_PATH'), get('GRAPH_CLIENT_CERTIFICATE_PASSWORD'));
  }
}

/** Tells why no credential is configured while the tenant and client ids are. */
export function missingCredential(): ConfigError {
  return new ConfigError(
    'GRAPH_CLIENT_SECRET',
    `is missing (or GRAPH_CLIENT_CERTIFICATE_PATH, or GRAPH_MANAGED_IDENTITY_CLIENT_ID): GRAPH_TENANT_ID and GRAPH_CLIENT_ID need one credential, ${ONE_OF}`,
  );
}

/**
 * A PEM file with the certificate and its private key, read now so a wrong file stops the start
 * rather than the first sync: the key must open (with the password when it is encrypted) and
 * belong to the certificate.
 */
function certificateCredential(path: string | undefined, password: string | undefined): GraphCredential {
  if (!path) {
    throw new ConfigError(
      'GRAPH_CLIENT_CERTIFICATE_PATH',
      'is missing: GRAPH_CLIENT_CERTIFICATE_PASSWORD is set, so name the PEM file (certificate and private key) it opens',
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(
      'GRAPH_CLIENT_CERTIFICATE_PATH',
      `must name a readable PEM file with the certificate and its private key (cannot read "${path}")`,
    );
  }
  const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text);
  if (!block || !/-----BEGIN (ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.test(text)) {
    throw new ConfigError(
      'GRAPH_CLIENT_CERTIFICATE_PATH',
      `must name a PEM file with both the certificate and its private key ("${path}" lacks ${block ? 'the private key' : 'the certificate'})`,
    );
  }
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text);
  if (encrypted && password === undefined) {
    throw new ConfigError('GRAPH_CLIENT_CERTIFICATE_PASSWORD', `is missing: the private key in "${path}" is encrypted`);
  }
  let matches: boolean;
  try {
    const key = createPrivateKey({
      key: text,
      format: 'pem',
      ...(password !== undefined ? { passphrase: password } : {}),
    });
    matches = new X509Certificate(block[0]).checkPrivateKey(key);
  } catch {
    throw password !== undefined
      ? new ConfigError(
          'GRAPH_CLIENT_CERTIFICATE_PASSWORD',
          `does not open the private key in "${path}" (or the file is not valid PEM)`,
        )
      : new ConfigError(
          'GRAPH_CLIENT_CERTIFICATE_PATH',
          `must name a valid PEM certificate and private key ("${path}" could not be read as one)`,
        );
  }
  if (!matches)
    throw new ConfigError(
      'GRAPH_CLIENT_CERTIFICATE_PATH',
      `holds a private key that does not belong to its certificate ("${path}")`,
    );
  return {
    kind: 'certificate',
    certificatePath: path,
    ...(password !== undefined ? { certificatePassword: password } : {}),
  };
}
