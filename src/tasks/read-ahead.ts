/**
 * A read started before its consumer is ready: the first page (a report's download, which the
 * service takes a while to begin) is on its way while the task reads from the store what it
 * compares the rows with. Iterated once, like the source.
 */
export interface ReadAhead<T> extends AsyncIterable<T> {
  /** Waits for `work`, done meanwhile; when it fails, the read is let go before the failure is passed on. */
  meanwhile<R>(work: Promise<R>): Promise<R>;
}

export function readAhead<T>(source: AsyncIterable<T>): ReadAhead<T> {
  const iterator = source[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<T>> | null = iterator.next();
  // Observed now: a failed first page is thrown to the consumer when it gets there, or dropped with the read.
  first.catch(() => undefined);
  return {
    [Symbol.asyncIterator]: () => ({
      next() {
        const pending = first ?? iterator.next();
        first = null;
        return pending;
      },
      async return() {
        first = null;
        await iterator.return?.();
        return { done: true, value: undefined };
      },
    }),
    async meanwhile<R>(work: Promise<R>): Promise<R> {
      try {
        return await work;
      } catch (error) {
        first = null;
        await iterator.return?.().catch(() => undefined);
        throw error;
      }
    },
  };
}
