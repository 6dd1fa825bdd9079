import { AlertEngine } from '../../../sidecar/src/alerts/alert-engine';
import type { Sample, TargetKind } from '../../../sidecar/src/core/model';

const s = (target: string, metric: string, value: number, labels: Record<string, string> = {}): Sample => ({
  clusterId: 'c',
  target,
  metric,
  labels,
  ts: 1000,
  value,
});

describe('AlertEngine.observe', () => {
  test('kinds are looked up once per target run of a batch and stay right when a batch mixes targets', () => {
    const engine = new AlertEngine([], 60_000);
    const kinds: Record<string, TargetKind> = { 'broker-1': 'kafka-broker', 'zk-1': 'zookeeper' };
    const asked: string[] = [];
    const kindOf = (key: string): TargetKind | undefined => (asked.push(key), kinds[key]);
    engine.observe('c', [s('broker-1', 'm', 1), s('broker-1', 'm', 2, { topic: 'a' }), s('zk-1', 'z', 3), s('broker-1', 'n', 4)], kindOf, 'jmx');
    expect(asked).toEqual(['broker-1', 'zk-1', 'broker-1']);
    expect(engine.values('c', 1000).map((v) => [v.target, v.metric, v.kind, v.value])).toEqual([
      ['broker-1', 'm', 'kafka-broker', 1],
      ['broker-1', 'm', 'kafka-broker', 2],
      ['zk-1', 'z', 'zookeeper', 3],
      ['broker-1', 'n', 'kafka-broker', 4],
    ]);
  });

  test('a series is keyed by its labels whatever their order or sharing (frozen label sets included)', () => {
    const engine = new AlertEngine([], 60_000);
    engine.observe('c', [s('b', 'm', 1, { topic: 'a', partition: '0' })], () => 'kafka-broker');
    engine.observe('c', [s('b', 'm', 2, Object.freeze({ partition: '0', topic: 'a' }))], () => 'kafka-broker');
    expect(engine.values('c', 1000).map((v) => v.value)).toEqual([2]);
  });
});
