import { resolve } from 'node:path';
import { ConfigError, loadAppConfig, type Config } from '../config';

const ROOT = resolve(__dirname, '..', '..');

/** The bot's configuration for a command-line tool; a bad setting ends it with exit code 2. */
export function cliConfig(): Config {
  try {
    return loadAppConfig(ROOT);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`License Steward: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
