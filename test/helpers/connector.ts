import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  conversationId: string;
  replyToId?: string;
  activity: {
    type: string;
    id?: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    [key: string]: unknown;
  };
  authorization?: string;
}

/** What the fake answers for one request instead of success, e.g. `{ status: 429, headers: { 'retry-after': '0' } }`. */
export interface CannedFailure {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Every request the bot made, failed ones included, in order. */
export interface Attempt {
  method: string;
  conversationId: string;
  status: number;
}

/**
 * A stand-in for the Bot Framework connector at an activity's `serviceUrl`: records every activity
 * the bot sends (`POST /v3/conversations/{id}/activities[/{replyToId}]`) and every update
 * (`PUT /v3/conversations/{id}/activities/{activityId}`), and answers as the service does, with the
 * activity's id. Failures (403, 412, 429, 5xx) can be programmed per conversation, and a
 * conversation's next send can be held open to simulate a crash in the middle of a delivery.
 */
export class FakeConnector {
  readonly sent: CapturedActivity[] = [];
  readonly updates: (CapturedActivity & { activityId: string })[] = [];
  readonly attempts: Attempt[] = [];
  private readonly failures = new Map<string, CannedFailure[]>();
  private readonly holds = new Map<string, { arrived: () => void; release: Promise<void> }>();
  private server?: Server;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  /** The next sends (POST or PUT) to this conversation get these answers, one each, then success again. */
  failNext(conversationId: string, ...failures: CannedFailure[]): void {
    this.failures.set(conversationId, [...(this.failures.get(conversationId) ?? []), ...failures]);
  }

  /**
   * Holds the next send to this conversation open until `release` is called: `arrived` resolves
   * when it came in. The send is recorded only once released (and then succeeds).
   */
  hold(conversationId: string): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    let release!: () => void;
    const arrivedP = new Promise<void>((r) => (arrived = r));
    const releaseP = new Promise<void>((r) => (release = r));
    this.holds.set(conversationId, { arrived, release: releaseP });
    return { arrived: arrivedP, release };
  }

  /** Messages only (typing indicators left out). */
  messages(): CapturedActivity['activity'][] {
    return this.sent.filter((s) => s.activity.type === 'message').map((s) => s.activity);
  }

  /** Messages posted to one conversation. */
  messagesTo(conversationId: string): CapturedActivity['activity'][] {
    return this.sent.filter((s) => s.conversationId === conversationId && s.activity.type === 'message').map((s) => s.activity);
  }

  reset(): void {
    this.sent.splice(0);
    this.updates.splice(0);
    this.attempts.splice(0);
    this.failures.clear();
    this.holds.clear();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    // Separate calls throughout: restify (loaded in the same process by the app) patches
    // ServerResponse so that writeHead() no longer returns the response.
    if (!match || (req.method !== 'POST' && req.method !== 'PUT') || (req.method === 'PUT' && !match[2])) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const conversationId = decodeURIComponent(match[1]!);
    const pathId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const activity = body as CapturedActivity['activity'];
    const hold = activity.type === 'message' ? this.holds.get(conversationId) : undefined;
    if (hold) {
      this.holds.delete(conversationId);
      hold.arrived();
      await hold.release;
    }
    const failure = activity.type === 'message' ? this.failures.get(conversationId)?.shift() : undefined;
    this.attempts.push({ method: req.method, conversationId, status: failure?.status ?? 200 });
    if (failure) {
      res.statusCode = failure.status;
      for (const [name, value] of Object.entries(failure.headers ?? {})) res.setHeader(name, value);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(failure.body ?? { error: { code: `Http${failure.status}`, message: 'Canned failure' } }));
      return;
    }
    const auth = req.headers.authorization ? { authorization: req.headers.authorization } : {};
    let id: string;
    if (req.method === 'PUT') {
      id = pathId!;
      this.updates.push({ conversationId, activityId: id, activity, ...auth });
    } else {
      id = `sent-${++this.counter}`;
      this.sent.push({ conversationId, ...(pathId ? { replyToId: pathId } : {}), activity: { ...activity, id }, ...auth });
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id }));
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}
