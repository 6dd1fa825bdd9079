/** The API's tokens: from the config file, or from the environment variable it names (readTokenEnv / adminTokenEnv). */
import { resolveSecret } from './load';
import type { Config } from './schema';

export interface ApiTokens {
  readToken?: string;
  adminToken?: string;
}

/**
 * Pure: `api.readToken` / `api.adminToken` when set, else the variable named by `readTokenEnv` /
 * `adminTokenEnv` in `env` (a named variable that is not set is a ConfigError); none = no auth.
 */
export function apiTokens(api: Pick<Config['api'], 'readToken' | 'readTokenEnv' | 'adminToken' | 'adminTokenEnv'>, env: NodeJS.ProcessEnv): ApiTokens {
  return {
    readToken: api.readToken ?? (api.readTokenEnv ? resolveSecret({ passwordEnv: api.readTokenEnv }, env) : undefined),
    adminToken: api.adminToken ?? (api.adminTokenEnv ? resolveSecret({ passwordEnv: api.adminTokenEnv }, env) : undefined),
  };
}
