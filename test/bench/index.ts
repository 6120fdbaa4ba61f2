import { runCompiled } from './compiled';
import { benchInsights } from './insights';
import { benchSimulator } from './simulator';
import { benchSync } from './sync';

/**
 * `npm run bench -- <target> [--flags]`: runs one benchmark and prints its figures. Targets are a
 * small map so other parts of the product can add theirs.
 */
type Bench = (args: readonly string[]) => Promise<void>;

const BENCHES: Readonly<Record<string, Bench>> = {
  simulator: benchSimulator,
  insights: benchInsights,
  sync: benchSync,
};

async function main(): Promise<void> {
  // Started through tsx (`npm run bench`): the figures are taken from the compiled product.
  if (__filename.endsWith('.ts')) runCompiled(process.argv.slice(2));
  const [target, ...args] = process.argv.slice(2);
  const bench = target ? BENCHES[target] : undefined;
  if (!bench) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [options]\n`);
    process.exit(2);
  }
  await bench(args);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
