export * from './config';
export { ConfigError } from './errors';
export { loadAppConfig, loadConfig, readEnv, type Env } from './load';
export { graphConfigFor } from './graph-endpoint';
export { VARIABLES } from './variables';
export { guidSchema, isGuid } from './guid';
