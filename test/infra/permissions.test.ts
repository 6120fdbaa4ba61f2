import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PERMISSION_PARTS } from '../../src/bot/cards/permissions';
import { KNOWN_ROLES, REQUESTED_PERMISSIONS } from '../../src/simulator';

// The Graph permissions License Steward asks for, in the four places that name them: the Entra app manifest
// (ids), docs/graph-permissions.md (names and ids), the `permissions` card (what each part needs) and the README.

const root = path.resolve(__dirname, '..', '..');
const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
const GRAPH = '00000003-0000-0000-c000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Rows of the first Markdown table after `heading`: cells trimmed, header and rule left out. */
function table(markdown: string, heading: string): string[][] {
  const after = markdown.slice(markdown.indexOf(heading));
  assert.ok(markdown.includes(heading), `no "${heading}"`);
  const lines = after.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

interface Manifest {
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  web: { redirectUris: string[] };
}

describe('Graph permissions: manifest, docs, card and README in step', () => {
  const manifest = JSON.parse(read('aad.manifest.json')) as Manifest;
  const docs = read('docs/graph-permissions.md');
  const requested = table(docs, '## Requested');
  const broader = table(docs, '## Broader permissions that also serve');
  const idOf = new Map([...requested, ...broader].map(([name, id]) => [name!, id!]));
  const nameOf = new Map([...idOf].map(([name, id]) => [id, name]));
  const asked = PERMISSION_PARTS.map((part) => part.accepted[0]!);

  it('the docs table pairs each permission with one app role id, and no id twice', () => {
    for (const [name, id] of idOf) assert.match(id, GUID, `${name}: ${id}`);
    assert.equal(new Set(idOf.values()).size, idOf.size);
    for (const name of idOf.keys())
      assert.ok(
        (KNOWN_ROLES as readonly string[]).includes(name),
        `${name} is not a Graph permission the simulator knows`,
      );
  });

  it('the manifest requests application permissions (Role) of Microsoft Graph only, each known to the docs table', () => {
    assert.deepEqual(
      manifest.requiredResourceAccess.map((r) => r.resourceAppId),
      [GRAPH],
    );
    for (const access of manifest.requiredResourceAccess[0]!.resourceAccess) {
      assert.equal(access.type, 'Role', `${access.id} must be an application permission`);
      assert.ok(nameOf.has(access.id), `${access.id} is not in docs/graph-permissions.md`);
    }
  });

  it('the manifest requests exactly the least-privileged permission of each part of the permissions card, in its order', () => {
    const inManifest = manifest.requiredResourceAccess[0]!.resourceAccess.map((a) => nameOf.get(a.id));
    assert.deepEqual(inManifest, asked);
    assert.deepEqual(
      requested.map(([name]) => name),
      asked,
      'docs "Requested" table',
    );
  });

  it('every broader permission in the docs covers only parts it is accepted for on the card', () => {
    for (const [name, , covers] of broader) {
      for (const covered of covers!.split(',').map((c) => c.trim())) {
        const part = PERMISSION_PARTS.find((p) => p.accepted[0] === covered);
        assert.ok(part, `${covered} is not requested`);
        assert.ok(part.accepted.includes(name!), `the card does not accept ${name} for ${covered}`);
      }
    }
  });

  it("the README's least-privilege table lists the same permissions, each with what it disables", () => {
    const rows = table(read('README.md'), '## Connect your tenant');
    assert.deepEqual(
      rows.map(([name]) => name),
      asked,
    );
    for (const row of rows) assert.ok(row[2], `${row[0]}: say what is lost without it`);
  });

  it('the simulated app registration requests the same (its admin consent grants these)', () => {
    assert.deepEqual([...REQUESTED_PERMISSIONS], asked);
  });

  it('the manifest registers the admin-consent redirect this bot serves', () => {
    assert.deepEqual(manifest.web.redirectUris, ['${{BOT_ENDPOINT}}/auth/consent']);
  });
});
