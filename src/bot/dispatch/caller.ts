import type { Activity, TurnContext } from 'botbuilder';
import type { Caller } from '../commands/command';
import type { BotServices } from '../services';

export function callerOf(activity: Partial<Activity>): Caller {
  return {
    ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId.toLowerCase() } : {}),
    ...(activity.from?.name ? { name: activity.from.name } : {}),
  };
}

/** A short reference a person can quote to the operator; the log line carries the same one. */
export function referenceOf(context: TurnContext): string {
  const id = context.activity.id ?? '';
  return id ? id.slice(-12) : Math.random().toString(36).slice(2, 10);
}

/** Refusals of admin-only requests go to the audit history (docs/product-rules.md R34: every refusal is recorded). */
export async function auditRefusal(
  services: BotServices,
  caller: Caller,
  action: string,
  subject: string,
  reason: string,
): Promise<void> {
  try {
    await services.audit.refusal({
      at: services.now(),
      actor: caller.aadObjectId ?? 'unknown',
      action,
      subject,
      reason,
    });
  } catch (error) {
    services.log.error({ err: error }, 'could not record a refusal in the audit history');
  }
}
