import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { VARIABLES } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { tempDir } from '../helpers/temp-dir';
import { messageActivity } from '../helpers/activities';

const MARK = 'SECRET-MARKER-7f3a91';

describe('secrets in logs', () => {
  it('scrubs a configured secret wherever it appears in a log line', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: 'trace', secrets: [`${MARK}-a`, `${MARK}"b`], destination });
    log.error(
      { err: new Error(`token request failed for ${MARK}-a`), url: `https://x/?secret=${MARK}-a` },
      `msg ${MARK}-a`,
    );
    log.info({ nested: { deep: [`${MARK}"b`] } }, 'quoted');
    log.info({ config: { clientSecret: 'some-other-value', password: 'pw-value' } }, 'known keys');
    const all = lines.join('');
    assert.doesNotMatch(all, new RegExp(MARK));
    assert.doesNotMatch(all, /some-other-value|pw-value/);
    assert.match(all, /\[REDACTED\]/);
  });

  it("never writes a secret variable's value to the output of the running app", async function () {
    this.timeout(60_000);
    const secretVars = VARIABLES.filter((v) => v.secret).map((v) => v.name);
    assert.deepEqual(secretVars.sort(), [
      'BOT_PASSWORD',
      'DATABASE_URL',
      'GRAPH_CLIENT_CERTIFICATE_PASSWORD',
      'GRAPH_CLIENT_SECRET',
    ]);
    const dir = tempDir();
    const root = resolve(__dirname, '..', '..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        LOG_LEVEL: 'trace',
        GRAPH_TENANT_ID: '8f0b3a3e-6c2c-4c0e-9a0e-7f3f6b1c2d4e',
        GRAPH_CLIENT_ID: '5a6b7c8d-1111-2222-3333-444455556666',
        GRAPH_CLIENT_SECRET: `${MARK}-graph`,
        BOT_ID: '0c2f8a4e-93e4-4c44-8a8f-3e1b1f6f1a11',
        BOT_PASSWORD: `${MARK}-bot`,
        // SQLite URLs carry no password; the file name proves the URL itself is not logged verbatim either.
        DATABASE_URL: `sqlite:${dir.path}/${MARK}.sqlite`,
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const endpoint = await new Promise<string>((resolveEndpoint, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner:\n${output}`)), 30_000);
        child.stdout.on('data', () => {
          const m = /Bot endpoint : (\S+)/.exec(output);
          if (m) {
            clearTimeout(timer);
            resolveEndpoint(m[1]!);
          }
        });
      });
      const base = endpoint.replace('/api/messages', '');
      await fetch(`${base}/healthz`);
      await fetch(`${base}/readyz`);
      const post = (headers: Record<string, string>) =>
        fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(messageActivity('help', 'http://127.0.0.1:9/')),
        });
      assert.equal((await post({})).status, 401);
      assert.equal((await post({ authorization: `Bearer ${MARK}-bot` })).status, 401);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      dir.cleanup();
    }
    assert.match(output, /TENANT MODE/);
    for (const name of secretVars)
      assert.doesNotMatch(output, new RegExp(`${MARK}-${name === 'BOT_PASSWORD' ? 'bot' : 'graph'}`), name);
    assert.doesNotMatch(output, new RegExp(MARK), 'no secret marker anywhere in stdout or stderr');
  });
});
