/** Config `retention`: defaults per table, bounds, coarser tables kept at least as long, unknown keys refused. */
import { ConfigError, parseConfig } from '../../../sidecar/src/config/load';

const withRetention = (retention?: unknown) => ({
  clusters: [{ id: '1', name: 'local', brokers: [{ key: 'broker-1', jolokia: 'http://127.0.0.1:8781/jolokia' }] }],
  ...(retention === undefined ? {} : { retention }),
});

test('defaults: raw 7 days, 1 minute 30 days, 1 hour 365 days', () => {
  expect(parseConfig(withRetention()).retention).toEqual({
    rawDays: 7,
    minuteDays: 30,
    hourDays: 365,
    schedule: '0 7 * * * *',
    compactClosedDays: true,
    compactSchedule: '0 37 * * * *',
  });
  expect(parseConfig(withRetention({ compactClosedDays: false })).retention.compactClosedDays).toBe(false);
  expect(parseConfig(withRetention({ rawDays: 3 })).retention).toMatchObject({ rawDays: 3, minuteDays: 30, hourDays: 365 });
});

test.each([
  ['a coarser table kept shorter than a finer one', { rawDays: 10, minuteDays: 5 }, /retention: .*rawDays ≤ minuteDays ≤ hourDays/],
  ['hours kept shorter than minutes', { minuteDays: 40, hourDays: 35 }, /retention: .*rawDays ≤ minuteDays ≤ hourDays/],
  ['zero days', { minuteDays: 0 }, /retention\.minuteDays/],
  ['fractional days', { hourDays: 1.5 }, /retention\.hourDays/],
  ['unknown key', { days: 3 }, /retention.*unknown key/],
  ['compaction switch not a boolean', { compactClosedDays: 'yes' }, /retention\.compactClosedDays/],
  ['compaction schedule not a cron expression', { compactSchedule: 'hourly' }, /retention\.compactSchedule/],
])('refused: %s', (_name, retention, re) => {
  expect(() => parseConfig(withRetention(retention), 'test')).toThrow(ConfigError);
  expect(() => parseConfig(withRetention(retention), 'test')).toThrow(re);
});
