import { TenantUser, updateChanged } from '../../store';
import type { TaskContext } from '../task';
import { withWriteBehind } from '../write-behind';

/** What the usage reports and MFA registration set on a user. */
export type UserUpdate = Partial<
  Pick<
    TenantUser,
    | 'activations'
    | 'mailUsageMb'
    | 'oneDriveUsageMb'
    | 'mailboxType'
    | 'usesWindows'
    | 'usesMac'
    | 'usesMobile'
    | 'usesWeb'
    | 'mfaRegistered'
  >
>;

/** Users written per transaction. */
const WRITE_BATCH = 5000;

/**
 * The user columns the roster's four reports and MFA registration set, gathered per user and written
 * in one pass at the end: each user row is rewritten once rather than once per report (a full sync
 * of 100,000 users rewrote 330,000 user rows for them), and only where a value changed. A user's
 * values are a small object; the reports' rows themselves are not kept.
 */
export class UserColumns {
  private readonly byUser = new Map<string, UserUpdate>();

  set(id: string, update: UserUpdate): void {
    const current = this.byUser.get(id);
    if (current) Object.assign(current, update);
    else this.byUser.set(id, { ...update });
  }

  /** Writes the users whose values differ from the stored ones. */
  async write(ctx: TaskContext): Promise<void> {
    const rows = [...this.byUser].map(([id, update]) => ({ id, ...update }));
    this.byUser.clear();
    await withWriteBehind(ctx, async (writer) => {
      for (let i = 0; i < rows.length; i += WRITE_BATCH) {
        const batch = rows.slice(i, i + WRITE_BATCH);
        const columns = [...new Set(batch.flatMap((r) => Object.keys(r)))].filter(
          (k) => k !== 'id',
        ) as (keyof TenantUser & string)[];
        await writer.push(async (manager) => (await updateChanged(manager, TenantUser, batch, columns)).length);
      }
    });
  }
}
