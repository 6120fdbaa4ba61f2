import { parseArgs } from 'node:util';
import type { z } from 'zod';
import type { CliCommand } from './command';

/** A command line the command cannot take: the runner prints the message and the usage line, exit 2. */
export class UsageError extends Error {}

export type ParsedCommandLine<S extends z.ZodTypeAny> = { help: true } | { help: false; input: z.output<S> };

type ArgValue = string | boolean | (string | boolean)[] | undefined;

/**
 * The one argument parser: `util.parseArgs` in strict mode (an unknown option or a missing value is
 * a usage error), positionals named as the command declares them, then the command's zod schema.
 */
export function parseCommandLine<S extends z.ZodTypeAny>(
  command: Pick<CliCommand<S>, 'options' | 'positionals' | 'schema'>,
  argv: readonly string[],
): ParsedCommandLine<S> {
  const names = command.positionals ?? [];
  let parsed: { values: Record<string, ArgValue>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: names.length > 0,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { help, ...values } = parsed.values;
  if (help === true) return { help: true };
  const raw: Record<string, ArgValue> = { ...values };
  names.forEach((name, i) => {
    if (name.startsWith('...')) raw[name.slice(3)] = parsed.positionals.slice(i);
    else raw[name] = parsed.positionals[i];
  });
  const surplus = names.at(-1)?.startsWith('...') ? undefined : parsed.positionals[names.length];
  if (surplus !== undefined) throw new UsageError(`Unexpected argument '${surplus}'`);
  const result = command.schema.safeParse(raw);
  if (!result.success) {
    throw new UsageError(
      result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
    );
  }
  return { help: false, input: result.data as z.output<S> };
}
