/**
 * The Jolokia collector with credentials scoped per target (app/jolokia-credentials.ts): one
 * collector per set of credentials, so an agent's client only ever carries the credentials meant
 * for that target, and a target without any gets no Authorization header at all.
 */
import type { CollectFn } from '../core/collection';
import { createJolokiaCollector, type JolokiaCollectorOptions } from '../collector/jolokia/collect-target';
import type { CredentialsFor, JolokiaCredentials } from './jolokia-credentials';

export function createScopedJolokiaCollector(credentialsFor: CredentialsFor, opts: Omit<JolokiaCollectorOptions, 'auth'>): CollectFn {
  const collectors = new Map<JolokiaCredentials | undefined, CollectFn>();
  return (target, tick) => {
    const creds = credentialsFor(target);
    let collect = collectors.get(creds);
    if (!collect) {
      collect = createJolokiaCollector({ ...opts, ...(creds ? { auth: creds } : {}) });
      collectors.set(creds, collect);
    }
    return collect(target, tick);
  };
}
