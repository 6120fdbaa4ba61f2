import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const SCANNED = /\.(ts|json|ya?ml|md)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return SCANNED.test(e.name) ? [relative(ROOT, path)] : [];
  });
}

/**
 * Citations of documents the repository does not hold. The Graph behaviour the code relies on is in
 * docs/graph-behaviour.md, the product's rules in docs/product-rules.md: a comment citing anything else
 * sends a reader somewhere they cannot follow. "seed" alone is left alone: the simulator's random seed
 * (`--seed`, `hash32(seed, …)`) is not a document.
 */
const OUTSIDE: { what: string; pattern: RegExp }[] = [
  { what: 'the outside Graph contract', pattern: /contract\s*§|graph-contract/i },
  { what: 'the outside product documents ("the seeds")', pattern: /\bseeds\b|\bseed rule\b|\bseeds?:\s*"/i },
  // A sibling doc linked from docs/ (`[x.md](x.md)`) is in the repository; a bare name in code is the outside one.
  {
    what: 'an outside document by name',
    pattern: /\b(PRODUCT|STYLE)\.md\b|(?<![\w/[])(?<!\]\()(local-endpoints|agents-playground)\.md\b/,
  },
  { what: 'a path outside the repository', pattern: /shared\/reference|\/work\/shared|\.\.\/shared\// },
  { what: 'an issue number', pattern: /\bissues?\s*#?\d+/i },
];

const ME = relative(ROOT, __filename);
/** The code, and the guides that stand beside it: they may name where a fact comes from by public URL only. */
const SOURCES = [
  ...files(join(ROOT, 'src')),
  ...files(join(ROOT, 'test')),
  ...files(join(ROOT, 'docs')),
  'README.md',
  'CONTRIBUTING.md',
].filter((f) => f !== ME);

/** `## 4.` / `### 4.1` headings of a doc, and its `**R7.**` rules. */
function anchorsOf(doc: string): Set<string> {
  const text = readFileSync(join(ROOT, 'docs', doc), 'utf8');
  const sections = [...text.matchAll(/^#+\s+(\d+(?:\.\d+)?)\.?\s/gm)].map((m) => `§${m[1]}`);
  const rules = [...text.matchAll(/\*\*(R\d+)\./g)].map((m) => m[1]!);
  return new Set([...sections, ...rules]);
}

/**
 * Comments cite files of the repository, so a reader with only the repository can follow every one.
 */
describe('docs: comments cite the repository, never outside documents', () => {
  for (const { what, pattern } of OUTSIDE) {
    it(`no file in src/, test/, docs/, README or CONTRIBUTING cites ${what}`, () => {
      const hits = SOURCES.flatMap((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => (pattern.test(line) ? [`${f}:${i + 1}: ${line.trim().slice(0, 100)}`] : [])),
      );
      assert.deepEqual(hits, [], `${hits.length} lines:\n${hits.join('\n')}`);
    });
  }

  it('every `docs/x.md §N` and `docs/product-rules.md R<n>` cited in the code and the guides exists', () => {
    const anchors = new Map<string, Set<string>>();
    const missing = SOURCES.flatMap((f) =>
      [
        ...readFileSync(join(ROOT, f), 'utf8').matchAll(
          /docs\/([\w-]+\.md)((?:[ ,–(]+(?:and )?(?:§\d+(?:\.\d+)?|R\d+)\b)+)/g,
        ),
      ].flatMap((m) => {
        const doc = m[1]!;
        if (!anchors.has(doc)) anchors.set(doc, anchorsOf(doc));
        const cited = [...m[2]!.matchAll(/§\d+(?:\.\d+)?|R\d+/g)].map((c) => c[0]);
        return cited.filter((c) => !anchors.get(doc)!.has(c)).map((c) => `${f}: docs/${doc} ${c}`);
      }),
    );
    assert.deepEqual(missing, [], `${missing.length} missing:\n${missing.join('\n')}`);
  });
});
