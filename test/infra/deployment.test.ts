import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { VARIABLES, loadConfig, readEnv } from '../../src/config';

// Checks env/, infra/ and the Agents Toolkit project files against the variables the app reads.

const root = path.resolve(__dirname, '..', '..');
const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
const envFile = (name: string): Record<string, string> => parseEnv(read(`env/${name}`)) as Record<string, string>;

const ENV_FILES = ['.env.local', '.env.dev', '.env.playground'];
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();

/** Variables the toolkit fills in itself, during provision, before the steps that use them. */
const WRITTEN_BY_TOOLKIT = [
  'TEAMSFX_ENV',
  'TEAMS_APP_ID',
  'TEAMS_APP_TENANT_ID',
  'BOT_ID',
  'SECRET_BOT_PASSWORD',
  'BOT_DOMAIN',
  'BOT_ENDPOINT',
  'BOT_AZURE_APP_SERVICE_RESOURCE_ID',
];

/** The provision steps of m365agents.yml in order: `uses` and, for arm/deploy, its template. */
function provisionSteps(): string[] {
  const provision = read('m365agents.yml')
    .replace(/^\s*#.*$/gm, '')
    .split(/^deploy:/m)[0]!;
  return provision
    .split(/- uses: /)
    .slice(1)
    .map((step) => {
      const uses = /^\S+/.exec(step)![0];
      return uses === 'arm/deploy' ? `${uses} ${/- path: (\S+)/.exec(step)?.[1]}` : uses;
    });
}
/** Variables the toolkit accepts empty (it prompts, or the value may be ""). Any other empty ${{VAR}} stops it. */
const MAY_BE_EMPTY = ['APP_NAME_SUFFIX', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'RESOURCE_SUFFIX'];

/** `name: 'X'` / `value: <expr>` pairs of the Web App's appSettings in infra/azure.bicep. */
function bicepAppSettings(): Map<string, string> {
  const bicep = read('infra/azure.bicep');
  const settings = new Map<string, string>();
  for (const m of bicep.matchAll(/name:\s*'([A-Z][A-Z0-9_]*)'\s*\n\s*value:\s*(.+)/g))
    settings.set(m[1]!, m[2]!.trim());
  return settings;
}

describe('deployment files', () => {
  describe('env/', () => {
    for (const file of ENV_FILES) {
      it(`${file} lists every variable the app reads, with a comment`, () => {
        const lines = read(`env/${file}`).split(/\r?\n/);
        for (const v of VARIABLES) {
          const at = lines.findIndex((l) => new RegExp(`^(# )?${v.name}=`).test(l));
          assert.ok(at >= 0, `${file}: ${v.name} is not listed`);
          assert.ok(at > 0 && lines[at - 1]!.startsWith('#'), `${file}: ${v.name} has no comment above it`);
        }
      });

      it(`${file} holds no secret value`, () => {
        const values = envFile(file);
        for (const v of VARIABLES.filter((x) => x.secret)) {
          assert.ok(!values[v.name], `${file}: ${v.name} must not carry a value in a committed file`);
        }
        for (const [key, value] of Object.entries(values)) {
          if (key.startsWith('SECRET_')) assert.equal(value, '', `${file}: ${key} belongs in ${file}.user`);
        }
      });
    }

    it('.env.local leaves every app setting empty, so the app starts in demo mode with the defaults', () => {
      const values = envFile('.env.local');
      for (const v of VARIABLES) assert.ok(!values[v.name], `.env.local: ${v.name} must be empty`);
      const config = loadConfig(readEnv([path.join(root, 'env', '.env.local')], {}));
      assert.equal(config.mode, 'demo');
      assert.equal(config.port, 3978);
      assert.deepEqual(config.database, { type: 'sqlite', path: 'data/demo.sqlite' });
      assert.equal(config.bot.id, undefined);
    });
  });

  describe('infra/', () => {
    it('azure.bicep sets an App Service setting for every variable except PORT', () => {
      const settings = bicepAppSettings();
      for (const v of VARIABLES.filter((x) => x.name !== 'PORT')) {
        assert.ok(settings.has(v.name), `azure.bicep: no app setting ${v.name}`);
      }
      assert.ok(!settings.has('PORT'), 'App Service sets PORT itself');
      assert.match(read('infra/azure.bicep'), /PORT is not set here/);
    });

    it('reads Graph with the user-assigned identity through workload identity federation: no secret, no certificate', () => {
      const bicep = read('infra/azure.bicep');
      const settings = bicepAppSettings();
      assert.equal(settings.get('GRAPH_MANAGED_IDENTITY_CLIENT_ID'), 'identity.properties.clientId');
      for (const name of [
        'GRAPH_CLIENT_SECRET',
        'GRAPH_CLIENT_CERTIFICATE_PATH',
        'GRAPH_CLIENT_CERTIFICATE_PASSWORD',
      ]) {
        assert.equal(settings.get(name), "''", `${name} stays empty: one credential kind only`);
      }
      assert.doesNotMatch(bicep, /graphClientSecret|graph-client-secret/, 'no Graph secret is deployed anywhere');
      assert.match(bicep, /output BOT_IDENTITY_PRINCIPAL_ID string = identity\.properties\.principalId/);
      assert.match(bicep, /keyVaultReferenceIdentity: identity\.id/);
      assert.match(bicep, /enableRbacAuthorization: true/);
      assert.match(bicep, /'4633458b-17de-408a-b874-0445c86b69e6'/, 'Key Vault Secrets User role');
      assert.match(bicep, /msaAppType: 'UserAssignedMSI'/);
      assert.match(bicep, /linuxFxVersion: 'NODE\|20-lts'/);
      assert.match(bicep, /appCommandLine: 'node [^']*dist\/index\.js'/);
    });

    it("federation.bicep trusts that identity's tokens on the app registration aad.manifest.json names", () => {
      const federation = read('infra/federation.bicep');
      assert.match(
        federation,
        /^extension 'br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:[\d.]+'$/m,
      );
      assert.match(federation, /'Microsoft\.Graph\/applications\/federatedIdentityCredentials@v1\.0'/);
      assert.match(
        federation,
        /issuer: '\$\{environment\(\)\.authentication\.loginEndpoint\}\$\{tenant\(\)\.tenantId\}\/v2\.0'/,
      );
      assert.match(federation, /subject: identityPrincipalId/);
      assert.match(federation, /'api:\/\/AzureADTokenExchange'/);
      const params = JSON.parse(read('infra/federation.parameters.json')) as {
        parameters: Record<string, { value: string }>;
      };
      const manifest = JSON.parse(read('aad.manifest.json')) as { uniqueName: string };
      assert.equal(params.parameters['graphAppUniqueName']?.value, manifest.uniqueName);
      assert.equal(params.parameters['identityPrincipalId']?.value, '${{BOT_IDENTITY_PRINCIPAL_ID}}');
      for (const p of Object.keys(params.parameters)) assert.match(federation, new RegExp(`^param ${p} `, 'm'));
    });

    it('its app settings make a configuration the app accepts (real tenant, managed identity)', () => {
      const guid = '0d4e1f7a-2b3c-4d5e-8f90-a1b2c3d4e5f6';
      const bicep = read('infra/azure.bicep');
      const defaults = new Map([...bicep.matchAll(/^param (\w+) string = '(.*)'$/gm)].map((m) => [m[1]!, m[2]!]));
      const samples: Record<string, string> = { graphTenantId: 'contoso.onmicrosoft.com', graphClientId: guid };
      const env: Record<string, string> = {};
      for (const [name, expr] of bicepAppSettings()) {
        if (/^'.*'$/.test(expr)) env[name] = expr.slice(1, -1);
        else if (expr.startsWith('identity.properties.')) env[name] = guid;
        else env[name] = samples[expr] ?? defaults.get(expr) ?? assert.fail(`no sample for ${name} = ${expr}`);
      }
      const config = loadConfig(env);
      assert.equal(config.mode, 'tenant');
      assert.equal(config.bot.type, 'UserAssignedMsi');
      assert.equal(config.bot.password, undefined);
      assert.deepEqual(config.graph?.credential, { kind: 'managedIdentity', managedIdentityClientId: guid });
      assert.deepEqual(config.secrets, []);
      assert.equal(config.logLevel, 'info');
      assert.deepEqual(config.database, { type: 'sqlite', path: '/home/data/steward.sqlite' });
    });

    it('azure.parameters.json fills the required parameters from toolkit variables', () => {
      const params = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> };
      assert.deepEqual(Object.keys(params.parameters).sort(), [
        'botDisplayName',
        'graphClientId',
        'graphTenantId',
        'resourceBaseName',
        'webAppSKU',
      ]);
      assert.deepEqual(placeholders(read('infra/azure.parameters.json')), [
        'GRAPH_CLIENT_ID',
        'GRAPH_TENANT_ID',
        'RESOURCE_SUFFIX',
      ]);
      for (const p of Object.keys(params.parameters)) {
        assert.match(read('infra/azure.bicep'), new RegExp(`^param ${p} `, 'm'), `azure.bicep has no param ${p}`);
      }
    });
  });

  describe('Agents Toolkit project files', () => {
    const projects: Array<[string, string]> = [
      ['m365agents.yml', '.env.dev'],
      ['m365agents.local.yml', '.env.local'],
      ['m365agents.playground.yml', '.env.playground'],
    ];
    for (const [yml, env] of projects) {
      it(`${yml} only uses \${{VARS}} that are set by the time they are needed (empty ones stop the toolkit)`, () => {
        const text = read(yml);
        assert.match(
          text,
          /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.9\/yaml\.schema\.json$/m,
        );
        assert.match(text, /^version: v1\.9$/m);
        const values = envFile(env);
        const withoutComments = text.replace(/^\s*#.*$/gm, '');
        for (const name of placeholders(withoutComments)) {
          const ok = WRITTEN_BY_TOOLKIT.includes(name) || MAY_BE_EMPTY.includes(name) || Boolean(values[name]);
          assert.ok(ok, `${yml}: \${{${name}}} is empty in env/${env} and nothing writes it`);
        }
      });
    }

    it('m365agents.yml provisions the Graph app registration before what needs its ids, and federates it last', () => {
      const steps = provisionSteps();
      const at = (step: string) => {
        const i = steps.indexOf(step);
        assert.ok(i >= 0, `m365agents.yml: no step ${step} in ${steps.join(', ')}`);
        return i;
      };
      assert.ok(at('aadApp/create') < at('arm/deploy ./infra/azure.bicep'), 'the app settings need GRAPH_CLIENT_ID');
      assert.ok(at('arm/deploy ./infra/azure.bicep') < at('aadApp/update'), 'the redirect URI needs BOT_ENDPOINT');
      assert.ok(at('aadApp/update') < at('arm/deploy ./infra/federation.bicep'), 'federation needs the uniqueName');
      const yml = read('m365agents.yml');
      assert.match(yml, /generateClientSecret: false/);
      assert.match(yml, /clientId: GRAPH_CLIENT_ID/);
      assert.match(yml, /objectId: GRAPH_APP_OBJECT_ID/);
      assert.match(yml, /tenantId: GRAPH_TENANT_ID/);
      assert.match(yml, /manifestPath: \.\/aad\.manifest\.json/);
      // What aad.manifest.json and the federation parameters use exists by then: written by earlier steps.
      const written = new Set([
        ...WRITTEN_BY_TOOLKIT,
        'GRAPH_CLIENT_ID',
        'GRAPH_APP_OBJECT_ID',
        'GRAPH_TENANT_ID',
        'BOT_IDENTITY_PRINCIPAL_ID',
        ...MAY_BE_EMPTY,
      ]);
      for (const file of ['aad.manifest.json', 'infra/federation.parameters.json']) {
        for (const name of placeholders(read(file)))
          assert.ok(written.has(name), `${file}: \${{${name}}} is not written before it is used`);
      }
      for (const name of ['GRAPH_APP_OBJECT_ID', 'BOT_IDENTITY_PRINCIPAL_ID'])
        assert.ok(name in envFile('.env.dev'), `.env.dev lists ${name}`);
    });

    it('the files the toolkit writes for the bot process hold only variables the app reads', () => {
      const known = new Set(VARIABLES.map((v) => v.name));
      for (const yml of ['m365agents.local.yml', 'm365agents.playground.yml']) {
        const block = /envs:\n((?: {8}.+\n?)+)/.exec(read(yml));
        assert.ok(block, `${yml}: no envs block`);
        for (const line of block[1]!.trim().split('\n')) {
          const key = line.trim().split(':')[0]!;
          assert.ok(known.has(key), `${yml}: writes ${key}, which the app does not read`);
        }
      }
    });
  });

  it('runs the product with the same heap policy wherever it starts it', () => {
    // The bench measures the compiled product with start:prod's flags (test/bench/compiled.ts).
    const heap = (command: string) =>
      [...command.matchAll(/--(?:heap-growing-percent|max-semi-space-size)=\d+/g)].map((m) => m[0]).join(' ');
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const production = /appCommandLine:\s*'([^']+)'/.exec(read('infra/azure.bicep'))?.[1] ?? '';
    const expected = heap(scripts['start:prod'] ?? '');
    assert.match(expected, /heap-growing-percent/, 'start:prod sets the heap growing factor');
    const commands: [string, string][] = [
      ['infra/azure.bicep', production],
      ['npm start', scripts['start'] ?? ''],
      ['npm run sync', scripts['sync'] ?? ''],
    ];
    for (const [where, command] of commands) assert.equal(heap(command), expected, where);
  });
});
