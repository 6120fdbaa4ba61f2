import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, type Env } from '../../src/config';
import { selfSignedCertificate } from '../../src/simulator';
import { configErrorOf } from '../helpers/config-error';
import { tempDir } from '../helpers/temp-dir';

const TENANT = '8f0b3a3e-6c2c-4c0e-9a0e-7f3f6b1c2d4e';
const CLIENT = '5a6b7c8d-1111-2222-3333-444455556666';
const IDENTITY = '0d4e1f7a-2b3c-4d5e-8f90-a1b2c3d4e5f6';
const IDS: Env = { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT };

const errorOf = configErrorOf;

describe('config: Graph credential kinds', () => {
  const dir = tempDir();
  const cert = selfSignedCertificate('config test');
  const other = selfSignedCertificate('another key');
  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const pem = file('client.pem', cert.privateKeyPem + cert.certificatePem);
  const encrypted = file(
    'encrypted.pem',
    createPrivateKey(cert.privateKeyPem)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' })
      .toString() + cert.certificatePem,
  );
  const certOnly = file('cert-only.pem', cert.certificatePem);
  const mismatched = file('mismatched.pem', other.privateKeyPem + cert.certificatePem);
  after(() => dir.cleanup());

  it('takes a client secret, as before', () => {
    const config = loadConfig({ ...IDS, GRAPH_CLIENT_SECRET: 's3cr3t-value' });
    assert.deepEqual(config.graph?.credential, { kind: 'secret', clientSecret: 's3cr3t-value' });
  });

  it('takes a certificate file with its private key instead, and reads nothing secret from it into the config', () => {
    const config = loadConfig({ ...IDS, GRAPH_CLIENT_CERTIFICATE_PATH: pem });
    assert.equal(config.mode, 'tenant');
    assert.deepEqual(config.graph?.credential, { kind: 'certificate', certificatePath: pem });
    assert.deepEqual(config.secrets, []);
  });

  it('opens an encrypted private key with GRAPH_CLIENT_CERTIFICATE_PASSWORD, which becomes a secret to scrub', () => {
    const config = loadConfig({
      ...IDS,
      GRAPH_CLIENT_CERTIFICATE_PATH: encrypted,
      GRAPH_CLIENT_CERTIFICATE_PASSWORD: 'open sesame',
    });
    assert.deepEqual(config.graph?.credential, {
      kind: 'certificate',
      certificatePath: encrypted,
      certificatePassword: 'open sesame',
    });
    assert.deepEqual(config.secrets, ['open sesame']);
  });

  it('takes a managed identity client id instead (workload identity federation)', () => {
    const config = loadConfig({ ...IDS, GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY });
    assert.deepEqual(config.graph?.credential, { kind: 'managedIdentity', managedIdentityClientId: IDENTITY });
    assert.deepEqual(config.secrets, []);
  });

  const refused: [string, () => Env, string, RegExp][] = [
    [
      'a secret and a certificate',
      () => ({ ...IDS, GRAPH_CLIENT_SECRET: 'x', GRAPH_CLIENT_CERTIFICATE_PATH: pem }),
      'GRAPH_CLIENT_SECRET and GRAPH_CLIENT_CERTIFICATE_PATH',
      /are both set: configure exactly one Graph credential/,
    ],
    [
      'a certificate and a managed identity',
      () => ({ ...IDS, GRAPH_CLIENT_CERTIFICATE_PATH: pem, GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY }),
      'GRAPH_CLIENT_CERTIFICATE_PATH and GRAPH_MANAGED_IDENTITY_CLIENT_ID',
      /are both set/,
    ],
    [
      'a secret and a certificate password',
      () => ({ ...IDS, GRAPH_CLIENT_SECRET: 'x', GRAPH_CLIENT_CERTIFICATE_PASSWORD: 'pw' }),
      'GRAPH_CLIENT_SECRET and GRAPH_CLIENT_CERTIFICATE_PASSWORD',
      /are both set/,
    ],
    [
      'a certificate password without a certificate',
      () => ({ ...IDS, GRAPH_CLIENT_CERTIFICATE_PASSWORD: 'pw' }),
      'GRAPH_CLIENT_CERTIFICATE_PATH',
      /is missing: GRAPH_CLIENT_CERTIFICATE_PASSWORD is set/,
    ],
    [
      'tenant and client without any credential',
      () => IDS,
      'GRAPH_CLIENT_SECRET',
      /is missing \(or GRAPH_CLIENT_CERTIFICATE_PATH, or GRAPH_MANAGED_IDENTITY_CLIENT_ID\)/,
    ],
    [
      'a certificate without the client id',
      () => ({ GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_CERTIFICATE_PATH: pem }),
      'GRAPH_CLIENT_ID',
      /is missing: .*GRAPH_TENANT_ID, GRAPH_CLIENT_CERTIFICATE_PATH are set/,
    ],
    [
      'a managed identity without the tenant',
      () => ({ GRAPH_CLIENT_ID: CLIENT, GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY }),
      'GRAPH_TENANT_ID',
      /is missing/,
    ],
    [
      'an unreadable certificate file',
      () => ({ ...IDS, GRAPH_CLIENT_CERTIFICATE_PATH: join(dir.path, 'absent.pem') }),
      'GRAPH_CLIENT_CERTIFICATE_PATH',
      /readable PEM file with the certificate and its private key/,
    ],
    [
      'a certificate without its private key',
      () => ({ ...IDS, GRAPH_CLIENT_CERTIFICATE_PATH: certOnly }),
      'GRAPH_CLIENT_CERTIFICATE_PATH',
      /lacks the private key/,
    ],
    [
      'a private key of another certificate',
      () => ({ ...IDS, GRAPH_CLIENT_CERTIFICATE_PATH: mismatched }),
      'GRAPH_CLIENT_CERTIFICATE_PATH',
      /does not belong to its certificate/,
    ],
    [
      'an encrypted key without its password',
      () => ({ ...IDS, GRAPH_CLIENT_CERTIFICATE_PATH: encrypted }),
      'GRAPH_CLIENT_CERTIFICATE_PASSWORD',
      /is missing: the private key .* is encrypted/,
    ],
    [
      'a wrong certificate password',
      () => ({ ...IDS, GRAPH_CLIENT_CERTIFICATE_PATH: encrypted, GRAPH_CLIENT_CERTIFICATE_PASSWORD: 'wrong' }),
      'GRAPH_CLIENT_CERTIFICATE_PASSWORD',
      /does not open the private key/,
    ],
    [
      'a managed identity client id that is not a GUID',
      () => ({ ...IDS, GRAPH_MANAGED_IDENTITY_CLIENT_ID: 'my-identity' }),
      'GRAPH_MANAGED_IDENTITY_CLIENT_ID',
      /a GUID/,
    ],
    [
      'PUBLIC_URL over plain http to a public host',
      () => ({ PUBLIC_URL: 'http://steward.example' }),
      'PUBLIC_URL',
      /https:\/\//,
    ],
    ['PUBLIC_URL that is no URL', () => ({ PUBLIC_URL: 'steward' }), 'PUBLIC_URL', /https:\/\//],
  ];
  for (const [what, env, variable, message] of refused) {
    it(`refuses ${what}, naming ${variable}`, () => {
      const error = errorOf(env());
      assert.equal(error.variable, variable);
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /BEGIN|open sesame/, 'never echoes a key or a password');
    });
  }

  it('keeps PUBLIC_URL without its trailing slash, and lets localhost use http', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://steward.example/bot/' }).publicUrl, 'https://steward.example/bot');
    assert.equal(loadConfig({ PUBLIC_URL: 'http://localhost:3978' }).publicUrl, 'http://localhost:3978');
    assert.equal(loadConfig({}).publicUrl, undefined);
  });

  it('stops the start with exit code 2 and one line naming both variables when two kinds are configured', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: resolve(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH,
        ...IDS,
        GRAPH_CLIENT_SECRET: 'very-secret-value',
        GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(
      result.stderr,
      /configuration error: GRAPH_CLIENT_SECRET and GRAPH_MANAGED_IDENTITY_CLIENT_ID are both set/,
    );
    assert.doesNotMatch(result.stderr + result.stdout, /very-secret-value/);
  });
});
