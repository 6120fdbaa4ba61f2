import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { EXIT, defineCommand, type ExitCode } from '../../../src/cli/core/command';
import { OutputClosed } from '../../../src/cli/core/io';
import { runCommand } from '../../../src/cli/core/run';
import { ConfigError, loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logging/logger';
import { openTestStore } from '../../insights/fixtures';
import { tempDir } from '../../helpers/temp-dir';
import { capture, spawnCli } from '../helpers';

/** A command whose run does what `--then` says, to see how the runner maps each outcome. */
const probe = defineCommand({
  name: 'probe',
  synopsis: '--then ok|partial|throw|config|closed',
  help: 'Ends as told.',
  options: { then: { type: 'string' } },
  schema: z.object({ then: z.enum(['ok', 'partial', 'throw', 'config', 'closed']) }).strict(),
  async run({ then }, { io }): Promise<ExitCode> {
    io.out('working\n');
    if (then === 'throw') throw new Error('the database went away');
    if (then === 'config') throw new ConfigError('DATABASE_URL', 'must be sqlite:<file> or postgres://…');
    if (then === 'closed') throw new OutputClosed();
    return then === 'ok' ? EXIT.ok : EXIT.partial;
  },
});

describe('cli: the runner maps outcomes to exit codes', function () {
  this.timeout(30_000);
  let store: DataSource;
  let closeStore: () => Promise<void>;
  before(async () => ({ store, close: closeStore } = await openTestStore()));
  after(() => closeStore());

  async function run(argv: string[]) {
    const io = capture();
    let opened = 0;
    let closed = 0;
    const code = await runCommand(probe, argv, io, async (contextIo) => {
      opened++;
      const log = createLogger({ level: 'silent', secrets: [] });
      return {
        config: loadConfig({}),
        store,
        log,
        io: contextIo,
        now: () => new Date(),
        close: async () => {
          closed++;
        },
      };
    });
    return { code, ...io, opened, closed };
  }

  it('--help prints the usage and the help on stdout and exits 0, opening nothing', async () => {
    const help = await run(['--help']);
    assert.deepEqual(
      [help.code, help.stdout, help.stderr, help.opened],
      [0, 'usage: npm run probe -- --then ok|partial|throw|config|closed\n\nEnds as told.\n', '', 0],
    );
  });

  it('a usage error prints the reason and the usage line on stderr and exits 2, opening nothing', async () => {
    const refused = await run(['--then', 'maybe']);
    assert.equal(refused.code, 2);
    assert.equal(refused.stdout, '');
    assert.match(
      refused.stderr,
      /^then: Invalid enum value.*\nusage: npm run probe -- --then ok\|partial\|throw\|config\|closed\n$/,
    );
    assert.equal(refused.opened, 0);
  });

  it('0 ok, 1 partial, 2 failure or bad configuration, 0 when the reader closed stdout; the context is closed every time', async () => {
    const outcomes = [];
    for (const then of ['ok', 'partial', 'throw', 'config', 'closed']) {
      const r = await run(['--then', then]);
      outcomes.push([then, r.code, r.stderr, r.opened, r.closed]);
    }
    assert.deepEqual(outcomes, [
      ['ok', 0, '', 1, 1],
      ['partial', 1, '', 1, 1],
      ['throw', 2, 'probe failed: the database went away\n', 1, 1],
      ['config', 2, 'License Steward: configuration error: DATABASE_URL must be sqlite:<file> or postgres://…\n', 1, 1],
      ['closed', 0, '', 1, 1],
    ]);
  });

  it('as processes: a store that cannot be opened exits 2 with one line, and so does a bad setting', async () => {
    const dir = tempDir();
    try {
      // A file where the database's directory should be: the store cannot be created.
      const blocked = join(dir.path, 'steward.sqlite');
      writeFileSync(blocked, '');
      const failed = await spawnCli('admins', [], { DATABASE_URL: `sqlite:${join(blocked, 'x.sqlite')}` });
      assert.equal(failed.code, 2, failed.stderr);
      assert.match(failed.stderr, /^admins failed: .*\n$/);
      const misconfigured = await spawnCli('report', ['spend'], { DATABASE_URL: 'mysql://db/steward' });
      assert.equal(misconfigured.code, 2);
      assert.match(misconfigured.stderr, /^License Steward: configuration error: DATABASE_URL /);
    } finally {
      dir.cleanup();
    }
  });
});
