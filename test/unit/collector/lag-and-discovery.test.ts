import { groupStateCode, partitionLag, totalLag } from '../../../sidecar/src/collector/lag/group-lag';
import { jolokiaUrlFor, parseBrokerRegistration, toTarget } from '../../../sidecar/src/discovery/zookeeper-brokers';

describe('consumer lag math', () => {
  test.each([
    [{ committed: 100, logEnd: 130 }, 30],
    [{ committed: 130, logEnd: 130 }, 0],
    [{ committed: 140, logEnd: 130 }, 0], // committed beyond the high watermark (truncation): never negative
    [{ committed: -1, logEnd: 130 }, undefined], // the group never committed on this partition
    [{ committed: 5, logEnd: undefined }, undefined], // log-end unknown (topic unreadable)
  ])('%p → lag %p', (o, lag) => {
    expect(partitionLag({ topic: 't', partition: 0, ...o }).lag).toBe(lag);
  });

  test('total lag sums known partitions; none known → undefined', () => {
    const parts = [partitionLag({ topic: 't', partition: 0, committed: 1, logEnd: 5 }), partitionLag({ topic: 't', partition: 1, committed: -1, logEnd: 9 })];
    expect(totalLag(parts)).toBe(4);
    expect(totalLag([parts[1] as ReturnType<typeof partitionLag>])).toBeUndefined();
  });

  test.each([
    ['Stable', 3],
    ['Empty', 5],
    ['PreparingRebalance', 1],
    ['SomethingNew', 0],
  ])('group state %s → code %d', (s, code) => {
    expect(groupStateCode(s)).toBe(code);
  });
});

describe('broker discovery from /brokers/ids', () => {
  test('host/port registration', () => {
    expect(parseBrokerRegistration('2', '{"host":"10.0.0.2","port":9092,"jmx_port":-1}')).toEqual({ id: 2, host: '10.0.0.2', port: 9092 });
  });
  test('endpoints-only registration (listeners with security protocols)', () => {
    expect(parseBrokerRegistration('3', '{"endpoints":["SASL_SSL://kafka3.example:9093"],"host":null,"port":-1}')).toEqual({ id: 3, host: 'kafka3.example', port: 9093 });
  });
  test.each([
    ['x', '{"host":"a"}'],
    ['1', 'not json'],
    ['1', '{"endpoints":[]}'],
  ])('unusable registration %s %s → undefined', (id, json) => {
    expect(parseBrokerRegistration(id, json)).toBeUndefined();
  });
  test('Jolokia URL template and target', () => {
    const b = { id: 3, host: 'kafka3', port: 9092 };
    expect(jolokiaUrlFor('http://{host}:{port}/jolokia?b={id}', b, 8780)).toBe('http://kafka3:8783/jolokia?b=3');
    expect(toTarget('c1', b, 'http://{host}:8778/jolokia', 0)).toMatchObject({ clusterId: 'c1', key: 'broker-3', kind: 'kafka-broker', origin: 'discovered', jolokiaUrl: 'http://kafka3:8778/jolokia' });
  });
});
