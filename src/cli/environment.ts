import { join, resolve } from 'node:path';
import { ConfigError, loadConfig, readEnv, type Config } from '../config';

const ROOT = resolve(__dirname, '..', '..');

/** The same configuration as the bot (env/.env.local, .user, .localConfigs, then the environment). */
export function cliConfig(): Config {
  try {
    const files = [join(ROOT, 'env', '.env.local'), join(ROOT, 'env', '.env.local.user'), join(ROOT, '.localConfigs')];
    return loadConfig(readEnv(files, process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`License Steward: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
