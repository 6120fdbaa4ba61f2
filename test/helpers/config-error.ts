import assert from 'node:assert/strict';
import { ConfigError, loadConfig, type Env } from '../../src/config';

/** The ConfigError loadConfig throws for this environment; fails the test when it throws none. */
export function configErrorOf(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  assert.fail('expected a ConfigError');
}
