import type { SimContext } from '../context';
import { ASSIGN_LICENSES } from '../auth/roles';
import type { HttpResult } from '../http/result';
import { skuAt, skuIndexById } from '../tenant/catalog-skus';
import { applyLicenseChange, availableSeats, groupSkus, heldSkus } from '../tenant/licenses';
import { usageLocation } from '../tenant/user-fields';
import { isGuid } from '../util/guid';
import { requireAny } from './authorize';
import { WRITE_CHARGE } from './charges';
import { Errors, GraphError } from './errors';
import { contextUrl } from './paging';
import type { AuthorizedRequest, Route } from './request';
import { resolveUser } from './users/get';
import { DEFAULT_USER_PROPERTIES, userJson } from './users/view';

/**
 * POST /users/{id | upn}/assignLicense (docs/graph-behaviour.md §7). Both arrays are required; every check runs
 * before anything changes, so a refused request leaves the user and the seat counts untouched.
 */
interface AssignBody {
  readonly add: readonly { readonly skuId: string; readonly disabledPlans: readonly string[] }[];
  readonly remove: readonly string[];
}

const NULL_GUID =
  "A null value was found with the expected type 'Edm.Guid[Nullable=False]'. The expected type 'Edm.Guid[Nullable=False]' does not allow null values.";

function guid(value: unknown): string {
  if (value === null || value === undefined) throw Errors.badRequest(NULL_GUID);
  if (typeof value !== 'string' || !isGuid(value))
    throw Errors.badRequest(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.Guid'.`);
  return value.toLowerCase();
}

function guidList(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) throw Errors.badRequest(`The parameter '${name}' must be a collection.`);
  return value.map(guid);
}

function parseBody(body: unknown): AssignBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw Errors.badRequest('Empty Payload. JSON content expected.');
  const record = body as Record<string, unknown>;
  const missing = ['addLicenses', 'removeLicenses'].filter((k) => record[k] === undefined);
  if (missing.length > 0) {
    throw Errors.badRequest(
      `One or more parameters of the function import 'assignLicense' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
    );
  }
  const addRaw = record['addLicenses'];
  if (!Array.isArray(addRaw)) throw Errors.badRequest("The parameter 'addLicenses' must be a collection.");
  const add = addRaw.map((item: unknown) => {
    if (typeof item !== 'object' || item === null)
      throw Errors.badRequest("Each item of 'addLicenses' must be an assignedLicense object.");
    const entry = item as Record<string, unknown>;
    const disabled = entry['disabledPlans'];
    return {
      skuId: guid(entry['skuId']),
      disabledPlans: disabled === undefined || disabled === null ? [] : guidList(disabled, 'disabledPlans'),
    };
  });
  return { add, remove: guidList(record['removeLicenses'], 'removeLicenses') };
}

function companySku(skuId: string): number {
  const s = skuIndexById(skuId);
  if (s < 0) throw Errors.badRequest(`License ${skuId} does not correspond to a valid company License.`);
  return s;
}

async function assignLicense(ctx: SimContext, req: AuthorizedRequest, match: readonly string[]): Promise<HttpResult> {
  requireAny(req, ASSIGN_LICENSES);
  const body = parseBody(req.body);
  const late = ctx.faults.lateAssignLicense;
  if (late) {
    // Once: held until it lands; the checks below run then, against the tenant as it is by then.
    ctx.faults.lateAssignLicense = null;
    await ctx.lateWrites.hold(late.landAfterMs);
  }
  const t = ctx.tenant;
  const i = resolveUser(ctx, req, match[1] ?? '');
  const remove = body.remove.map(companySku);
  const add = body.add.map((a) => ({ sku: companySku(a.skuId), disabledPlans: a.disabledPlans }));
  for (const s of remove) {
    if (!((t.directSkus[i] ?? 0) & (1 << s))) {
      if (groupSkus(t, i) & (1 << s)) {
        throw Errors.badRequest(
          'User license is inherited from a group membership and it cannot be removed directly from the user.',
        );
      }
      throw Errors.badRequest('User does not have a corresponding license.');
    }
  }
  if (add.length > 0 && usageLocation(t, i) === null) {
    throw Errors.badRequest('License assignment cannot be done for user with invalid usage location.');
  }
  for (const { sku, disabledPlans } of add) {
    const plans = skuAt(sku).plans.map((p) => p.id);
    const unknown = disabledPlans.find((p) => !plans.includes(p));
    if (unknown) throw Errors.badRequest(`Service plan ${unknown} is not part of license ${skuAt(sku).skuId}.`);
    const alreadyHeld = (heldSkus(t, i) & (1 << sku)) !== 0;
    if (!alreadyHeld && availableSeats(t, sku) <= 0) {
      throw Errors.badRequest(`Subscription ${skuAt(sku).skuId} does not have any available licenses.`);
    }
  }
  applyLicenseChange(t, i, { add, remove }, ctx.clock.now());
  if (late?.answer === 'serviceUnavailable')
    throw new GraphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.');
  const props = [...DEFAULT_USER_PROPERTIES, 'accountEnabled', 'usageLocation', 'assignedLicenses'];
  return {
    status: 200,
    json: { '@odata.context': contextUrl(req, 'users/$entity'), ...userJson(ctx, i, props, req.version) },
    ...(late ? { truncate: true } : {}),
  };
}

export const assignLicenseRoutes: readonly Route[] = [
  { method: 'POST', pattern: /^\/users\/([^/]+)\/assignLicense$/i, charge: () => WRITE_CHARGE, handle: assignLicense },
];
