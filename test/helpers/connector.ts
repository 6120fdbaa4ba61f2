import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  conversationId: string;
  replyToId?: string;
  activity: {
    type: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    [key: string]: unknown;
  };
  authorization?: string;
}

/**
 * A stand-in for the Bot Framework connector at an activity's `serviceUrl`: records every activity
 * the bot sends (`POST /v3/conversations/{id}/activities[/{replyToId}]`) and answers as the
 * service does, with the new activity's id.
 */
export class FakeConnector {
  readonly sent: CapturedActivity[] = [];
  private server?: Server;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readJson(req).then((body) => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        // Separate calls: restify (loaded in the same process by the app) patches ServerResponse
        // so that writeHead() no longer returns the response.
        if (req.method !== 'POST' || !match) {
          res.statusCode = 404;
          res.end();
          return;
        }
        this.sent.push({
          conversationId: decodeURIComponent(match[1]!),
          ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
          activity: body as CapturedActivity['activity'],
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        });
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `sent-${++this.counter}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  /** Messages only (typing indicators left out). */
  messages(): CapturedActivity['activity'][] {
    return this.sent.filter((s) => s.activity.type === 'message').map((s) => s.activity);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}
