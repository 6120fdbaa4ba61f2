/**
 * Where a task run's time went: waiting on Graph, parsing its answers, writing the store. Spans of
 * one kind may overlap (two reads in parallel) and count once while any is open; spans of different
 * kinds overlap on purpose (a page is written while the next one is read), so the three may add up
 * to more than the run's wall time. Printed by `npm run bench -- sync`; kept in the run's counts.
 */
class Meter {
  private open = 0;
  private since = 0;
  totalMs = 0;

  start(): void {
    if (this.open++ === 0) this.since = performance.now();
  }

  stop(): void {
    if (--this.open === 0) this.totalMs += performance.now() - this.since;
  }

  async span<T>(work: () => Promise<T>): Promise<T> {
    this.start();
    try {
      return await work();
    } finally {
      this.stop();
    }
  }
}

export class TaskTiming {
  readonly graph = new Meter();
  readonly write = new Meter();

  /** A Graph collection or report as the task consumes it, timing each wait for the next item. */
  async *reads<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        this.graph.start();
        let next: IteratorResult<T>;
        try {
          next = await iterator.next();
        } finally {
          this.graph.stop();
        }
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }

  /**
   * The run's counts, in seconds. Parsing happens while the task waits for the next item (the
   * endpoint checks a page as it hands it over), so it is taken out of the Graph wait.
   */
  counts(parseMs: number): { graphSeconds: number; parseSeconds: number; writeSeconds: number } {
    const s = (ms: number) => Math.round(Math.max(0, ms) / 100) / 10;
    return {
      graphSeconds: s(this.graph.totalMs - parseMs),
      parseSeconds: s(parseMs),
      writeSeconds: s(this.write.totalMs),
    };
  }
}
