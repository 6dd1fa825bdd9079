/** LifecycleGroup: start order, reverse stop, rollback on a failed start, idempotent stop, stop during start. */
import { LifecycleGroup, StartAbortedError } from '../../../sidecar/src/app/lifecycle-group';
import type { Lifecycle } from '../../../sidecar/src/core/lifecycle';
import { silentLogger } from '../../../sidecar/src/log/logger';

interface FakeSpec {
  name: string;
  /** start() rejects with this message. */
  failStart?: string;
  /** stop() throws (breaking the contract) with this message. */
  failStop?: string;
}

/** Modules that append `start:x` / `stop:x` to one journal; start() can be held open with `gate`. */
function fakes(specs: FakeSpec[], journal: string[], gate?: { name: string; wait: Promise<void> }): Lifecycle[] {
  return specs.map((s) => ({
    name: s.name,
    async start() {
      journal.push(`start:${s.name}`);
      if (gate?.name === s.name) await gate.wait;
      if (s.failStart) throw new Error(s.failStart);
    },
    async stop() {
      journal.push(`stop:${s.name}`);
      if (s.failStop) throw new Error(s.failStop);
    },
  }));
}

const abc = [{ name: 'a' }, { name: 'b' }, { name: 'c' }];

test.each<{ title: string; specs: FakeSpec[]; startError?: string; journal: string[] }>([
  {
    title: 'starts in order and stops in reverse',
    specs: abc,
    journal: ['start:a', 'start:b', 'start:c', 'stop:c', 'stop:b', 'stop:a'],
  },
  {
    title: 'a failed start stops it and the started ones in reverse, starts no later one, rethrows its error',
    specs: [{ name: 'a' }, { name: 'b', failStart: 'b is broken' }, { name: 'c' }],
    startError: 'b is broken',
    journal: ['start:a', 'start:b', 'stop:b', 'stop:a'],
  },
  {
    title: 'a failure of the first module stops only that one',
    specs: [{ name: 'a', failStart: 'no database' }, { name: 'b' }],
    startError: 'no database',
    journal: ['start:a', 'stop:a'],
  },
  {
    title: 'a module throwing from stop() does not keep the others running',
    specs: [{ name: 'a' }, { name: 'b', failStop: 'bug' }, { name: 'c' }],
    journal: ['start:a', 'start:b', 'start:c', 'stop:c', 'stop:b', 'stop:a'],
  },
])('$title', async ({ specs, startError, journal: expected }) => {
  const journal: string[] = [];
  const group = new LifecycleGroup('test', fakes(specs, journal), silentLogger);
  if (startError) await expect(group.start()).rejects.toThrow(startError);
  else await group.start();
  await group.stop();
  expect(journal).toEqual(expected);
});

test('stop is idempotent: concurrent and repeated calls stop each module once', async () => {
  const journal: string[] = [];
  const group = new LifecycleGroup('test', fakes(abc, journal), silentLogger);
  await group.start();
  const first = group.stop();
  expect(group.stop()).toBe(first);
  await first;
  await group.stop();
  expect(journal).toEqual(['start:a', 'start:b', 'start:c', 'stop:c', 'stop:b', 'stop:a']);
});

test('concurrent starts share one start', async () => {
  const journal: string[] = [];
  const group = new LifecycleGroup('test', fakes(abc, journal), silentLogger);
  expect(group.start()).toBe(group.start());
  await group.start();
  expect(journal).toEqual(['start:a', 'start:b', 'start:c']);
  await group.stop();
});

test('stop during start: the module being started finishes, no later one starts, the started ones stop in reverse', async () => {
  const journal: string[] = [];
  let release = (): void => undefined;
  const wait = new Promise<void>((r) => (release = r));
  const group = new LifecycleGroup('test', fakes(abc, journal, { name: 'b', wait }), silentLogger);
  const started = group.start();
  await Promise.resolve();
  const stopped = group.stop();
  expect(journal).toEqual(['start:a', 'start:b']);
  release();
  await expect(started).rejects.toBeInstanceOf(StartAbortedError);
  await stopped;
  expect(journal).toEqual(['start:a', 'start:b', 'stop:b', 'stop:a']);
});

test('stop before start stops nothing; a stopped group does not start again', async () => {
  const journal: string[] = [];
  const group = new LifecycleGroup('test', fakes(abc, journal), silentLogger);
  await group.stop();
  await expect(group.start()).rejects.toBeInstanceOf(StartAbortedError);
  expect(journal).toEqual([]);
});

test('a module listed twice is refused at construction', () => {
  expect(() => new LifecycleGroup('test', fakes([{ name: 'a' }, { name: 'a' }], []), silentLogger)).toThrow('module "a" is listed twice');
});
