import { jolokiaUrlFor, parseBrokerRegistration, parseControllerId, parseEndpoint, toTarget } from '../../../sidecar/src/discovery/broker-registration';

/** Registration JSON exactly as Kafka 3.9 (ZooKeeper mode) wrote it on the local cluster. */
const KAFKA_39 =
  '{"features":{},"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT"},"endpoints":["PLAINTEXT://127.0.0.1:9092"],"jmx_port":-1,"port":9092,"host":"127.0.0.1","version":5,"timestamp":"1764057600000"}';

describe('parseBrokerRegistration', () => {
  test.each([
    ['Kafka 3.9 PLAINTEXT', '1', KAFKA_39, { id: 1, host: '127.0.0.1', port: 9092 }],
    ['jmx port kept when registered', '2', '{"host":"kafka2","port":9093,"jmx_port":9999}', { id: 2, host: 'kafka2', port: 9093, jmxPort: 9999 }],
    [
      'SASL_SSL only: host null, port -1 → first endpoint',
      '3',
      '{"endpoints":["SASL_SSL://kafka3.example:9093","SSL://other:9094"],"host":null,"port":-1}',
      { id: 3, host: 'kafka3.example', port: 9093 },
    ],
    ['custom listener names with digits and dashes', '4', '{"endpoints":["INTERNAL-1://k4:19092"]}', { id: 4, host: 'k4', port: 19092 }],
    ['IPv6 endpoint', '5', '{"endpoints":["PLAINTEXT://[fe80::1]:9092"]}', { id: 5, host: 'fe80::1', port: 9092 }],
    [
      'host with port -1: port from the matching endpoint',
      '6',
      '{"host":"k6","port":-1,"endpoints":["EXTERNAL://k6:29092"]}',
      { id: 6, host: 'k6', port: 29092 },
    ],
    ['endpoint without host skipped for the next one', '7', '{"endpoints":["PLAINTEXT://:9092","SSL://k7:9093"]}', { id: 7, host: 'k7', port: 9093 }],
    ['large broker id', '1001', '{"host":"k","port":1}', { id: 1001, host: 'k', port: 1 }],
  ])('%s', (_name, id, json, expected) => {
    expect(parseBrokerRegistration(id, json)).toEqual(expected);
  });

  test.each([
    ['non-numeric znode name', 'x', '{"host":"a"}'],
    ['negative id', '-1', '{"host":"a"}'],
    ['not JSON', '1', 'not json'],
    ['JSON null', '1', 'null'],
    ['JSON array', '1', '[{"host":"a"}]'],
    ['no host, no endpoints', '1', '{"endpoints":[]}'],
    ['endpoints of the wrong type', '1', '{"endpoints":"PLAINTEXT://a:1"}'],
    ['host that would break a URL', '1', '{"host":"evil.com/x?y=","port":9092}'],
    ['HTML in the host', '1', '{"host":"<img src=x onerror=alert(1)>","port":9092}'],
    ['endpoint with a path', '1', '{"endpoints":["PLAINTEXT://a:1/x"]}'],
  ])('unusable: %s', (_name, id, json) => {
    expect(parseBrokerRegistration(id, json)).toBeUndefined();
  });
});

describe('parseEndpoint', () => {
  test.each([
    ['PLAINTEXT://h:9092', { host: 'h', port: 9092 }],
    ['SASL_PLAINTEXT://[::1]:9092', { host: '::1', port: 9092 }],
    ['PLAINTEXT://h:0', undefined],
    ['PLAINTEXT://h:70000', undefined],
    ['h:9092', undefined],
    [42, undefined],
  ])('%p', (input, expected) => expect(parseEndpoint(input)).toEqual(expected));
});

describe('parseControllerId', () => {
  test.each([
    ['{"version":2,"brokerid":2,"timestamp":"1764057600000","kraftControllerEpoch":-1}', 2],
    ['{"version":1,"brokerid":0,"timestamp":"1"}', 0],
    ['{"brokerid":-1}', undefined],
    ['{"brokerid":"2"}', undefined],
    ['null', undefined],
    ['garbage', undefined],
  ])('%s → %p', (json, id) => expect(parseControllerId(json)).toBe(id));
});

describe('jolokiaUrlFor / toTarget', () => {
  test.each([
    ['http://{host}:{port}/jolokia', 'http://kafka3:8783/jolokia'],
    ['http://{host}:8778/jolokia', 'http://kafka3:8778/jolokia'],
    ['https://jolokia-{id}.example/jolokia/?b={id}', 'https://jolokia-3.example/jolokia/?b=3'],
    ['http://{host}:{port}/{host}', 'http://kafka3:8783/kafka3'],
  ])('%s', (template, url) => expect(jolokiaUrlFor(template, { id: 3, host: 'kafka3' }, 8780)).toBe(url));

  test('IPv6 hosts are bracketed in the URL', () => {
    expect(jolokiaUrlFor('http://{host}:{port}/jolokia', { id: 1, host: '::1' }, 8780)).toBe('http://[::1]:8781/jolokia');
  });

  test('target: broker-<id>, discovered, attributes brokerId/host/port (+ jmxPort)', () => {
    expect(toTarget('c1', { id: 2, host: 'k2', port: 9093, jmxPort: 9999 }, 'http://{host}:{port}/jolokia', 8780)).toEqual({
      clusterId: 'c1',
      key: 'broker-2',
      kind: 'kafka-broker',
      origin: 'discovered',
      jolokiaUrl: 'http://k2:8782/jolokia',
      attributes: { brokerId: '2', host: 'k2', port: '9093', jmxPort: '9999' },
    });
    expect(toTarget('c1', { id: 1, host: 'k1' }, 'http://{host}:{port}/jolokia', 8780).attributes).toEqual({ brokerId: '1', host: 'k1' });
  });
});
