import assert from 'node:assert/strict';
import { z } from 'zod';
import { UsageError, parseCommandLine } from '../../../src/cli/core/parse';

const grep = {
  options: { colour: { type: 'string' }, count: { type: 'boolean' } },
  positionals: ['pattern', '...files'],
  schema: z
    .object({
      pattern: z.string(),
      files: z.array(z.string()).min(1),
      colour: z.enum(['on', 'off']).default('off'),
      count: z.boolean().default(false),
    })
    .strict(),
} as const;

const refusal = (argv: string[], command: Parameters<typeof parseCommandLine>[0] = grep) => {
  try {
    parseCommandLine(command, argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  return assert.fail(`accepted ${argv.join(' ')}`);
};

describe('cli: the argument parser', () => {
  it('names the positionals in order, a last ...name takes the rest, and the schema gives the defaults', () => {
    assert.deepEqual(parseCommandLine(grep, ['x', 'a.ts', 'b.ts', '--count']), {
      help: false,
      input: { pattern: 'x', files: ['a.ts', 'b.ts'], colour: 'off', count: true },
    });
    assert.deepEqual(parseCommandLine(grep, ['--colour', 'on', '--', '-x', 'a.ts']), {
      help: false,
      input: { pattern: '-x', files: ['a.ts'], colour: 'on', count: false },
    });
  });

  it('--help or -h wins over anything else the schema would refuse', () => {
    assert.deepEqual(parseCommandLine(grep, ['--help']), { help: true });
    assert.deepEqual(parseCommandLine(grep, ['-h', '--colour', 'purple']), { help: true });
  });

  it('refuses an unknown option, a missing value, a surplus argument and what the schema refuses, saying which', () => {
    assert.match(refusal(['x', 'a.ts', '--bogus']), /Unknown option '--bogus'/);
    assert.match(refusal(['x', 'a.ts', '--colour']), /Option '--colour <value>' argument missing/);
    assert.match(refusal(['x', 'a.ts', '--colour', 'purple']), /^colour: Invalid enum value/);
    assert.match(refusal(['x']), /^files: Array must contain at least 1 element/);
    const one = { options: {}, positionals: ['name'], schema: z.object({ name: z.string() }).strict() };
    assert.equal(refusal(['a', 'b'], one), "Unexpected argument 'b'");
    const none = { options: {}, schema: z.object({}).strict() };
    assert.match(refusal(['a'], none), /^Unexpected argument 'a'/);
  });
});
