import { z } from 'zod';
import type { HttpResult } from '../http/result';
import { faultUpdateSchema } from '../settings';
import { WORKLOADS } from '../tenant/tenant';
import { SimulatorControl, UnknownUserError } from './control';

/**
 * `/_sim/…` on the Graph origin: the control API over HTTP, without authentication (simulator only).
 * Bodies are validated; a bad one gets 400 with the validation issues.
 */
const activityBody = z
  .object({ at: z.string().datetime().optional(), workloads: z.array(z.enum(WORKLOADS)).optional() })
  .strict();
const clockBody = z
  .object({ advanceDays: z.number().min(0).optional(), advanceMs: z.number().min(0).optional() })
  .strict()
  .refine((b) => b.advanceDays !== undefined || b.advanceMs !== undefined, 'give advanceDays or advanceMs');

const changesBody = z
  .object({ users: z.number().int().min(1).max(1_000_000), seed: z.number().int().min(0).optional() })
  .strict();

const ok = (json: unknown): HttpResult => ({ status: 200, json });
const fail = (status: number, code: string, message: string, details?: unknown): HttpResult => ({
  status,
  json: { error: { code, message, ...(details ? { details } : {}) } },
});

type Handler = (control: SimulatorControl, match: RegExpExecArray, body: unknown) => HttpResult;

const ROUTES: readonly (readonly [string, RegExp, Handler])[] = [
  ['GET', /^\/_sim\/calls$/, (c) => ok({ value: c.calls() })],
  [
    'DELETE',
    /^\/_sim\/calls$/,
    (c) => {
      c.clearCalls();
      return { status: 204 };
    },
  ],
  ['GET', /^\/_sim\/truth\/summary$/, (c) => ok(c.summary())],
  [
    'GET',
    /^\/_sim\/truth\/categories$/,
    (c) => ok({ value: Object.entries(c.summary().categories).map(([name, count]) => ({ name, count })) }),
  ],
  ['GET', /^\/_sim\/truth\/categories\/([\w-]+)$/, (c, m) => ok({ value: c.usersInCategory(m[1] ?? '') })],
  ['GET', /^\/_sim\/truth\/users\/([^/]+)$/, (c, m) => ok(c.userTruth(m[1] ?? ''))],
  ['GET', /^\/_sim\/faults$/, (c) => ok(c.faults())],
  ['POST', /^\/_sim\/faults$/, (c, _m, body) => ok(c.setFaults(faultUpdateSchema.parse(body ?? {})))],
  ['GET', /^\/_sim\/writes\/held$/, (c) => ok({ held: c.heldWrites() })],
  ['POST', /^\/_sim\/writes\/land$/, (c) => ok({ landed: c.landHeldWrites() })],
  [
    'POST',
    /^\/_sim\/users\/([^/]+)\/activity$/,
    (c, m, body) => {
      const b = activityBody.parse(body ?? {});
      c.makeActive(m[1] ?? '', {
        ...(b.at ? { at: new Date(b.at) } : {}),
        ...(b.workloads ? { workloads: b.workloads } : {}),
      });
      return ok(c.userTruth(m[1] ?? ''));
    },
  ],
  [
    'DELETE',
    /^\/_sim\/users\/([^/]+)$/,
    (c, m) => {
      c.deleteUser(m[1] ?? '');
      return { status: 204 };
    },
  ],
  [
    'POST',
    /^\/_sim\/changes$/,
    (c, _m, body) => {
      const b = changesBody.parse(body ?? {});
      return ok(c.changeUsers(b.users, b.seed));
    },
  ],
  ['GET', /^\/_sim\/clock$/, (c) => ok({ now: c.now().toISOString() })],
  [
    'POST',
    /^\/_sim\/clock$/,
    (c, _m, body) => {
      const b = clockBody.parse(body ?? {});
      c.advanceClock((b.advanceMs ?? 0) + (b.advanceDays ?? 0) * 86_400_000);
      return ok({ now: c.now().toISOString() });
    },
  ],
];

export function handleControl(control: SimulatorControl, method: string, path: string, body: unknown): HttpResult {
  const candidates = ROUTES.filter(([, pattern]) => pattern.test(path));
  const route = candidates.find(([m]) => m === method);
  if (!route)
    return candidates.length > 0
      ? fail(405, 'MethodNotAllowed', `${method} is not allowed on ${path}`)
      : fail(404, 'NotFound', `no control route ${path}`);
  const match = route[1].exec(path);
  if (!match) return fail(404, 'NotFound', `no control route ${path}`);
  try {
    return route[2](control, match, body);
  } catch (e) {
    if (e instanceof z.ZodError) return fail(400, 'InvalidBody', 'the request body is not valid', e.issues);
    if (e instanceof UnknownUserError) return fail(404, 'UnknownUser', e.message);
    throw e;
  }
}
