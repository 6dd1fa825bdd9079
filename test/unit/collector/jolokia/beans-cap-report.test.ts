import { buildCatalog } from '../../../../sidecar/src/catalog/catalog';
import type { BeansCapChange } from '../../../../sidecar/src/collector/jolokia/bean-cap';
import { createJolokiaCollector } from '../../../../sidecar/src/collector/jolokia/collect-target';
import { RateTracker } from '../../../../sidecar/src/collector/rates';
import type { Target } from '../../../../sidecar/src/core/model';
import { beansCapEvent } from '../../../../sidecar/src/events/series-limit';
import { silentLogger as log } from '../../../../sidecar/src/log/logger';
import { type FakeJolokia, loadFixture, type Snapshot, startFakeJolokia } from '../../../support/fake-jolokia';

const LOG_SIZE = 'kafka.log:type=Log,name=Size,topic=*,partition=*';
const CAP = 10;

/** The broker fixture with `partitions` log-size beans of topic `flood`. */
function withPartitions(partitions: number): Snapshot {
  const s = loadFixture('broker');
  for (const name of Object.keys(s.beans)) if (name.startsWith('kafka.log:type=Log,name=Size,')) delete s.beans[name];
  for (let p = 0; p < partitions; p++) s.beans[`kafka.log:type=Log,name=Size,topic=flood,partition=${p}`] = { Value: p };
  return s;
}

describe('beans over jolokia.maxBeansPerPattern', () => {
  let fake: FakeJolokia;
  let snapshot = withPartitions(25);
  beforeAll(async () => {
    fake = await startFakeJolokia({ snapshotFor: () => snapshot });
  });
  afterAll(() => fake.stop());

  test('kept to the first N by name, in the warnings every read, reported once when it starts and once when it stops (fast ticks change nothing)', async () => {
    const changes: BeansCapChange[] = [];
    const collect = createJolokiaCollector({
      catalog: buildCatalog(),
      timeoutMs: 2000,
      slowEvery: 2,
      rates: new RateTracker(),
      log,
      maxBeansPerPattern: CAP,
      onBeansCapped: (c) => changes.push(c),
    });
    const broker: Target = { clusterId: 'c1', key: 'broker-1', kind: 'kafka-broker', jolokiaUrl: fake.url, origin: 'config' };
    const tick = async (tickNo: number) => collect(broker, { tickNo, now: 1000 * (tickNo + 1) });

    const first = await tick(0); // slow: log sizes read
    const sizes = first.samples.filter((s) => s.metric === 'kafka.log.size');
    expect(sizes.map((s) => Number(s.labels.partition)).sort((a, b) => a - b)).toEqual([0, 1, 10, 11, 12, 13, 14, 15, 16, 17]); // first 10 names: partition=0, 1, 10..17
    expect(first.warnings).toContain(`${LOG_SIZE}: 25 beans, kept the first ${CAP} (jolokia.maxBeansPerPattern)`);
    await tick(1); // fast: not read, no change
    const third = await tick(2); // slow, still over
    expect(third.warnings[0]).toMatch(/25 beans, kept the first 10/);
    expect(changes).toEqual([{ state: 'hit', clusterId: 'c1', target: 'broker-1', mbean: LOG_SIZE, beans: 25, limit: CAP, ts: 1000 }]);

    snapshot = withPartitions(5);
    await tick(3);
    await tick(4);
    await tick(6);
    expect(changes.map((c) => `${c.state} ${c.ts}`)).toEqual(['hit 1000', 'cleared 5000']);
    expect(changes.map(beansCapEvent).map((e) => `${e.kind} ${e.severity} ${e.subject}`)).toEqual([
      'series-limit warning target=broker-1',
      'series-limit info target=broker-1',
    ]);
  });
});
