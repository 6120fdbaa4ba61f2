import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { OutputClosed, processIo } from '../../../src/cli/core/io';
import { openTestStore, recordRuns, saveUsers, seedCatalog, silent, user } from '../../insights/fixtures';
import { ROOT } from '../helpers';

/**
 * Runs `src/cli/<name>.ts` with stdout read up to its first line and then closed, as `| head -1`
 * does: the next write fails with EPIPE.
 */
async function firstLineOnly(name: string, argv: readonly string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${name}.ts`, ...argv], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.includes('\n')) child.stdout.destroy();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, firstLine: stdout.slice(0, stdout.indexOf('\n')), stderr };
}

describe('cli: output to a reader that stops early (| head -1)', function () {
  this.timeout(60_000);

  it('report stops writing at the first EPIPE and exits 0 with nothing on stderr, as a table or as CSV', async () => {
    const { store, url, close } = await openTestStore();
    try {
      await seedCatalog(store);
      // Far more than a pipe holds (64 KiB), so the report is still writing when the reader leaves.
      await saveUsers(
        store,
        Array.from({ length: 1000 }, () => user({ ...silent })),
      );
      await recordRuns(store);
      for (const argv of [['never', '--format', 'csv'], ['never']]) {
        const ended = await firstLineOnly('report', argv, { DATABASE_URL: url });
        assert.deepEqual([ended.code, ended.stderr], [0, ''], argv.join(' '));
        assert.match(ended.firstLine, /^(User Principal Name,|User +Excluded by)/);
      }
    } finally {
      await close();
    }
  });

  it('once stdout fails with EPIPE, out() stops the command with OutputClosed; another failure is thrown as it is', async () => {
    const stdout = new PassThrough();
    const io = processIo(stdout, new PassThrough());
    io.out('first line\n');
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    assert.equal(io.closed, true);
    assert.throws(() => io.out('second line\n'), OutputClosed);
    const full = new PassThrough();
    const other = processIo(full, new PassThrough());
    full.emit('error', Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    assert.throws(() => other.out('x'), /no space left on device/);
  });
});
