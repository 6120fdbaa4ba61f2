import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Secret values in force; any occurrence in a log line is replaced before it is written. */
  secrets: readonly string[];
  /** Defaults to stdout. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

const REDACTED = '[REDACTED]';

/**
 * Structured JSON logs. Two layers keep secrets out: well-known secret keys are redacted by path,
 * and every configured secret value is scrubbed from the final line, wherever it hides
 * (an error message, a URL, a nested object).
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets.filter((s) => s.length >= 4);
  return pino(
    {
      level: options.level,
      base: { service: 'license-steward' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          '*.clientSecret',
          '*.certificatePassword',
          '*.password',
          '*.client_secret',
          '*.client_assertion',
          '*.authorization',
          '*.Authorization',
        ],
        censor: REDACTED,
      },
      hooks: {
        streamWrite: (line) => scrub(line, secrets),
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // A secret can also appear JSON-escaped inside the serialized line.
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join(REDACTED);
  }
  return out;
}
