/** What a handler answers, independent of the transport (so $batch can run handlers in-process). */
export interface HttpResult {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly text?: string;
  /** Send part of the body, then destroy the socket (the "connection dropped mid-page" fault). */
  readonly truncate?: boolean;
}
