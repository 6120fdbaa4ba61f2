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

/** Every request the bot made, failed ones included, in order, with when it arrived (ms). */
export interface Attempt {
  method: string;
  conversationId: string;
  status: number;
  at: number;
}

/** A 1:1 conversation the bot asked the connector to open (`POST /v3/conversations`). */
export interface CreatedConversation {
  id: string;
  parameters: {
    isGroup?: boolean;
    members?: { id: string }[];
    tenantId?: string;
    channelData?: { tenant?: { id?: string } };
    bot?: { id?: string };
  };
}

/**
 * A stand-in for the Bot Framework connector at an activity's `serviceUrl`: records every activity
 * the bot sends (`POST /v3/conversations/{id}/activities[/{replyToId}]`), every update
 * (`PUT /v3/conversations/{id}/activities/{activityId}`) and every conversation it opens
 * (`POST /v3/conversations`, a 1:1 with the member named: `a:created-<member id>`), and answers as
 * the service does. Failures (403, 412, 429, 5xx) can be programmed per conversation (and for
 * opening them), and a conversation's next send can be held open to simulate a crash in the middle
 * of a delivery.
 */
export class FakeConnector {
  readonly sent: CapturedActivity[] = [];
  readonly updates: (CapturedActivity & { activityId: string })[] = [];
  readonly attempts: Attempt[] = [];
  readonly created: CreatedConversation[] = [];
  private readonly createFailures: CannedFailure[] = [];
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

  /** The next conversations the bot opens get these answers, one each, then success again. */
  failNextCreate(...failures: CannedFailure[]): void {
    this.createFailures.push(...failures);
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
    return this.sent
      .filter((s) => s.conversationId === conversationId && s.activity.type === 'message')
      .map((s) => s.activity);
  }

  reset(): void {
    this.sent.splice(0);
    this.updates.splice(0);
    this.attempts.splice(0);
    this.created.splice(0);
    this.createFailures.splice(0);
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
    if (req.method === 'POST' && /^\/v3\/conversations\/?(\?.*)?$/.test(req.url ?? ''))
      return this.create(body as CreatedConversation['parameters'], res);
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
    this.attempts.push({ method: req.method, conversationId, status: failure?.status ?? 200, at: Date.now() });
    if (failure) return fail(res, failure);
    const auth = req.headers.authorization ? { authorization: req.headers.authorization } : {};
    let id: string;
    if (req.method === 'PUT') {
      id = pathId!;
      this.updates.push({ conversationId, activityId: id, activity, ...auth });
    } else {
      id = `sent-${++this.counter}`;
      this.sent.push({
        conversationId,
        ...(pathId ? { replyToId: pathId } : {}),
        activity: { ...activity, id },
        ...auth,
      });
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id }));
  }

  /** Opens a 1:1 conversation as Teams does for `members: [{ id }]` with the tenant, or answers the next canned failure. */
  private create(parameters: CreatedConversation['parameters'], res: ServerResponse): void {
    const failure = this.createFailures.shift();
    const member = parameters.members?.[0]?.id ?? 'nobody';
    const id = `a:created-${member}`;
    this.attempts.push({ method: 'CREATE', conversationId: id, status: failure?.status ?? 201, at: Date.now() });
    if (failure) return fail(res, failure);
    this.created.push({ id, parameters });
    res.statusCode = 201;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id }));
  }
}

function fail(res: ServerResponse, failure: CannedFailure): void {
  res.statusCode = failure.status;
  for (const [name, value] of Object.entries(failure.headers ?? {})) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(failure.body ?? { error: { code: `Http${failure.status}`, message: 'Canned failure' } }));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}
