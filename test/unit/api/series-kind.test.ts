/**
 * `/series?kind=` (the time machine's charts: every target of a kind the store knows, past ones
 * included): the parameter's parsing and the pure narrowing of asked targets to the kind's.
 */
import { parseSeriesQuery } from '../../../sidecar/src/api/params';
import { narrowToKind } from '../../../sidecar/src/store/targets-of-kind';

const NOW = Date.UTC(2026, 10, 25, 12);
const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('parseSeriesQuery kind', () => {
  test('absent: no kind in the query (as before)', () => {
    const r = parseSeriesQuery('1', q('metric=jvm.heap.used'), NOW);
    expect(r.ok && 'kind' in r.value).toBe(false);
  });

  test.each(['kafka-broker', 'zookeeper', 'kafka-client', 'kafka-cluster'])('kind=%s is kept, with targets', (kind) => {
    const r = parseSeriesQuery('1', q(`metric=jvm.heap.used&kind=${kind}&target=broker-9`), NOW);
    expect(r.ok && r.value).toMatchObject({ kind, targets: ['broker-9'] });
  });

  test.each([['kind=broker'], ['kind=kafka-broker&kind=zookeeper'], ['kind=%3Cimg%3E']])('%s → 400 naming kind', (extra) => {
    const r = parseSeriesQuery('1', q(`metric=jvm.heap.used&${extra}`), NOW);
    expect(!r.ok && { status: r.error.status, param: r.error.param }).toEqual({ status: 400, param: 'kind' });
  });

  test('empty kind= means no kind', () => {
    const r = parseSeriesQuery('1', q('metric=jvm.heap.used&kind='), NOW);
    expect(r.ok && 'kind' in r.value).toBe(false);
  });
});

describe('narrowToKind', () => {
  const brokers = ['broker-1', 'broker-2', 'broker-9'];
  test('no target asked: every target of the kind', () => {
    expect(narrowToKind([], brokers)).toEqual(brokers);
  });
  test('targets asked: those of the kind, in the order asked', () => {
    expect(narrowToKind(['broker-9', 'zk-1', 'broker-1'], brokers)).toEqual(['broker-9', 'broker-1']);
  });
  test('none of the kind: nothing (the read model then reads no series)', () => {
    expect(narrowToKind(['zk-1'], brokers)).toEqual([]);
    expect(narrowToKind([], [])).toEqual([]);
  });
});
