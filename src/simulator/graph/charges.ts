import { option, type ApiRequest, type Charge } from './request';

/**
 * Resource-unit cost of a directory read (docs/graph-behaviour.md §9.1): base cost per resource (users 2,
 * subscribedSkus 3, others 1), $select −1, $expand +1, $top under 20 −1, never below 1.
 */
export function directoryReadCharge(req: ApiRequest, base: number): Charge {
  const select = option(req, '$select') !== undefined ? 1 : 0;
  const expand = option(req, '$expand') !== undefined ? 1 : 0;
  const top = option(req, '$top');
  const small = top !== undefined && Number(top) < 20 ? 1 : 0;
  return { bucket: 'directoryRead', units: Math.max(1, base - select + expand - small) };
}

/** POST/PATCH/PUT/DELETE cost one write (docs/graph-behaviour.md §9.1: assignLicense = 1 write). */
export const WRITE_CHARGE: Charge = { bucket: 'write', units: 1 };
