import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { CliCommand } from '../../src/cli/core/command';
import { ROOT, cli } from './helpers';

/** Every file directly in src/cli is one command, exported as `<name in camel case>Command`: the folder is the command surface. */
const COMMANDS = readdirSync(join(ROOT, 'src', 'cli'))
  .filter((f) => f.endsWith('.ts'))
  .map((file) => {
    const name = file.slice(0, -3);
    const exportName = `${name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Command`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- each file found is loaded as the command it must be
    const exported = (require(join(ROOT, 'src', 'cli', file)) as Record<string, CliCommand<z.ZodTypeAny> | undefined>)[
      exportName
    ];
    return { file, name, exportName, command: exported };
  });

describe('cli: one file per command, --help, README and package.json agree', function () {
  this.timeout(30_000);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const commandLine = readme.slice(readme.indexOf('## Command line'), readme.indexOf('## Layout'));
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;

  it('src/cli holds sync, report, policy, costs, admins and export-keys', () => {
    assert.deepEqual(COMMANDS.map((c) => c.name).sort(), [
      'admins',
      'costs',
      'export-keys',
      'policy',
      'report',
      'sync',
    ]);
  });

  for (const { file, name, exportName, command } of COMMANDS) {
    it(`${name}: exported as ${exportName}, run by \`npm run ${name}\`, its usage line in the README, --help prints it and exits 0`, async () => {
      assert.ok(command, `src/cli/${file} exports no ${exportName}`);
      assert.equal(command.name, name);
      // Through tsx, with node flags before it where the command runs a sync (the heap policy, package.json start:prod).
      assert.match(scripts[name] ?? '', new RegExp(`^(tsx|node (--[\\w=-]+ )*--import tsx) src/cli/${file}$`));
      assert.ok(
        commandLine.includes(`\nnpm run ${name} -- ${command.synopsis}`),
        `README "Command line" lacks: npm run ${name} -- ${command.synopsis}`,
      );
      const help = await cli(command, ['--help']);
      assert.deepEqual([help.code, help.stderr], [0, '']);
      assert.ok(help.stdout.startsWith(`usage: npm run ${name} -- ${command.synopsis}\n\n`), help.stdout);
      assert.match(help.stdout, /Exit code/);
    });
  }

  it('npm run report -- --help prints the usage and exits 0; an unknown option prints it to stderr and exits 2', () => {
    const npm = (args: string[]) =>
      spawnSync('npm', ['run', '-s', 'report', '--', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      });
    const help = npm(['--help']);
    assert.deepEqual([help.status, help.stderr], [0, '']);
    assert.match(help.stdout, /^usage: npm run report -- inactive\|never/);
    const unknown = npm(['inactive', '--colour', 'red']);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /^Unknown option '--colour'.*\nusage: npm run report -- inactive\|never/);
  });
});
