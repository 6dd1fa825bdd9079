import { parseConfig, ConfigError } from '../../../sidecar/src/config/load';
import { credentialsResolver } from '../../../sidecar/src/app/jolokia-credentials';
import type { Target } from '../../../sidecar/src/core/model';
import { clearSecrets, redactSecrets } from '../../../sidecar/src/core/redact';

afterEach(clearSecrets);

const config = (jolokia: Record<string, unknown>) =>
  parseConfig({
    jolokia,
    clusters: [
      {
        id: '1',
        name: 'c',
        brokers: [
          { key: 'broker-1', jolokia: 'http://kafka1.example.com:8778/jolokia', auth: { username: 'own', passwordEnv: 'OWN_PW' } },
          { key: 'broker-2', jolokia: 'http://10.0.0.2:8778/jolokia' },
          { key: 'broker-3', jolokia: 'http://kafka3.other.org:8778/jolokia' },
        ],
      },
    ],
  });

const env = { OWN_PW: 'own-secret', SCOPED_PW: 'scoped-secret', GLOBAL_PW: 'global-secret' };
const configured = (key: string, url: string): Target => ({ clusterId: '1', key, kind: 'kafka-broker', origin: 'config', jolokiaUrl: url });
const discovered = (key: string, url: string): Target => ({ clusterId: '1', key, kind: 'kafka-broker', origin: 'discovered', jolokiaUrl: url });

describe('Jolokia credentials are sent only within their scope', () => {
  const resolve = credentialsResolver(
    config({
      auth: { username: 'global', passwordEnv: 'GLOBAL_PW' },
      credentials: [{ hosts: ['*.example.com', '10.0.0.0/24'], username: 'scoped', passwordEnv: 'SCOPED_PW' }],
    }),
    env,
  );

  test.each([
    ['a configured target with its own auth', configured('broker-1', 'http://kafka1.example.com:8778/jolokia'), 'own'],
    ['a configured target in a credentials scope', configured('broker-2', 'http://10.0.0.2:8778/jolokia'), 'scoped'],
    ['a configured target outside every scope: jolokia.auth', configured('broker-3', 'http://kafka3.other.org:8778/jolokia'), 'global'],
    ['a discovered broker in a scope', discovered('broker-7', 'http://kafka7.example.com:8787/jolokia'), 'scoped'],
    ['a discovered broker by IPv4 in a scope', discovered('broker-8', 'http://10.0.0.99:8788/jolokia'), 'scoped'],
    ['a discovered broker outside every scope: nothing, not even jolokia.auth', discovered('broker-9', 'http://evil-example.com:8789/jolokia'), undefined],
    ['a discovered broker claiming a configured key gets no per-target auth', discovered('broker-1', 'http://evil.org:8781/jolokia'), undefined],
  ])('%s', (_what, target, user) => {
    expect(resolve(target)?.username).toBe(user);
  });

  test('every resolved password is redacted from then on', () => {
    credentialsResolver(
      config({ auth: { username: 'global', passwordEnv: 'GLOBAL_PW' }, credentials: [{ hosts: ['x'], username: 's', passwordEnv: 'SCOPED_PW' }] }),
      env,
    );
    expect(redactSecrets('own-secret scoped-secret global-secret')).toBe('[redacted] [redacted] [redacted]');
  });
});

test('without any credentials nothing is sent', () => {
  const resolve = credentialsResolver(config({}), { OWN_PW: 'own-secret' });
  expect(resolve(configured('broker-2', 'http://10.0.0.2:8778/jolokia'))).toBeUndefined();
});

test('a passwordEnv that is not set is a ConfigError naming it', () => {
  expect(() =>
    credentialsResolver(config({ credentials: [{ hosts: ['*.example.com'], username: 'm', passwordEnv: 'MISSING_PW' }] }), { OWN_PW: 'own-secret' }),
  ).toThrow(ConfigError);
  expect(() =>
    credentialsResolver(config({ credentials: [{ hosts: ['*.example.com'], username: 'm', passwordEnv: 'MISSING_PW' }] }), { OWN_PW: 'own-secret' }),
  ).toThrow(/MISSING_PW/);
});
