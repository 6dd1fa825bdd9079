import { parseConfig } from '../../../sidecar/src/config/load';
import { configuredHosts, discoveryAllowList, refusalMessage, screenDiscovered } from '../../../sidecar/src/app/discovery-trust';
import { toTarget } from '../../../sidecar/src/discovery/broker-registration';

const cluster = (discovery: Record<string, unknown> = {}) =>
  parseConfig({
    clusters: [
      {
        id: '1',
        name: 'c',
        bootstrap: ['kafka-b.example.com:9092'],
        brokers: [{ key: 'broker-1', jolokia: 'http://kafka1.example.com:8778/jolokia' }],
        zookeepers: [{ key: 'zk-1', admin: 'http://[fd00::5]:8080', client: 'zk1.example.com:2181' }],
        discovery: { zookeeper: 'zk1.example.com:2181,10.0.0.7:2181/kafka', jolokiaUrlTemplate: 'http://{host}:{port}/jolokia', ...discovery },
      },
    ],
  }).clusters[0]!;

const broker = (id: number, host: string) => toTarget('1', { id, host }, 'http://{host}:{port}/jolokia', 8780);

test('the configured hosts: targets, bootstrap and the ZooKeeper connect string (without its chroot)', () => {
  expect(configuredHosts(cluster()).sort()).toEqual(['10.0.0.7', 'fd00::5', 'kafka-b.example.com', 'kafka1.example.com', 'zk1.example.com']);
});

test('without discovery.allow only hosts the config names are allowed', () => {
  const { allowed, refused } = screenDiscovered(
    [broker(1, 'kafka1.example.com'), broker(2, 'kafka2.example.com'), broker(3, '10.0.0.7'), broker(4, 'fd00:0::5'), broker(5, '127.0.0.1')],
    discoveryAllowList(cluster()),
  );
  expect(allowed.map((t) => t.key)).toEqual(['broker-1', 'broker-3', 'broker-4']);
  expect(refused.map((r) => r.registration)).toEqual(['broker-2@kafka2.example.com', 'broker-5@127.0.0.1']);
});

test('with discovery.allow that list alone decides', () => {
  const allow = discoveryAllowList(cluster({ allow: ['*.example.com', '192.168.0.0/16'] }));
  const { allowed, refused } = screenDiscovered(
    [broker(1, 'kafka9.example.com'), broker(2, 'evil-example.com'), broker(3, '192.168.3.4'), broker(4, '10.0.0.7')],
    allow,
  );
  expect(allowed.map((t) => t.key)).toEqual(['broker-1', 'broker-3']);
  expect(refused.map((r) => r.host)).toEqual(['evil-example.com', '10.0.0.7']);
});

test('the Jolokia URL host counts too (a template pointing elsewhere than the registered host)', () => {
  const t = toTarget('1', { id: 1, host: 'kafka1.example.com' }, 'http://evil.org:{port}/jolokia', 8780);
  const { refused } = screenDiscovered([t], discoveryAllowList(cluster()));
  expect(refused.map((r) => r.host)).toEqual(['evil.org']);
});

test('the event text names the broker, the host and the list', () => {
  const [r] = screenDiscovered([broker(9, 'evil.org')], discoveryAllowList(cluster())).refused;
  expect(refusalMessage(r!, true)).toBe('broker-9 registered in /brokers/ids with host evil.org, which is not in discovery.allow: not contacted');
  expect(refusalMessage(r!, false)).toContain("not in the hosts of this cluster's config (set discovery.allow to trust more)");
});
