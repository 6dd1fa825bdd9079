import { AlertEngine } from '../../../sidecar/src/alerts/alert-engine';
import type { Sample } from '../../../sidecar/src/core/model';

const DAY = 86_400_000;
const s = (target: string, topic: string, ts: number): Sample => ({ clusterId: 'c', target, metric: 'm', labels: { topic }, ts, value: 1 });

describe('AlertEngine forgets series not seen within retention', () => {
  test.each([
    {
      name: 'an old series is dropped at the next evaluation, a fresh one kept',
      seen: [
        ['b', 'old', 0],
        ['b', 'new', 7 * DAY],
      ],
      now: 8 * DAY,
      kept: 1,
    },
    {
      name: 'all within retention: all kept (stale ones only ignored by the rules)',
      seen: [
        ['b', 'a', 2 * DAY],
        ['b', 'c', 3 * DAY],
      ],
      now: 8 * DAY,
      kept: 2,
    },
    { name: 'nothing fresh: nothing kept', seen: [['b', 'a', 0]], now: 30 * DAY, kept: 0 },
  ] as const)('$name', ({ seen, now, kept }) => {
    const engine = new AlertEngine([], 60_000);
    engine.forgetAfter(7 * DAY);
    for (const [target, topic, ts] of seen) engine.observe('c', [s(target, topic, ts)], () => 'kafka-broker');
    expect(engine.size('c')).toBe(seen.length);
    engine.evaluate('c', now);
    expect(engine.size('c')).toBe(kept);
  });

  test('target health not observed within retention is forgotten with it', () => {
    const engine = new AlertEngine([], 60_000);
    engine.forgetAfter(DAY);
    engine.observeHealth('c', 'gone', 'jmx', 'down', 'kafka-broker', 0);
    engine.observeHealth('c', 'here', 'jmx', 'up', 'kafka-broker', 2 * DAY);
    engine.evaluate('c', 2 * DAY);
    expect(engine.values('c', 2 * DAY).map((v) => `${v.metric}:${v.target}`)).toEqual(['target.up:here']);
  });

  test('without forgetAfter nothing is forgotten (the engine alone keeps every series)', () => {
    const engine = new AlertEngine([], 60_000);
    engine.observe('c', [s('b', 'a', 0)], () => 'kafka-broker');
    engine.evaluate('c', 365 * DAY);
    expect(engine.size('c')).toBe(1);
  });
});
