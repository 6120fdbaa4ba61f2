export * from './config';
export { ConfigError } from './errors';
export { loadConfig, readEnv, type Env } from './load';
export { VARIABLES, type VariableSpec } from './variables';
