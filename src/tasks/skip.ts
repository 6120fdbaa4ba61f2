import { GraphError } from '../graph';
import type { TaskContext } from './task';

/**
 * Runs an optional part of a task. A missing permission or a tenant without Entra ID P1 never fails
 * the task (docs/product-rules.md R7, R8): the part is skipped, named, and the run ends partial. Other errors propagate.
 */
export async function optionalPart(
  ctx: TaskContext,
  part: string,
  permission: string,
  work: () => Promise<void>,
): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (error instanceof GraphError && error.status === 403) {
      ctx.skip({
        part,
        reason: error.isNonPremiumTenant
          ? 'The tenant has no Microsoft Entra ID P1/P2 licence, which this data needs.'
          : `Permission ${error.permission ?? permission} is not granted.`,
        ...(error.isNonPremiumTenant ? {} : { permission: error.permission ?? permission }),
      });
      return false;
    }
    throw error;
  }
}

/** Skips a part up front when the token shows none of its permissions. */
export function skipWithout(ctx: TaskContext, part: string, permissions: readonly string[]): boolean {
  if (permissions.some((p) => ctx.roles.has(p))) return false;
  ctx.skip({ part, reason: `Permission ${permissions[0]} is not granted.`, permission: permissions[0]! });
  return true;
}

/**
 * How a failed Graph call is named in a skipped part: `HTTP 503 serviceNotAvailable`, or, for an
 * answer of the wrong shape (no status tells it), the error's message, which names the endpoint.
 */
export function failureOf(error: GraphError): string {
  return error.status ? `HTTP ${error.status} ${error.code}` : error.message;
}

/**
 * A read that still failed after its retries, and was not refused: the part is named with what was
 * not read, and the run ends partial. A failed read never means "gone": the caller keeps what the
 * store held (`kept` says what).
 */
export function skipUnread(ctx: TaskContext, part: string, notRead: string, kept: string): void {
  ctx.skip({ part, reason: `Not read from Graph, after retries: ${notRead}. ${kept}` });
}
