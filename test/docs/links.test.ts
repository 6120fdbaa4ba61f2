import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Repository paths a document names in backticks (`src/…`, `test/…`), without wildcards or placeholders. */
function namedPaths(text: string): string[] {
  const paths = [...text.matchAll(/`((?:src|test|docs|infra|appPackage|env)\/[^`\s]*)`/g)].map((m) =>
    m[1]!.replace(/[.,:;)]+$/, ''),
  );
  return paths.filter((p) => !/[<>*{}…]/.test(p));
}

/** A path git ignores (e.g. `env/.env.local.user`, where secrets go) is named on purpose and never committed. */
const ignored = (path: string) => spawnSync('git', ['check-ignore', '-q', path], { cwd: ROOT }).status === 0;

/**
 * The documents are the repository's own guide: every file a recipe or a section names must be
 * there, and every relative link must lead somewhere, so a rename cannot leave them describing
 * code that moved.
 */
describe('docs: what the guides name exists', () => {
  for (const doc of DOCS) {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    it(`${doc}: every path it names in backticks exists`, () => {
      const missing = namedPaths(text).filter((p) => !existsSync(join(ROOT, p.split('#')[0]!)) && !ignored(p));
      assert.deepEqual(missing, []);
    });
    it(`${doc}: every relative link leads to a file of the repository`, () => {
      const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1]!)
        .filter((l) => !/^[a-z]+:/i.test(l) && !l.startsWith('#'));
      const missing = links.filter((l) => !existsSync(resolve(dirname(join(ROOT, doc)), l.split('#')[0]!)));
      assert.deepEqual(missing, []);
    });
  }
});
