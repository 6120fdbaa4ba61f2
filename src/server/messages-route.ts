import { randomUUID } from 'node:crypto';
import type * as restify from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { StewardAdapter } from '../bot/adapter';
import type { Logger } from '../logging/logger';
import { setTurnLogger } from '../bot/turn-logger';
import { setPublicBaseUrl } from '../bot/turn-info';
import { runAnswering } from '../bot/answer-gate';
import { refuse } from './errors';
import { MAX_BODY_BYTES, readJsonBody } from './json-body';

export interface MessagesRouteOptions {
  adapter: StewardAdapter;
  app: Application<TurnState>;
  log: Logger;
}

/**
 * `POST /api/messages`: Bot Framework activities. Checked from the cheapest to the dearest, each
 * refusal before the next cost is paid: the bearer token's form (401, before the body is read),
 * the body (413 over MAX_BODY_BYTES, 415 not JSON, 400 malformed), then the token's signature
 * against Bot Framework's published keys (401 refused, 503 keys unavailable), and only then the turn.
 */
export function registerMessagesRoute(server: restify.Server, options: MessagesRouteOptions): void {
  const { adapter, app, log } = options;
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const authorization = req.headers.authorization;
    const screening = adapter.screen(authorization, new Date());
    if (!screening.ok) {
      log.warn({ reason: screening.reason }, 'activity refused: not authenticated');
      return refuse(res, 401, 'unauthorized', { unreadBody: req });
    }
    const read = await readJsonBody(req, MAX_BODY_BYTES);
    if (!read.ok) {
      log.warn(
        { status: read.status, reason: read.error, contentLength: req.headers['content-length'] },
        'activity refused: body not accepted',
      );
      return refuse(res, read.status, read.error, read.status === 400 ? {} : { unreadBody: req });
    }
    const { body } = read;
    const requestId = typeof body.id === 'string' && body.id ? body.id : randomUUID();
    const turnLog = log.child({ requestId, activityType: typeof body.type === 'string' ? body.type : undefined });
    if (typeof body.type !== 'string' || !body.type) return refuse(res, 400, 'not an activity: type missing');
    turnLog.debug('activity received');
    const activity = validateAndFixActivity(body as Partial<Activity> as Activity);

    const authentication = await adapter.authenticate(activity, authorization ?? '');
    if (!authentication.ok) {
      if (authentication.status === 503) {
        turnLog.error(
          { err: authentication.error },
          'activity refused: Bot Framework signing keys could not be fetched',
        );
        return refuse(res, 503, 'authentication unavailable');
      }
      turnLog.warn({ reason: authentication.reason }, 'activity refused: token not valid');
      return refuse(res, 401, 'unauthorized');
    }
    // Background work the turn starts waits for its answer to be written (src/bot/answer-gate.ts).
    let answered!: () => void;
    const written = new Promise<void>((resolve) => (answered = resolve));
    res.once('finish', answered);
    res.once('close', answered);
    try {
      const invoke = await runAnswering(written, () =>
        adapter.runTurn(authentication.result, activity, async (context: TurnContext) => {
          setTurnLogger(context, turnLog);
          setPublicBaseUrl(context, publicBaseUrlOf(req));
          await app.run(context);
        }),
      );
      // As CloudAdapter.process answers: the invoke response's status and body, else 200.
      res.status(invoke?.status ?? 200);
      if (invoke?.body) res.send(invoke.body);
      res.end();
    } catch (error) {
      turnLog.error({ err: error }, 'turn failed outside the bot');
      return refuse(res, 500);
    }
    turnLog.debug({ status: res.statusCode }, 'activity handled');
  });
}

/**
 * Where people reach this server: a reverse proxy (App Service, a dev tunnel) names the original
 * scheme and host in X-Forwarded-*; otherwise the request's own Host header.
 */
export function publicBaseUrlOf(req: restify.Request): string {
  const first = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  const proto = first(req.headers['x-forwarded-proto']) ?? (req.isSecure() ? 'https' : 'http');
  const host = first(req.headers['x-forwarded-host']) ?? req.headers.host ?? 'localhost';
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}
