import type { z } from 'zod';
import { ConfigError } from '../../config';
import { EXIT, helpText, usageLine, type CliCommand, type ExitCode } from './command';
import { openContext, type OpenedContext } from './context';
import { OutputClosed, processIo, type CliIo } from './io';
import { UsageError, parseCommandLine } from './parse';

export type ContextOpener = (io: CliIo) => Promise<OpenedContext>;

/**
 * The one runner: parses the command line (`--help` prints the usage and ends 0), opens the context,
 * runs the command and maps what happened to the exit code; the context is closed whatever happens.
 * `open` is for tests, which bring their own store and clock.
 */
export async function runCommand<S extends z.ZodTypeAny>(
  command: CliCommand<S>,
  argv: readonly string[],
  io: CliIo,
  open: ContextOpener = openContext,
): Promise<ExitCode> {
  let context: OpenedContext | undefined;
  try {
    const parsed = parseCommandLine(command, argv);
    if (parsed.help) {
      io.out(helpText(command));
      return EXIT.ok;
    }
    context = await open(io);
    return await command.run(parsed.input, context);
  } catch (error) {
    return failure(command, error, io);
  } finally {
    await context?.close();
  }
}

function failure(command: { name: string; synopsis: string }, error: unknown, io: CliIo): ExitCode {
  // The reader has what it wanted (`| head -1`): nothing failed.
  if (error instanceof OutputClosed) return EXIT.ok;
  if (error instanceof UsageError) io.err(`${error.message}\n${usageLine(command)}\n`);
  else if (error instanceof ConfigError) io.err(`License Steward: configuration error: ${error.message}\n`);
  else io.err(`${command.name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.failed;
}

/** The last line of each command file: runs the command with the process's arguments and exits with its code. */
export function main<S extends z.ZodTypeAny>(command: CliCommand<S>): void {
  const io = processIo();
  runCommand(command, process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Only closing the context can end here.
      io.err(`${command.name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(EXIT.failed);
    },
  );
}
