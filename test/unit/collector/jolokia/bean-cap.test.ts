import { capBeansPerPattern } from '../../../../sidecar/src/collector/jolokia/bean-cap';
import type { JolokiaReadRequest } from '../../../../sidecar/src/collector/jolokia/request-builder';

const PATTERN = 'kafka.log:type=Log,name=Size,topic=*,partition=*';
const PLAIN = 'java.lang:type=Memory';
const req = (mbean: string): JolokiaReadRequest => ({ type: 'read', mbean, attribute: ['Value'] });
const beans = (n: number): Record<string, { Value: number }> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`kafka.log:type=Log,name=Size,topic=t,partition=${n - 1 - i}`, { Value: i }]));

describe('capBeansPerPattern', () => {
  test.each([
    ['under the cap', 5, 10, 5, false],
    ['at the cap', 10, 10, 10, false],
    ['over the cap', 25, 10, 10, true],
  ])('%s: %i beans, cap %i → %i kept', (_name, n, cap, kept, overflow) => {
    const body = [{ status: 200, value: beans(n) }];
    const out = capBeansPerPattern([req(PATTERN)], body, cap);
    expect(Object.keys((out.body as { value: object }[])[0]!.value)).toHaveLength(kept);
    expect(out.overflows).toEqual(overflow ? [{ mbean: PATTERN, beans: n, kept }] : []);
    if (!overflow) expect(out.body).toBe(body);
  });

  test('keeps the first N by bean name, whatever order the agent answered in, and does not mutate the answer', () => {
    const value = beans(30);
    const shuffled = Object.fromEntries(Object.entries(value).reverse());
    const body = [{ status: 200, value: shuffled }];
    const a = capBeansPerPattern([req(PATTERN)], body, 5);
    const b = capBeansPerPattern([req(PATTERN)], [{ status: 200, value }], 5);
    const names = Object.keys((a.body as { value: object }[])[0]!.value);
    expect(names).toEqual(Object.keys(value).sort().slice(0, 5));
    expect(Object.keys((b.body as { value: object }[])[0]!.value)).toEqual(names);
    expect(Object.keys(body[0]!.value)).toHaveLength(30);
  });

  test('plain MBeans, errors and non-arrays pass unchanged', () => {
    const plain = [
      { status: 200, value: { a: 1, b: 2, c: 3 } },
      { status: 404, error: 'x' },
    ];
    expect(capBeansPerPattern([req(PLAIN), req(PATTERN)], plain, 1)).toEqual({ body: plain, overflows: [] });
    const whole = { status: 500, error: 'boom' };
    expect(capBeansPerPattern([req(PATTERN)], whole, 1)).toEqual({ body: whole, overflows: [] });
  });
});
