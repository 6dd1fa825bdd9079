import { RepeatLimiter, type LogRecord } from '../../../sidecar/src/log/repeat-limiter';

const MIN = 60_000;
const rec = (msg: string, fields: Record<string, unknown> = {}, level = 'warn'): LogRecord => ({ time: '', level, msg, ...fields });

type Step = { at: number; record: LogRecord };
type Case = { name: string; windowMs: number; steps: Step[]; written: string[]; flushed?: string[] };

/** What was written, as `<msg>` or `<msg> [suppressed=N]` for a summary. */
const show = (r: LogRecord): string => (r.suppressed === undefined ? r.msg : `${r.msg} [suppressed=${String(r.suppressed)}]`);

const cases: Case[] = [
  {
    name: 'the first line passes, repeats within the window are held back, the next after it brings a summary',
    windowMs: 10 * MIN,
    steps: [0, 1, 2, 9, 10, 11].map((m) => ({ at: m * MIN, record: rec('job failed', { job: 'sync' }) })),
    written: ['job failed', 'job failed (suppressed 3 similar lines in the last 10 min) [suppressed=3]', 'job failed'],
    flushed: ['job failed (suppressed 1 similar lines in the last 10 min) [suppressed=1]'],
  },
  {
    name: 'fields that vary (error, duration) do not make a new kind',
    windowMs: 10 * MIN,
    steps: [
      { at: 0, record: rec('job failed', { job: 'sync', error: 'timeout after 10001 ms', durationMs: 5 }) },
      { at: MIN, record: rec('job failed', { job: 'sync', error: 'timeout after 10042 ms', durationMs: 7 }) },
    ],
    written: ['job failed'],
    flushed: ['job failed (suppressed 1 similar lines in the last 10 min) [suppressed=1]'],
  },
  {
    name: 'another source, message or level is another kind',
    windowMs: 10 * MIN,
    steps: [
      { at: 0, record: rec('target down', { target: 'b1' }) },
      { at: 1, record: rec('target down', { target: 'b2' }) },
      { at: 2, record: rec('target state', { target: 'b1' }) },
      { at: 3, record: rec('target down', { target: 'b1' }, 'error') },
      { at: 4, record: rec('target down', { target: 'b1', module: 'other' }) },
    ],
    written: ['target down', 'target down', 'target state', 'target down', 'target down'],
    flushed: [],
  },
  {
    name: 'a kind that stops repeating gets its summary when the window has passed and anything is logged',
    windowMs: 10 * MIN,
    steps: [
      { at: 0, record: rec('job failed', { job: 'a' }) },
      { at: MIN, record: rec('job failed', { job: 'a' }) },
      { at: 25 * MIN, record: rec('listening') },
    ],
    written: ['job failed', 'job failed (suppressed 1 similar lines in the last 25 min) [suppressed=1]', 'listening'],
    flushed: [],
  },
  {
    name: 'nothing held back: no summary',
    windowMs: 10 * MIN,
    steps: [0, 10, 20].map((m) => ({ at: m * MIN, record: rec('tick') })),
    written: ['tick', 'tick', 'tick'],
    flushed: [],
  },
  {
    name: 'a short window is named in seconds',
    windowMs: 30_000,
    steps: [0, 10_000, 20_000, 30_000].map((at) => ({ at, record: rec('x') })),
    written: ['x', 'x (suppressed 2 similar lines in the last 30 s) [suppressed=2]', 'x'],
    flushed: [],
  },
];

test.each(cases)('$name', ({ windowMs, steps, written, flushed }) => {
  const limiter = new RepeatLimiter(windowMs);
  const out = steps.flatMap((s) => limiter.admit(s.record, s.at));
  expect(out.map(show)).toEqual(written);
  const last = steps[steps.length - 1]!.at;
  expect(limiter.flush(last).map(show)).toEqual(flushed ?? []);
});

test('a summary keeps the source fields of the lines it stands for and says since when', () => {
  const limiter = new RepeatLimiter(10 * MIN);
  limiter.admit(rec('job failed', { job: 'sync', error: 'e1' }), 0);
  limiter.admit(rec('job failed', { job: 'sync', error: 'e2' }), MIN);
  const [summary] = limiter.admit(rec('job failed', { job: 'sync', error: 'e3' }), 10 * MIN);
  expect(summary).toMatchObject({ level: 'warn', job: 'sync', error: 'e2', suppressed: 1, suppressedSince: new Date(0).toISOString() });
});
