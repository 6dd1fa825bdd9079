/**
 * ChartBoxData.targetQuery (pure, run from its TypeScript source in a VM): which targets one series
 * of a chart asks GET /series for. Live: the LiveState's targets of the series' kind (the live list).
 * Time machine: `kind=` (every target of the kind the store knows, past ones included) and series
 * without points make no line, so a broker that has left since is drawn and one not there yet is not.
 */
import { COMMON, loadPanels } from '../../browser/support/panel-vm';

const NS = 'Flamingo2.view.monitoring.common';
const vmx = loadPanels([...COMMON, 'common/ChartBoxData.ts']);
const Data = vmx.get(`${NS}.ChartBoxData`);

function liveState(targets: Array<{ key: string; kind: string }>): unknown {
  const s = vmx.create(`${NS}.LiveState`, { cluster: '1' });
  s.applySnapshot({ cluster: '1', view: 'kafka', ts: 1000, samples: [], targets: targets.map((t) => ({ ...t, state: 'up' })) });
  return s;
}

const live = liveState([
  { key: 'broker-2', kind: 'kafka-broker' },
  { key: 'broker-1', kind: 'kafka-broker' },
  { key: 'producer-1', kind: 'kafka-client' },
]);
const ctx = (pastTargets?: boolean) => ({ cluster: '1', rangeMs: 900000, state: live, ...(pastTargets === undefined ? {} : { pastTargets }) });
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('ChartBoxData.targetQuery', () => {
  test('live: the live targets of the kind, one target= each, and only their series make lines', () => {
    expect(plain(Data.targetQuery({ metric: 'jvm.heap.used', kind: 'kafka-broker' }, ctx()))).toEqual({
      params: [
        ['target', 'broker-1'],
        ['target', 'broker-2'],
      ],
      keys: ['broker-1', 'broker-2'],
      dropEmpty: false,
    });
    expect(plain(Data.targetQuery({ metric: 'jvm.heap.used', kind: 'kafka-broker' }, ctx(false))).keys).toEqual(['broker-1', 'broker-2']);
  });

  test('live: a kind without any live target asks nothing', () => {
    expect(Data.targetQuery({ metric: 'zookeeper.avg_latency', kind: 'zookeeper' }, ctx())).toBeNull();
  });

  test('time machine: kind= instead of the live list (whatever the live state holds), empty series dropped', () => {
    const want = { params: [['kind', 'kafka-broker']], keys: null, dropEmpty: true };
    expect(plain(Data.targetQuery({ metric: 'jvm.heap.used', kind: 'kafka-broker' }, ctx(true)))).toEqual(want);
    expect(plain(Data.targetQuery({ metric: 'jvm.heap.used', kind: 'kafka-broker' }, { ...ctx(true), state: liveState([]) }))).toEqual(want);
    expect(plain(Data.targetQuery({ metric: 'zookeeper.avg_latency', kind: 'zookeeper' }, ctx(true)))).toEqual({
      params: [['kind', 'zookeeper']],
      keys: null,
      dropEmpty: true,
    });
  });

  test('a series naming its target, or with no kind, asks the same live and in the time machine', () => {
    for (const past of [false, true]) {
      expect(plain(Data.targetQuery({ metric: 'kafka.consumer_group.total_lag', target: 'cluster' }, ctx(past)))).toEqual({
        params: [['target', 'cluster']],
        keys: null,
        dropEmpty: false,
      });
      expect(plain(Data.targetQuery({ metric: 'kafka.consumer_group.total_lag' }, ctx(past)))).toEqual({ params: [], keys: null, dropEmpty: false });
    }
  });
});
