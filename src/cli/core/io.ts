/** Thrown by `out` once the reader of stdout is gone (`| head -1`): the command stops, exit 0. */
export class OutputClosed extends Error {
  constructor() {
    super('stdout was closed by its reader');
  }
}

/** What a command writes to, so tests can run it in-process. */
export interface CliIo {
  /** Writes to stdout; throws `OutputClosed` once nobody reads it any more. */
  out(text: string): void;
  err(text: string): void;
  /** True once stdout failed: for output that is only a side show (sync's progress). */
  readonly closed: boolean;
}

/**
 * The process's stdout and stderr. A reader that stops early (`| head -1`) makes the next write
 * fail with EPIPE, reported as an 'error' event on the stream, which would otherwise crash the
 * process with a stack trace: it is remembered here, and the following `out` stops the command.
 */
export function processIo(
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WritableStream = process.stderr,
): CliIo {
  let failure: NodeJS.ErrnoException | undefined;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    failure ??= error;
  });
  // Nowhere is left to report a failing stderr (`2>&1 | head`); it must not crash the command either.
  stderr.on('error', () => {});
  return {
    get closed() {
      return failure !== undefined;
    },
    out(text) {
      if (failure) throw failure.code === 'EPIPE' ? new OutputClosed() : failure;
      stdout.write(text);
    },
    err(text) {
      stderr.write(text);
    },
  };
}
