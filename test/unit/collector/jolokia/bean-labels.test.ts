import { BeanLabelCache, NO_LABELS, makeLabels } from '../../../../sidecar/src/collector/jolokia/bean-labels';
import { canonicalLabels } from '../../../../sidecar/src/core/labels';

const BEAN = (topic: string) => `kafka.server:name=BytesInPerSec,topic=${topic},type=BrokerTopicMetrics`;

describe('BeanLabelCache', () => {
  test('labels come from the bean name; the same bean gives the same frozen object', () => {
    const c = new BeanLabelCache();
    const a = c.labelsOf(['topic'], BEAN('orders'));
    expect(a).toEqual({ topic: 'orders' });
    expect(Object.isFrozen(a)).toBe(true);
    expect(c.labelsOf(['topic'], BEAN('orders'))).toBe(a);
  });

  test('never stale: a bean that changes (topic renamed, partition added) gets its own labels', () => {
    const c = new BeanLabelCache();
    const before = c.labelsOf(['topic'], BEAN('orders'));
    expect(c.labelsOf(['topic'], BEAN('orders-v2'))).toEqual({ topic: 'orders-v2' });
    expect(c.labelsOf(['topic'], BEAN('orders'))).toBe(before);
    const part = 'kafka.log:name=Size,partition=0,topic=orders,type=Log';
    expect(c.labelsOf(['topic', 'partition'], part)).toEqual({ topic: 'orders', partition: '0' });
    expect(c.labelsOf(['topic'], part)).toEqual({ topic: 'orders' });
    expect(c.labelsOf(['topic', 'partition'], part.replace('partition=0', 'partition=1'))).toEqual({ topic: 'orders', partition: '1' });
  });

  test('label keys missing from the bean give empty strings; quoted values are unquoted', () => {
    const c = new BeanLabelCache();
    expect(c.labelsOf(['topic', 'partition'], BEAN('x'))).toEqual({ topic: 'x', partition: '' });
    expect(c.labelsOf(['topic'], 'kafka.server:name=X,topic="a,b=c",type=T')).toEqual({ topic: 'a,b=c' });
  });

  test('no label keys: the one shared empty label set', () => {
    const c = new BeanLabelCache();
    expect(c.labelsOf(undefined, BEAN('a'))).toBe(NO_LABELS);
    expect(c.labelsOf([], BEAN('b'))).toBe(NO_LABELS);
    expect(NO_LABELS).toEqual({});
    expect(c.size).toBe(0);
  });

  test('bounded: past maxEntries it starts over and still answers correctly', () => {
    const c = new BeanLabelCache(3);
    const first = c.labelsOf(['topic'], BEAN('t0'));
    for (let i = 1; i < 10; i++) expect(c.labelsOf(['topic'], BEAN(`t${i}`))).toEqual({ topic: `t${i}` });
    expect(c.size).toBeLessThanOrEqual(3);
    const again = c.labelsOf(['topic'], BEAN('t0'));
    expect(again).toEqual(first);
  });

  test('bounded in characters too: long bean names past maxChars start it over, still answering correctly', () => {
    const c = new BeanLabelCache(1000, 10_000);
    const long = (i: number) => BEAN(`${'x'.repeat(3000)}${i}`);
    for (let i = 0; i < 10; i++) expect(c.labelsOf(['topic'], long(i))).toEqual({ topic: `${'x'.repeat(3000)}${i}` });
    // at most three names of ~3,000 characters fit in 10,000
    expect(c.size).toBeLessThanOrEqual(3);
    // one name longer than the whole bound is still answered
    expect(c.labelsOf(['topic'], BEAN('y'.repeat(20_000)))).toEqual({ topic: 'y'.repeat(20_000) });
  });

  test('makeLabels gives a new frozen set every time', () => {
    const a = makeLabels(['topic'], BEAN('a'));
    expect(makeLabels(['topic'], BEAN('a'))).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('canonicalLabels on shared frozen label sets', () => {
  test('remembered per frozen object, computed for mutable ones (a changed object is never served stale)', () => {
    const frozen = Object.freeze({ topic: 'b', partition: '1' });
    expect(canonicalLabels(frozen)).toBe('{"partition":"1","topic":"b"}');
    expect(canonicalLabels(frozen)).toBe('{"partition":"1","topic":"b"}');
    const mutable: Record<string, string> = { topic: 'a' };
    expect(canonicalLabels(mutable)).toBe('{"topic":"a"}');
    mutable.topic = 'changed';
    expect(canonicalLabels(mutable)).toBe('{"topic":"changed"}');
    // an equal frozen object elsewhere gives the same string
    expect(canonicalLabels(Object.freeze({ partition: '1', topic: 'b' }))).toBe(canonicalLabels(frozen));
  });
});
