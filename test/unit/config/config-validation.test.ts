import { parseConfig, ConfigError, applyEnv, resolveSecret } from '../../../sidecar/src/config/load';

const minimal = () => ({
  clusters: [{ id: '1', name: 'local', brokers: [{ key: 'broker-1', jolokia: 'http://127.0.0.1:8781/jolokia' }] }],
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

describe('config validation', () => {
  it('accepts a minimal config and fills defaults', () => {
    const cfg = parseConfig(minimal());
    expect(cfg.schedule.jmx).toBe('*/10 * * * * *');
    expect(cfg.mysql.bufferMaxSamples).toBe(2_000_000);
    expect(cfg.clusters[0]!.zookeepers).toEqual([]);
    expect(cfg.api.port).toBe(8787);
  });

  const cases: Array<[string, unknown, RegExp[]]> = [
    ['not an object', 42, [/\(root\): Expected object/]],
    ['no clusters', {}, [/^clusters: Required/]],
    ['empty clusters', { clusters: [] }, [/clusters: at least one cluster/]],
    ['unknown top-level key', { ...minimal(), colour: 'red' }, [/\(root\): unknown key\(s\) "colour"/]],
    [
      'unknown nested key',
      { clusters: [{ id: '1', name: 'x', brokers: [{ key: 'b', jolokia: 'http://h:1/j', jmx: 1 }] }] },
      [/clusters\[0\]\.brokers\[0\]: unknown key\(s\) "jmx"/],
    ],
    [
      'bad jolokia URL',
      { clusters: [{ id: '1', name: 'x', brokers: [{ key: 'b', jolokia: 'ftp://h/j' }] }] },
      [/clusters\[0\]\.brokers\[0\]\.jolokia: must be an http\(s\) URL/],
    ],
    [
      'not a URL at all',
      { clusters: [{ id: '1', name: 'x', brokers: [{ key: 'b', jolokia: 'localhost' }] }] },
      [/clusters\[0\]\.brokers\[0\]\.jolokia: Invalid url/],
    ],
    [
      'hostile target key',
      { clusters: [{ id: '1', name: 'x', brokers: [{ key: '<img src=x>', jolokia: 'http://h:1/j' }] }] },
      [/brokers\[0\]\.key: must be 1-64/],
    ],
    [
      'duplicate target keys',
      { clusters: [{ id: '1', name: 'x', brokers: [{ key: 'b', jolokia: 'http://h:1/j' }], clients: [{ key: 'b', jolokia: 'http://h:2/j' }] }] },
      [/clusters\[0\]: duplicate target key "b"/],
    ],
    [
      'duplicate cluster ids',
      {
        clusters: [
          { id: '1', name: 'a' },
          { id: '1', name: 'b' },
        ],
      },
      [/clusters\[1\]\.id: duplicate cluster id "1"/],
    ],
    [
      'zookeeper with no endpoint',
      { clusters: [{ id: '1', name: 'x', zookeepers: [{ key: 'zk-1' }] }] },
      [/clusters\[0\]\.zookeepers\[0\]: needs at least one of/],
    ],
    [
      'bad client address',
      { clusters: [{ id: '1', name: 'x', zookeepers: [{ key: 'zk-1', client: 'nohostport' }] }] },
      [/zookeepers\[0\]\.client: must be host:port/],
    ],
    ['bad cron', { ...minimal(), schedule: { jmx: 'every ten seconds' } }, [/schedule\.jmx: must be a cron expression/]],
    ['negative timeout', { ...minimal(), jolokia: { timeoutMs: -5 } }, [/jolokia\.timeoutMs: Number must be greater than or equal to 100/]],
    ['bad mysql url', { ...minimal(), mysql: { url: 'postgres://x' } }, [/mysql\.url: must start with mysql:\/\//]],
    ['bad env var name', { ...minimal(), mysql: { passwordEnv: 'lower-case' } }, [/mysql\.passwordEnv: must be an environment variable name/]],
    ['bad log level', { ...minimal(), log: { level: 'loud' } }, [/log\.level: Invalid enum value/]],
    [
      'extra metric with bad id',
      {
        ...minimal(),
        catalog: {
          extra: [
            {
              id: 'Bad Id',
              appliesTo: 'kafka-broker',
              source: { kind: 'jmx', mbean: 'a:b=c', attribute: 'Value' },
              unit: 'count',
              type: 'gauge',
              description: { en: 'x' },
            },
          ],
        },
      },
      [/catalog\.extra\[0\]\.id: must be dotted lower case/],
    ],
    [
      'extra metric with bad source kind',
      {
        ...minimal(),
        catalog: { extra: [{ id: 'custom.x.y', appliesTo: 'kafka-broker', source: { kind: 'snmp' }, unit: 'count', type: 'gauge', description: { en: 'x' } }] },
      },
      [/catalog\.extra\[0\]\.source\.kind: Invalid discriminator value/],
    ],
    [
      'extra metric with bad mbean',
      {
        ...minimal(),
        catalog: {
          extra: [
            {
              id: 'custom.x.y',
              appliesTo: 'kafka-broker',
              source: { kind: 'jmx', mbean: 'nocolon', attribute: 'Value' },
              unit: 'count',
              type: 'gauge',
              description: { en: 'x' },
            },
          ],
        },
      },
      [/catalog\.extra\[0\]\.source\.mbean: must be an MBean name/],
    ],
  ];

  it.each(cases)('rejects %s with a path', (_name, raw, expected) => {
    const problems = problemsOf(raw);
    for (const re of expected) expect(problems.some((p) => re.test(p))).toBe(true);
  });

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf({
      clusters: [{ id: '', name: '', brokers: [{ key: 'b', jolokia: 'nope' }] }],
      schedule: { jmx: 'x' },
      nope: true,
    });
    expect(problems.length).toBeGreaterThanOrEqual(5);
  });

  it('applies env overrides and rejects a bad log level from env', () => {
    const cfg = parseConfig(minimal());
    expect(applyEnv(cfg, { DOFLAMINGO_MYSQL_URL: 'mysql://root@db:3306/x' }).mysql.url).toBe('mysql://root@db:3306/x');
    expect(() => applyEnv(cfg, { DOFLAMINGO_LOG_LEVEL: 'loud' })).toThrow(/DOFLAMINGO_LOG_LEVEL/);
  });

  it('reads secrets from env vars and says which one is missing, without the value', () => {
    expect(resolveSecret({ passwordEnv: 'DOF_TEST_PW' }, { DOF_TEST_PW: 's3cret' })).toBe('s3cret');
    expect(() => resolveSecret({ passwordEnv: 'DOF_MISSING' }, {})).toThrow(/DOF_MISSING is not set/);
    expect(resolveSecret(undefined, {})).toBeUndefined();
  });
});

describe('api beyond loopback', () => {
  const withApi = (api: Record<string, unknown>) => ({ ...minimal(), api });

  it('refuses a non-loopback host without a read token, naming the token keys and the opt-out', () => {
    const problems = problemsOf(withApi({ host: '0.0.0.0' }));
    expect(problems).toEqual([expect.stringMatching(/^api\.host: "0\.0\.0\.0" is not a loopback address and no read token is configured/)]);
    expect(problems[0]).toMatch(/api\.readTokenEnv/);
    expect(problems[0]).toMatch(/api\.readToken\b/);
    expect(problems[0]).toMatch(/api\.allowUnauthenticatedRemote: true/);
  });

  it.each([
    ['loopback address', { host: '127.0.0.1' }],
    ['another loopback address', { host: '127.0.0.2' }],
    ['localhost', { host: 'localhost' }],
    ['::1', { host: '::1' }],
    ['a read token by variable', { host: '0.0.0.0', readTokenEnv: 'DOF_READ_TOKEN' }],
    ['an inline read token', { host: '10.0.0.5', readToken: 'secret' }],
    ['the explicit opt-out', { host: '0.0.0.0', allowUnauthenticatedRemote: true }],
  ])('accepts %s', (_name, api) => {
    expect(parseConfig(withApi(api)).api.host).toBe(api.host);
  });

  it('fills generous rate limits by default', () => {
    const cfg = parseConfig(minimal());
    expect(cfg.api.rateLimits).toEqual({ expensiveReads: { burst: 300, perSecond: 10 }, subscriptions: { burst: 60, perSecond: 1 } });
    expect(cfg.api.allowedHosts).toEqual([]);
    expect(cfg.api.allowUnauthenticatedRemote).toBe(false);
  });
});
