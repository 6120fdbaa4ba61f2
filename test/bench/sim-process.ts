import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Agent, request } from 'undici';
import type { GraphConfig } from '../../src/config';
import { procCpuMs } from './proc-cpu';

const ROOT = resolve(__dirname, '..', '..');
const COMPILED = __filename.endsWith('.js');

/** One call the simulator logged (src/simulator/http/call-log.ts). */
export interface SimCall {
  origin: 'login' | 'graph' | 'download';
  method: string;
  path: string;
  query: string;
  status: number;
  batchRequestId?: string;
  requestId?: string;
}

/**
 * The tenant simulator in a child process, so that the peak RSS and CPU a bench prints are the
 * product's alone, with its `/_sim` control over HTTPS.
 */
export class SimProcess {
  private readonly dispatcher: Agent;

  private constructor(
    readonly child: ChildProcess,
    readonly config: GraphConfig,
  ) {
    this.dispatcher = new Agent({ connect: { ca: config.ca } });
  }

  static async start(args: string[]): Promise<SimProcess> {
    const child = spawn(
      process.execPath,
      // Compiled beside the bench (test/bench/compiled.ts), or through tsx.
      [
        ...(COMPILED ? [] : ['--import', 'tsx']),
        join(ROOT, 'src', 'simulator', COMPILED ? 'cli.js' : 'cli.ts'),
        '--port',
        '0',
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const env = await new Promise<Record<string, string>>((resolveEnv, reject) => {
      child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const pairs = Object.fromEntries(
          [...out.matchAll(/^(GRAPH_[A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]),
        );
        if (pairs['GRAPH_CA_FILE']) resolveEnv(pairs);
      });
    });
    return new SimProcess(child, {
      tenantId: env['GRAPH_TENANT_ID']!,
      clientId: env['GRAPH_CLIENT_ID']!,
      credential: { kind: 'secret', clientSecret: env['GRAPH_CLIENT_SECRET']! },
      baseUrl: env['GRAPH_BASE_URL']!,
      authorityHost: env['GRAPH_AUTHORITY_HOST']!,
      ca: readFileSync(env['GRAPH_CA_FILE']!, 'utf8'),
    });
  }

  /** A `/_sim` control call: its JSON answer. */
  async control<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const res = await request(`${this.config.baseUrl}/_sim/${path}`, {
      method,
      dispatcher: this.dispatcher,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`/_sim/${path} answered ${res.statusCode}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The simulator's CPU time so far (all its threads) in ms; null where /proc cannot tell (not Linux). */
  cpuMs(): number | null {
    return this.child.pid === undefined ? null : procCpuMs(`/proc/${this.child.pid}/stat`);
  }

  /** The calls logged since the last `takeCalls`, which clears the log. */
  async takeCalls(): Promise<SimCall[]> {
    const calls = (await this.control<{ value: SimCall[] }>('GET', 'calls')).value;
    await this.control('DELETE', 'calls');
    return calls;
  }

  async stop(): Promise<void> {
    await this.dispatcher.close();
    this.child.kill('SIGINT');
  }
}
