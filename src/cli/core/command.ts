import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import type { CliContext } from './context';

/** The same exit codes for every command: 0 ok, 1 partial (some work left undone), 2 usage error or failure. */
export const EXIT = { ok: 0, partial: 1, failed: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Options as node's `util.parseArgs` declares them; `--help` / `-h` is added for every command. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * One command line: `npm run <name> -- <synopsis>`. Its arguments are read by `util.parseArgs`
 * (`options`, then `positionals` named in order) into one object that `schema` validates, so a
 * command's whole surface is its exported schema, testable with `safeParse`.
 */
export interface CliCommand<S extends z.ZodTypeAny> {
  /** The npm script, and the prefix of its failure messages. */
  name: string;
  /** What follows `npm run <name> --`; the usage line and the README's "Command line" show it alike. */
  synopsis: string;
  /** The lines `--help` prints after the usage line. */
  help: string;
  options: CliOptions;
  /** Names for the positional arguments, in order; a last name written `...rest` takes all the others as a list. */
  positionals?: readonly string[];
  schema: S;
  /** Does the work with the validated input; the runner opened the context and closes it. */
  run(input: z.output<S>, context: CliContext): Promise<ExitCode>;
}

/** Keeps the schema's type flowing into `run` without spelling it out. */
export function defineCommand<S extends z.ZodTypeAny>(command: CliCommand<S>): CliCommand<S> {
  return command;
}

export const usageLine = (command: { name: string; synopsis: string }): string =>
  `usage: npm run ${command.name} -- ${command.synopsis}`;

export const helpText = (command: { name: string; synopsis: string; help: string }): string =>
  `${usageLine(command)}\n\n${command.help}\n`;
