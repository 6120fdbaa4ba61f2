import type { ReclamationRequest } from '../store';

/** What someone may do with a request, decided on the server for each person. */
export interface RequestPermissions {
  decide: boolean;
  undo: boolean;
  retry: boolean;
}

export const NOTHING_PERMITTED: Readonly<RequestPermissions> = Object.freeze({
  decide: false,
  undo: false,
  retry: false,
});
export const APPROVER_PERMISSIONS: Readonly<RequestPermissions> = Object.freeze({
  decide: true,
  undo: true,
  retry: true,
});

/**
 * The approver decides, and may undo or retry; an admin may undo or retry a request once it ran
 * (reclaimed or failed); anyone else only looks. `isAdmin` is asked only when it matters.
 */
export async function permissionsOf(
  request: ReclamationRequest,
  caller: string | undefined,
  isAdmin: (caller: string) => Promise<boolean>,
): Promise<RequestPermissions> {
  if (!caller) return NOTHING_PERMITTED;
  if (caller === request.approverId.toLowerCase()) return APPROVER_PERMISSIONS;
  if (['reclaimed', 'failed'].includes(request.state) && (await isAdmin(caller)))
    return { decide: false, undo: true, retry: true };
  return NOTHING_PERMITTED;
}
