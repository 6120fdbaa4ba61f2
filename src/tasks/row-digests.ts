import { dropReportDigests, reportDigests, valuesDigest } from '../store';
import type { TaskContext } from './task';

/**
 * The digests of a report's rows in its read before (src/store/report-digests.ts), for a read that
 * goes through the report once: each user's row is told changed or not, and the users left over at
 * the end are those this read no longer has.
 */
export class RowDigests {
  private constructor(
    private readonly report: string,
    private readonly before: Map<string, string>,
  ) {}

  static async load(ctx: TaskContext, report: string): Promise<RowDigests> {
    return new RowDigests(report, await ctx.write((m) => reportDigests(m, report)));
  }

  /** The digest of the user's row when it differs from the read before's (or is new), else null. */
  changed(userId: string, values: readonly (string | undefined)[]): string | null {
    const digest = valuesDigest(values);
    const before = this.before.get(userId);
    this.before.delete(userId);
    return before === digest ? null : digest;
  }

  /** Once the whole report is read: the digests of the users it no longer has are dropped. */
  async settle(ctx: TaskContext): Promise<void> {
    const left = [...this.before.keys()];
    this.before.clear();
    if (left.length) ctx.count('rowsWritten', await ctx.write((m) => dropReportDigests(m, this.report, left)));
  }
}
