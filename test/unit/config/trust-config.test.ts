/** The config's part of trust: no credentials in URLs, valid allow-list and credential host patterns. */
import { ConfigError, parseConfig } from '../../../sidecar/src/config/load';

const base = () => ({
  clusters: [
    {
      id: '1',
      name: 'local',
      brokers: [
        { key: 'broker-1', jolokia: 'http://127.0.0.1:8781/jolokia' },
        { key: 'broker-2', jolokia: 'http://127.0.0.1:8782/jolokia' },
      ],
      discovery: { zookeeper: '127.0.0.1:2181/kafka', jolokiaUrlTemplate: 'http://{host}:{port}/jolokia' },
    },
  ],
});

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw, 'test');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

const withCluster = (patch: Record<string, unknown>) => {
  const cfg = base();
  Object.assign(cfg.clusters[0] as Record<string, unknown>, patch);
  return cfg;
};

describe('credentials in URLs are refused, with the path and where they belong', () => {
  test.each([
    [
      'a broker URL',
      withCluster({
        brokers: [
          { key: 'b1', jolokia: 'http://127.0.0.1:8781/jolokia' },
          { key: 'b2', jolokia: 'http://mon:s3cret@127.0.0.1:8782/jolokia' },
        ],
      }),
      'clusters[0].brokers[1].jolokia: credentials in the URL are not allowed; use auth.passwordEnv',
    ],
    [
      'a user alone',
      withCluster({ clients: [{ key: 'c1', jolokia: 'http://mon@127.0.0.1:8790/jolokia' }] }),
      'clusters[0].clients[0].jolokia: credentials in the URL are not allowed; use auth.passwordEnv',
    ],
    [
      'an AdminServer URL',
      withCluster({ zookeepers: [{ key: 'zk1', admin: 'http://a:b@127.0.0.1:8081' }] }),
      'clusters[0].zookeepers[0].admin: credentials in the URL are not allowed; use auth.passwordEnv',
    ],
    [
      'the discovery template',
      withCluster({ discovery: { zookeeper: '127.0.0.1:2181/kafka', jolokiaUrlTemplate: 'http://mon:pw@{host}:{port}/jolokia' } }),
      'clusters[0].discovery.jolokiaUrlTemplate: credentials in the URL are not allowed; use auth.passwordEnv',
    ],
    [
      'a webhook',
      { ...base(), notify: { webhooks: [{ url: 'https://u:token@hooks.example.com/x' }] } },
      'notify.webhooks[0].url: credentials in the URL are not allowed; use headersEnv',
    ],
    [
      'a MySQL password',
      { ...base(), mysql: { url: 'mysql://root:pw@127.0.0.1:3306/doflamingo' } },
      'mysql.url: credentials in the URL are not allowed; use mysql.passwordEnv',
    ],
  ])('%s', (_what, raw, problem) => {
    expect(problemsOf(raw)).toContain(problem);
  });

  test('a MySQL user without a password is fine (the password goes in passwordEnv)', () => {
    expect(parseConfig({ ...base(), mysql: { url: 'mysql://root@127.0.0.1:3306/doflamingo', passwordEnv: 'DB_PW' } }).mysql.url).toBe(
      'mysql://root@127.0.0.1:3306/doflamingo',
    );
  });

  test('an @ in a query string is no credential', () => {
    expect(() => parseConfig(withCluster({ brokers: [{ key: 'b1', jolokia: 'http://127.0.0.1:8781/jolokia?who=ops@example.com' }] }))).not.toThrow();
  });
});

describe('allow-list and credential scopes', () => {
  test('allow and credentials take host names, *.domains, addresses and CIDRs; per-target auth', () => {
    const cfg = parseConfig({
      ...withCluster({
        brokers: [{ key: 'b1', jolokia: 'http://127.0.0.1:8781/jolokia', auth: { username: 'b1', passwordEnv: 'B1_PW' } }],
        discovery: {
          zookeeper: 'zk:2181/kafka',
          jolokiaUrlTemplate: 'http://{host}:{port}/jolokia',
          allow: ['kafka1', '*.kafka.example.com', '10.0.0.0/8', 'fd00::/8', '::1'],
        },
      }),
      jolokia: { credentials: [{ hosts: ['*.kafka.example.com', '10.0.0.0/8'], username: 'mon', passwordEnv: 'MON_PW' }] },
    });
    expect(cfg.clusters[0]?.discovery?.allow).toHaveLength(5);
    expect(cfg.jolokia.credentials[0]?.hosts).toEqual(['*.kafka.example.com', '10.0.0.0/8']);
    expect(cfg.clusters[0]?.brokers[0]?.auth).toEqual({ username: 'b1', passwordEnv: 'B1_PW' });
  });

  test('bad patterns are refused with their path', () => {
    const problems = problemsOf({
      ...withCluster({ discovery: { zookeeper: 'zk:2181', jolokiaUrlTemplate: 'http://{host}:{port}/jolokia', allow: ['kafka*.example.com', '10.0.0.0/40'] } }),
      jolokia: { credentials: [{ hosts: [], username: 'mon', passwordEnv: 'MON_PW' }] },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^clusters\[0\]\.discovery\.allow\[0\]: .*wildcard/),
        expect.stringMatching(/^clusters\[0\]\.discovery\.allow\[1\]: .*prefix length/),
        expect.stringMatching(/^jolokia\.credentials\[0\]\.hosts: /),
      ]),
    );
  });
});
