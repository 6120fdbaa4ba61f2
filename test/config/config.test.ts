import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, readEnv, type Env } from '../../src/config';
import { configErrorOf } from '../helpers/config-error';
import { tempDir } from '../helpers/temp-dir';

const TENANT = '8f0b3a3e-6c2c-4c0e-9a0e-7f3f6b1c2d4e';
const CLIENT = '5a6b7c8d-1111-2222-3333-444455556666';
const GRAPH: Env = { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT, GRAPH_CLIENT_SECRET: 's3cr3t-value' };

const errorOf = configErrorOf;

describe('config', () => {
  it('defaults to demo mode with port 3978, its own SQLite file under data/ and info logs', () => {
    const config = loadConfig({});
    assert.equal(config.mode, 'demo');
    assert.equal(config.port, 3978);
    assert.deepEqual(config.database, { type: 'sqlite', path: 'data/demo.sqlite' });
    assert.equal(config.logLevel, 'info');
    assert.equal(config.graph, undefined);
    assert.deepEqual(config.bot, { type: 'MultiTenant' });
  });

  it('treats empty values as unset, as the toolkit placeholder files leave them', () => {
    assert.equal(loadConfig({ GRAPH_TENANT_ID: '', GRAPH_CLIENT_ID: ' ', PORT: '' }).mode, 'demo');
  });

  it('uses the real tenant when all three Graph credentials are set, with Microsoft endpoints by default', () => {
    const config = loadConfig(GRAPH);
    assert.equal(config.mode, 'tenant');
    assert.equal(config.graph?.baseUrl, 'https://graph.microsoft.com');
    assert.equal(config.graph?.authorityHost, 'https://login.microsoftonline.com');
    assert.deepEqual(config.database, { type: 'sqlite', path: 'data/steward.sqlite' });
    assert.deepEqual(config.secrets, ['s3cr3t-value']);
  });

  const partial: [string, Env, string][] = [
    ['only the tenant', { GRAPH_TENANT_ID: TENANT }, 'GRAPH_CLIENT_ID'],
    ['no secret', { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT }, 'GRAPH_CLIENT_SECRET'],
    ['only the secret', { GRAPH_CLIENT_SECRET: 'x' }, 'GRAPH_TENANT_ID'],
  ];
  for (const [name, env, variable] of partial) {
    it(`refuses partial Graph credentials (${name}), naming ${variable}`, () => {
      const error = errorOf(env);
      assert.equal(error.variable, variable);
      assert.match(error.message, new RegExp(`^${variable} is missing`));
    });
  }

  const malformed: [string, Env, string, RegExp][] = [
    ['PORT', { PORT: 'eighty' }, 'PORT', /integer from 0 to 65535/],
    ['PORT out of range', { PORT: '70000' }, 'PORT', /integer/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of trace, debug/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /sqlite: or postgres:\/\//],
    ['empty sqlite path', { DATABASE_URL: 'sqlite:' }, 'DATABASE_URL', /must name a file/],
    ['GRAPH_TENANT_ID', { ...GRAPH, GRAPH_TENANT_ID: 'not a tenant' }, 'GRAPH_TENANT_ID', /GUID or a domain/],
    ['GRAPH_CLIENT_ID', { ...GRAPH, GRAPH_CLIENT_ID: 'abc' }, 'GRAPH_CLIENT_ID', /GUID/],
    ['GRAPH_BASE_URL over http', { ...GRAPH, GRAPH_BASE_URL: 'http://graph.local' }, 'GRAPH_BASE_URL', /https:\/\//],
    ['GRAPH_AUTHORITY_HOST', { ...GRAPH, GRAPH_AUTHORITY_HOST: 'nope' }, 'GRAPH_AUTHORITY_HOST', /https:\/\//],
    ['GRAPH_CA_FILE missing', { ...GRAPH, GRAPH_CA_FILE: '/no/such/file.pem' }, 'GRAPH_CA_FILE', /readable PEM/],
    ['endpoint without credentials', { GRAPH_BASE_URL: 'https://127.0.0.1:5599' }, 'GRAPH_BASE_URL', /demo mode/],
    ['BOT_ID', { BOT_ID: 'my-bot', BOT_PASSWORD: 'x' }, 'BOT_ID', /GUID/],
    ['BOT_PASSWORD without BOT_ID', { BOT_PASSWORD: 'x' }, 'BOT_ID', /is missing/],
    ['BOT_ID without password', { BOT_ID: CLIENT }, 'BOT_PASSWORD', /is missing/],
    [
      'SingleTenant without tenant',
      { BOT_ID: CLIENT, BOT_PASSWORD: 'x', BOT_TYPE: 'SingleTenant' },
      'BOT_TENANT_ID',
      /is missing/,
    ],
    ['BOT_TYPE', { BOT_TYPE: 'Robot' }, 'BOT_TYPE', /MultiTenant, SingleTenant or|one of MultiTenant/],
  ];
  for (const [name, env, variable, expected] of malformed) {
    it(`refuses a malformed ${name}, naming ${variable}`, () => {
      const error = errorOf(env);
      assert.equal(error.variable, variable);
      assert.match(error.message, expected);
    });
  }

  it('never echoes a database URL, which may hold a password', () => {
    assert.doesNotMatch(errorOf({ DATABASE_URL: 'mssql://sa:hunter2@db' }).message, /hunter2/);
  });

  it('adds the PostgreSQL password to the secrets to scrub', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://steward:p%40ss@db:5432/steward' });
    assert.ok(config.secrets.includes('p@ss'));
  });

  it('accepts a user-assigned managed identity without a password', () => {
    const config = loadConfig({ BOT_ID: CLIENT, BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: TENANT });
    assert.deepEqual(config.bot, { id: CLIENT, tenantId: TENANT, type: 'UserAssignedMsi' });
  });

  it('reads env files in order, the process environment winning', () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, '.env.local'), 'PORT=4000\nLOG_LEVEL=debug\n# comment\nBOT_TYPE=\n');
      writeFileSync(join(dir.path, '.env.local.user'), 'LOG_LEVEL=warn\n');
      const env = readEnv([join(dir.path, '.env.local'), join(dir.path, '.env.local.user'), join(dir.path, 'absent')], {
        PORT: '5000',
      });
      const config = loadConfig(env);
      assert.equal(config.port, 5000);
      assert.equal(config.logLevel, 'warn');
    } finally {
      dir.cleanup();
    }
  });

  describe('at start-up', () => {
    const root = resolve(__dirname, '..', '..');
    const start = (env: Env) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        cwd: root,
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });

    it('stops with exit code 2 and one line naming a malformed variable', () => {
      const result = start({ PORT: 'eighty' });
      assert.equal(result.status, 2);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /configuration error: PORT must be an integer/);
      assert.equal(result.stdout, '');
    });

    it('stops with exit code 2 on partial Graph credentials, without echoing the secret', () => {
      const result = start({ GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_SECRET: 'very-secret-value' });
      assert.equal(result.status, 2);
      assert.match(result.stderr, /GRAPH_CLIENT_ID is missing/);
      assert.doesNotMatch(result.stderr + result.stdout, /very-secret-value/);
    });
  });
});
