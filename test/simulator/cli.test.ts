import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { GRAPH_SCOPE } from './helpers';

// Run by node itself (`--import tsx`), not through the tsx wrapper: the wrapper relays SIGINT with 30 ms timeouts and,
// on a loaded machine, answers 130 for a simulator that stops cleanly.
const CLI = join('src', 'simulator', 'cli.ts');

describe('simulator: npm run sim', () => {
  it('prints paste-ready environment lines that reach a working simulator, and stops on SIGINT', async () => {
    const caFile = join(mkdtempSync(join(tmpdir(), 'sim-cli-')), 'ca.pem');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--users', '300', '--seed', '7', '--port', '0', '--ca-file', caFile],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('GRAPH_CA_FILE=')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const env = Object.fromEntries(
      out
        .split('\n')
        .filter((l) => /^GRAPH_\w+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    assert.deepEqual(Object.keys(env).sort(), [
      'GRAPH_AUTHORITY_HOST',
      'GRAPH_BASE_URL',
      'GRAPH_CA_FILE',
      'GRAPH_CLIENT_ID',
      'GRAPH_CLIENT_SECRET',
      'GRAPH_TENANT_ID',
    ]);
    const credential = new ClientSecretCredential(
      env['GRAPH_TENANT_ID'] ?? '',
      env['GRAPH_CLIENT_ID'] ?? '',
      env['GRAPH_CLIENT_SECRET'] ?? '',
      {
        authorityHost: env['GRAPH_AUTHORITY_HOST'],
        disableInstanceDiscovery: true,
        tlsOptions: { ca: readFileSync(env['GRAPH_CA_FILE'] ?? '', 'utf8') },
      },
    );
    assert.ok((await credential.getToken(GRAPH_SCOPE)).token);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });

  it('with --credential certificate prints GRAPH_CLIENT_CERTIFICATE_PATH instead of a secret: a key file only its owner reads, that gets a token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        '--users',
        '300',
        '--port',
        '0',
        '--ca-file',
        join(dir, 'ca.pem'),
        '--credential',
        'certificate',
        '--certificate-file',
        join(dir, 'client.pem'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('GRAPH_CA_FILE=')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    try {
      const env = Object.fromEntries(
        out
          .split('\n')
          .filter((l) => /^GRAPH_\w+=/.test(l))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      assert.deepEqual(Object.keys(env).sort(), [
        'GRAPH_AUTHORITY_HOST',
        'GRAPH_BASE_URL',
        'GRAPH_CA_FILE',
        'GRAPH_CLIENT_CERTIFICATE_PATH',
        'GRAPH_CLIENT_ID',
        'GRAPH_TENANT_ID',
      ]);
      assert.equal(env['GRAPH_CLIENT_CERTIFICATE_PATH'], join(dir, 'client.pem'));
      assert.equal(statSync(join(dir, 'client.pem')).mode & 0o777, 0o600);
      const credential = new ClientCertificateCredential(
        env['GRAPH_TENANT_ID'] ?? '',
        env['GRAPH_CLIENT_ID'] ?? '',
        { certificatePath: join(dir, 'client.pem') },
        {
          authorityHost: env['GRAPH_AUTHORITY_HOST'],
          disableInstanceDiscovery: true,
          tlsOptions: { ca: readFileSync(env['GRAPH_CA_FILE'] ?? '', 'utf8') },
        },
      );
      assert.ok((await credential.getToken(GRAPH_SCOPE)).token);
    } finally {
      child.kill('SIGINT');
      await once(child, 'exit');
    }
  });

  it('refuses bad arguments with a clear message and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--users', 'many'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2);
    assert.match(err, /--users: must be a whole number/);
    assert.match(err, /usage: npm run sim/);
  });

  it('never starts when real Graph credentials are configured', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--users', '300'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GRAPH_TENANT_ID: 'contoso.onmicrosoft.com', GRAPH_CLIENT_SECRET: 'real' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2);
    assert.match(err, /GRAPH_TENANT_ID, GRAPH_CLIENT_SECRET are set for a real tenant: the simulator does not start/);
    assert.doesNotMatch(out, /GRAPH_BASE_URL=/);
  });
});
