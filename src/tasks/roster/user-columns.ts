import { TenantUser, updateChanged } from '../../store';
import type { TaskContext } from '../task';
import { detached } from '../detached';
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

const COLUMNS = [
  'activations',
  'mailUsageMb',
  'oneDriveUsageMb',
  'mailboxType',
  'usesWindows',
  'usesMac',
  'usesMobile',
  'usesWeb',
  'mfaRegistered',
] as const satisfies readonly (keyof UserUpdate)[];

/** A user's values, every column present (undefined: not set by any report read): one object shape for all users. */
type UserValues = { id: string } & { [K in (typeof COLUMNS)[number]]: TenantUser[K] | undefined };

const blank = (id: string): UserValues => ({
  id,
  activations: undefined,
  mailUsageMb: undefined,
  oneDriveUsageMb: undefined,
  mailboxType: undefined,
  usesWindows: undefined,
  usesMac: undefined,
  usesMobile: undefined,
  usesWeb: undefined,
  mfaRegistered: undefined,
});

/**
 * The user columns the roster's four reports and MFA registration set, gathered per user and written
 * in one pass at the end: each user row is rewritten once rather than once per report (a full sync
 * of 100,000 users rewrote 330,000 user rows for them), and only where a value changed. A user's
 * values are a small object of one shape; the reports' rows themselves are not kept, nor the report
 * text a value was cut from (text values are few and kept once each, copied).
 */
export class UserColumns {
  private readonly byUser = new Map<string, UserValues>();
  private readonly texts = new Map<string, string>();

  set(id: string, update: UserUpdate): void {
    let values = this.byUser.get(id);
    if (!values) this.byUser.set(id, (values = blank(id)));
    for (const column of COLUMNS) {
      const value = update[column];
      if (value === undefined) continue;
      (values as Record<string, unknown>)[column] = typeof value === 'string' ? this.text(value) : value;
    }
  }

  /** Writes the users whose values differ from the stored ones. */
  async write(ctx: TaskContext): Promise<void> {
    await withWriteBehind(ctx, async (writer) => {
      let batch: UserValues[] = [];
      const push = async () => {
        const rows = batch;
        batch = [];
        const columns = COLUMNS.filter((c) => rows.some((r) => r[c] !== undefined));
        if (columns.length)
          await writer.push(async (manager) => (await updateChanged(manager, TenantUser, rows, columns)).length);
      };
      for (const values of this.byUser.values()) {
        batch.push(values);
        if (batch.length >= WRITE_BATCH) await push();
      }
      await push();
    });
    this.byUser.clear();
    this.texts.clear();
  }

  /** A copy of the text, one per distinct value: a value cut from a report's text would keep all of that text alive. */
  private text(value: string): string {
    let kept = this.texts.get(value);
    if (kept === undefined) this.texts.set((kept = detached(value)), kept);
    return kept;
  }
}
