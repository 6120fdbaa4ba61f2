/**
 * Every call the simulator received (Graph, token and download origins), so tests can prove what a
 * client did or did not call, and whether it sent an Authorization header. Bounded to keep long
 * benchmark runs flat in memory.
 */
export interface CallRecord {
  readonly time: string;
  readonly origin: 'login' | 'graph' | 'download' | 'identity';
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly authorization: boolean;
  readonly requestId?: string;
  /** Set for requests that arrived inside a $batch (the batch itself is recorded too). */
  readonly batchRequestId?: string;
  /** Set when the connection was dropped on purpose (fault). */
  readonly dropped?: boolean;
}

const MAX_RECORDS = 100_000;

export class CallLog {
  private records: CallRecord[] = [];

  record(entry: CallRecord): void {
    if (this.records.length >= MAX_RECORDS) this.records = this.records.slice(MAX_RECORDS / 2);
    this.records.push(entry);
  }

  list(): readonly CallRecord[] {
    return this.records;
  }

  clear(): void {
    this.records = [];
  }
}
