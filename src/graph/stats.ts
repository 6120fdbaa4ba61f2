/** What a task run spent on Graph: requests, retries and waits. Counted by the transport. */
export class GraphStats {
  requests = 0;
  retries = 0;
  throttled = 0;
  waitedMs = 0;
  /** Time spent checking answers against their schemas and splitting report CSV into rows (synchronous work). */
  parseMs = 0;

  snapshot() {
    return {
      requests: this.requests,
      retries: this.retries,
      throttled: this.throttled,
      throttledSeconds: Math.round(this.waitedMs / 100) / 10,
    };
  }

  /** Runs synchronous parsing work and counts its time. */
  parsing<T>(work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.parseMs += performance.now() - started;
    }
  }
}
