/** A setting is missing or malformed. The message names the variable and what it expects. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`${variable} ${expected}`);
    this.name = 'ConfigError';
  }
}
