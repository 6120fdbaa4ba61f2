import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, '.bench');

/**
 * The node flags the product runs with in production: those of `npm run start:prod`, the command
 * App Service runs (infra/azure.bicep), read from package.json so the bench never drifts from it.
 */
function productNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = (pkg.scripts['start:prod'] ?? '').split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((w) => w.startsWith('--'));
}

/**
 * Runs the bench as the product runs: compiled by tsc (into .bench/, incrementally) and started
 * with the product's node flags, rather than through tsx, whose loader and on-the-fly transforms
 * alone hold some 60 MB that a deployed product does not (a process that loads the sync's modules:
 * 152 MB under tsx, 86 MB compiled). Exits with the compiled bench's status.
 */
export function runCompiled(args: readonly string[]): never {
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'test', 'bench', 'tsconfig.json')],
    { stdio: 'inherit' },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // What the product reads beside its code (card templates, the product-names CSV, …).
  cpSync(join(ROOT, 'src'), join(OUT, 'src'), { recursive: true, filter: (from) => !from.endsWith('.ts') });
  const entry = join(OUT, relative(ROOT, __dirname), 'index.js');
  const bench = spawnSync(process.execPath, [...productNodeFlags(), entry, ...args], { stdio: 'inherit' });
  process.exit(bench.status ?? 1);
}
