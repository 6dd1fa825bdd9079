/**
 * Which credentials a target's Jolokia agent is sent, and never outside their scope:
 * 1. the target's own `auth` (configured targets only);
 * 2. else the first `jolokia.credentials` entry one of whose `hosts` patterns matches the host of
 *    the target's Jolokia URL — the only way a discovered broker gets credentials;
 * 3. else `jolokia.auth`, for configured targets only (the operator wrote their URLs).
 * Passwords are resolved once at construction (a named variable that is not set is a ConfigError)
 * and registered for redaction.
 */
import type { Config } from '../config/schema';
import { resolveSecret } from '../config/load';
import { compileHostPatterns, hostOf, matchHost, type HostPattern } from '../core/host-pattern';
import type { Target } from '../core/model';
import { registerSecret } from '../core/redact';

export interface JolokiaCredentials {
  username: string;
  password: string;
}

type SecretConfig = { username: string; password?: string | undefined; passwordEnv?: string | undefined };

export type CredentialsFor = (target: Target) => JolokiaCredentials | undefined;

function resolve(s: SecretConfig | undefined, env: NodeJS.ProcessEnv): JolokiaCredentials | undefined {
  if (!s) return undefined;
  const password = resolveSecret(s, env);
  if (password === undefined) return undefined;
  registerSecret(password, s.username);
  return { username: s.username, password };
}

/** The credentials resolver of a config (throws ConfigError when a passwordEnv variable is not set). */
export function credentialsResolver(config: Config, env: NodeJS.ProcessEnv = process.env): CredentialsFor {
  const own = new Map<string, JolokiaCredentials>();
  for (const c of config.clusters) {
    for (const t of [...c.brokers, ...c.zookeepers, ...c.clients]) {
      const creds = resolve(t.auth, env);
      if (creds) own.set(`${c.id}/${t.key}`, creds);
    }
  }
  const scoped: { hosts: HostPattern[]; creds: JolokiaCredentials }[] = config.jolokia.credentials.flatMap((s) => {
    const creds = resolve(s, env);
    return creds ? [{ hosts: compileHostPatterns(s.hosts), creds }] : [];
  });
  const global = resolve(config.jolokia.auth, env);
  return (target) => {
    if (target.origin === 'config') {
      const mine = own.get(`${target.clusterId}/${target.key}`);
      if (mine) return mine;
    }
    const host = target.jolokiaUrl ? hostOf(target.jolokiaUrl) : undefined;
    const byHost = host ? scoped.find((s) => matchHost(s.hosts, host)) : undefined;
    if (byHost) return byHost.creds;
    return target.origin === 'config' ? global : undefined;
  };
}
