/**
 * Registers every secret the config names (inline or by environment variable) with core/redact.ts,
 * so that none of them can leave the process in a log line, an error message, an event or an API
 * answer, whichever module would have let it through.
 */
import { registerSecret } from '../core/redact';
import type { Config } from './schema';

type Secret = { username?: string; password?: string | undefined; passwordEnv?: string | undefined } | undefined;

/** Names a missing variable nowhere: the modules that need a secret report that themselves. */
export function registerConfigSecrets(config: Config, env: NodeJS.ProcessEnv): void {
  const add = (s: Secret): void => {
    if (!s) return;
    registerSecret(s.password, s.username);
    if (s.passwordEnv) registerSecret(env[s.passwordEnv], s.username);
  };
  add({ passwordEnv: config.mysql.passwordEnv });
  add(config.jolokia.auth);
  config.jolokia.credentials.forEach(add);
  for (const c of config.clusters) for (const t of [...c.brokers, ...c.zookeepers, ...c.clients]) add(t.auth);
  const { api } = config;
  registerSecret(api.readToken);
  registerSecret(api.adminToken);
  if (api.readTokenEnv) registerSecret(env[api.readTokenEnv]);
  if (api.adminTokenEnv) registerSecret(env[api.adminTokenEnv]);
  for (const w of config.notify.webhooks) for (const name of Object.values(w.headersEnv ?? {})) registerSecret(env[name]);
}
