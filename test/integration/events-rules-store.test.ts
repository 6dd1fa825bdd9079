/**
 * Timeline events, alert rule changes and the copy into Flamingo's FL_SYSTEM_EVENTS against the
 * real MariaDB (fresh database, migrations applied, Flamingo's table from sql/demo/flamingo-host.sql).
 */
import { readFileSync } from 'fs';
import path from 'path';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { createLogger, silentLogger } from '../../sidecar/src/log/logger';
import { EventStore } from '../../sidecar/src/store/event-store';
import type { AlertState } from '../../sidecar/src/core/alert';
import type { TimelineEvent } from '../../sidecar/src/core/timeline-event';
import { migrate } from '../../sidecar/src/store/migrate';
import { RuleStore } from '../../sidecar/src/store/rule-store';
import { FlamingoSystemEvents } from '../../sidecar/src/store/system-events';
import { freshDatabase } from '../support/mysql';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase('events');
  await migrate(db.pool, silentLogger);
  const conn = await mysql.createConnection({ uri: db.url, multipleStatements: true });
  try {
    await conn.query(readFileSync(path.join(__dirname, '../../sql/demo/flamingo-host.sql'), 'utf8'));
  } finally {
    await conn.end();
  }
});
afterAll(() => db.drop());

const ev = (over: Partial<TimelineEvent>): TimelineEvent => ({
  clusterId: 'c1',
  ts: 1_700_000_000_000,
  kind: 'target-down',
  severity: 'critical',
  subject: 'broker-2',
  message: 'broker-2 cannot be collected',
  ...over,
});

test('events get consecutive ids and are found by time, severity, kind and subject (LIKE wildcards are literal)', async () => {
  const store = new EventStore(db.pool, silentLogger);
  const written = await store.append([
    ev({}),
    ev({ ts: 1_700_000_001_000, kind: 'isr-shrink', severity: 'warning', subject: 'orders_v2/1', message: 'ISR shrank' }),
    ev({ ts: 1_700_000_002_000, kind: 'target-up', severity: 'info', subject: 'ordersXv2', message: 'back' }),
    ev({ ts: 1_700_000_003_000, clusterId: 'c2', subject: 'broker-9' }),
  ]);
  expect(written).toHaveLength(4);
  const ids = written.map((e) => e.id ?? -1);
  expect(ids.slice(1).map((id, i) => id - (ids[i] ?? 0))).toEqual([1, 1, 1]);
  const q = (over: Partial<Parameters<EventStore['events']>[0]> = {}) =>
    store.events({ clusterId: 'c1', fromMs: 1_699_999_999_000, toMs: 1_700_000_010_000, limit: 100, ...over });
  expect((await q()).map((e) => e.kind)).toEqual(['target-up', 'isr-shrink', 'target-down']);
  expect((await q({ severities: ['warning', 'critical'] })).map((e) => e.kind)).toEqual(['isr-shrink', 'target-down']);
  expect((await q({ kinds: ['target-up', 'target-down'] })).map((e) => e.subject)).toEqual(['ordersXv2', 'broker-2']);
  expect((await q({ subject: 'orders_v2' })).map((e) => e.subject)).toEqual(['orders_v2/1']);
  expect((await q({ subject: '%' })).length).toBe(0);
  expect((await q({ limit: 1 }))[0]?.id).toBe(ids[2]);
});

test('alert rule changes: saved, replaced, loaded per cluster, removed', async () => {
  const rules = new RuleStore(db.pool);
  await rules.save('c1', { ruleId: 'consumer-lag', origin: 'builtin', json: '{"threshold":500}' });
  await rules.save('c1', { ruleId: 'consumer-lag', origin: 'builtin', json: '{"threshold":700}' });
  await rules.save('c1', { ruleId: 'custom-0a1b2c3d', origin: 'custom', json: '{"metric":"jvm.heap.used","op":">","threshold":1}' });
  await rules.save('c2', { ruleId: 'swap', origin: 'builtin', json: '{"enabled":false}' });
  expect(await rules.load('c1')).toEqual([
    { ruleId: 'consumer-lag', origin: 'builtin', json: '{"threshold":700}' },
    { ruleId: 'custom-0a1b2c3d', origin: 'custom', json: '{"metric":"jvm.heap.used","op":">","threshold":1}' },
  ]);
  await rules.remove('c1', 'consumer-lag');
  expect((await rules.load('c1')).map((r) => r.ruleId)).toEqual(['custom-0a1b2c3d']);
  expect((await rules.load('c2')).map((r) => r.ruleId)).toEqual(['swap']);
});

test('events at or above the minimum severity are copied once into FL_SYSTEM_EVENTS; a missing table is not an error', async () => {
  const store = new EventStore(db.pool, silentLogger);
  const written = await store.append([
    ev({ kind: 'alert-fired', severity: 'critical', ruleId: 'under-replicated', message: 'FIRING: Under-replicated partitions — broker-1' }),
    ev({ kind: 'zk-leader-changed', severity: 'warning', subject: 'zk-3', message: 'ZooKeeper leader changed from zk-1 to zk-3' }),
    ev({ kind: 'target-up', severity: 'info', message: 'broker-2 is collected again' }),
  ]);
  const copy = new FlamingoSystemEvents(db.pool, 'warning', silentLogger);
  await copy.copy(written);
  await copy.copy(written);
  const [rows] = await db.pool.query<RowDataPacket[]>(
    'SELECT CATEGORY, SERVICE, ACTION, STATUS, MESSAGE, CAUSE, IDENTIFIER, USERNAME, YYYY, MM, DD FROM FL_SYSTEM_EVENTS ORDER BY ID',
  );
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatchObject({
    CATEGORY: 'Kafka',
    SERVICE: 'Doflamingo',
    ACTION: 'alert-fired',
    STATUS: 'CRITICAL',
    CAUSE: 'broker-2',
    IDENTIFIER: `doflamingo:c1:${written[0]?.id}`,
    USERNAME: 'doflamingo',
    YYYY: '2023',
    MM: '11',
  });
  expect(String(rows[0]?.MESSAGE)).toMatch(/^\[cluster c1\] FIRING/);
  expect(rows[1]).toMatchObject({ CATEGORY: 'ZooKeeper', ACTION: 'zk-leader-changed', STATUS: 'WARNING' });
  await db.pool.query('RENAME TABLE FL_SYSTEM_EVENTS TO FL_SYSTEM_EVENTS_AWAY');
  await expect(copy.copy(written)).resolves.toBeUndefined();
  await db.pool.query('RENAME TABLE FL_SYSTEM_EVENTS_AWAY TO FL_SYSTEM_EVENTS');
});

describe('a row MySQL refuses for good never blocks the others', () => {
  const cluster = 'poison';
  const stored = async (): Promise<TimelineEvent[]> => {
    const s = new EventStore(db.pool, silentLogger);
    return (await s.events({ clusterId: cluster, fromMs: 0, toMs: 2_000_000_000_000, limit: 100 })).reverse();
  };

  test('events: a poison row in the middle is dropped and counted (logged once), the good rows land, later batches too; a non-finite value is stored as null', async () => {
    const warnings: string[] = [];
    const store = new EventStore(
      db.pool,
      createLogger('warn', (line) => void warnings.push(line)),
    );
    const at = (i: number) => 1_700_000_100_000 + i * 1000;
    const written = await store.append([
      ev({ clusterId: cluster, ts: at(1), subject: 'good-1' }),
      ev({ clusterId: cluster, ts: NaN, subject: 'poison-ts' }),
      ev({ clusterId: cluster, ts: at(3), subject: 'infinite-value', kind: 'alert-fired', ruleId: 'r', value: Infinity }),
      ev({ clusterId: cluster, ts: Infinity, subject: 'poison-ts-2' }),
      ev({ clusterId: cluster, ts: at(5), subject: 'good-5' }),
    ]);
    expect(written.map((e) => e.subject)).toEqual(['good-1', 'infinite-value', 'good-5']);
    expect(store.backlog()).toEqual({ pending: 0, dropped: 0, refused: 2 });
    expect(warnings.filter((w) => w.includes('refused'))).toHaveLength(1);
    const later = await store.append([ev({ clusterId: cluster, ts: at(6), subject: 'later' })]);
    expect(later.map((e) => e.subject)).toEqual(['later']);
    const rows = await stored();
    expect(rows.map((e) => e.subject)).toEqual(['good-1', 'infinite-value', 'good-5', 'later']);
    expect(rows[1]?.value).toBeUndefined();
    for (const e of rows) expect(Number.isFinite(e.ts)).toBe(true);
    expect(store.backlog().pending).toBe(0);
  });

  test('alert states: a poison row is dropped, the others saved; a non-finite value is saved as null', async () => {
    const store = new EventStore(db.pool, silentLogger);
    const state = (subject: string, over: Partial<AlertState> = {}): AlertState => ({
      ruleId: 'target-down',
      subject,
      status: 'firing',
      activeSince: 1_700_000_000_000,
      firedAt: 1_700_000_060_000,
      value: 0,
      lastEvalAt: 1_700_000_060_000,
      ...over,
    });
    await store.saveAlertStates(cluster, [state('broker-1'), state('broker-2', { activeSince: NaN }), state('broker-3', { value: -Infinity })]);
    const loaded = (await store.loadAlertStates(cluster)).sort((a, b) => a.subject.localeCompare(b.subject));
    expect(loaded.map((s) => [s.subject, s.value])).toEqual([
      ['broker-1', 0],
      ['broker-3', undefined],
    ]);
    expect(store.backlog().refused).toBe(1);
  });
});
