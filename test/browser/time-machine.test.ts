/**
 * The time machine in the demo host page, in headless Chromium, against the REAL sidecar
 * collecting from the REAL local cluster. A fresh test database only holds a few minutes, so the
 * half hour before the sidecar's first samples is backfilled from those samples (rates wave a
 * little, gauges stay as read) before the page opens. Then, like a user: pick 10 minutes back
 * with a 15-minute window, check the charts' axes and that they stay still while live updates
 * keep arriving, scrub (marker + lights' snapshot), compare with now (dashed lines), export CSV
 * and read it back against the charts, open the time machine from the `dftimemachine` event,
 * go back to live; the same in the ZooKeeper panel. Saves the two screenshots. The Consumer groups
 * tab: with the lag of the demo group rewritten in the 5 minutes before a past instant, its grid shows
 * that lag there (GET consumer-groups?at=), the original one elsewhere, the current one back live.
 */
import fs from 'fs';
import type { Browser, Page } from 'playwright-core';
import { chartStats, clickKafkaTab, clickMenu, launchBrowser, lights, screenshot, until, waitForHost } from './support/browser';
import { parseCsv } from './support/csv';
import { loadPanels } from './support/panel-vm';
import { type RunningSidecar, startSidecar, waitForData } from './support/sidecar';

const Metrics = loadPanels(['common/Metrics.ts']).get('Flamingo2.view.monitoring.common.Metrics');
const STILL_MS = 22000;
const BACKFILL_STEPS = 180; // × 10 s = 30 minutes

let sidecar: RunningSidecar;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let updates = 0;
const snapshotAts: number[] = [];
const groupsAts: number[] = [];
const DEMO_GROUP = 'doflamingo-demo';
/** Seeded lag of each demo-group partition before the past instant: far above what the demo consumers ever lag. */
const SEEDED_LAG = 50000;

interface ChartWindow {
  title: string;
  min: number;
  max: number;
  marker: number | null;
  points: number;
  firstX: number;
  lastX: number;
  compare: Array<{ dash: number[]; firstX: number; lastX: number; points: number }>;
}

interface TmState {
  active: boolean;
  from: number;
  to: number;
  at: number;
  scrubTs: number;
  snapTs: number | null;
  barVisible: boolean;
  snapShown: string;
  banner: string;
  togglePressed: boolean;
}

/** Copies each series' first real sample back in time, every 10 s (rates wave by ±35 %). */
async function backfill(): Promise<void> {
  const digits =
    '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';
  await sidecar.sql(
    `INSERT IGNORE INTO FL_DOF_SAMPLE (series_id, ts, value)
     SELECT f.series_id, f.ts - k.n * 10, IF(m.type = 'counter', f.value * (1 + 0.35 * SIN(k.n / 9 + f.series_id)), f.value)
       FROM (SELECT series_id, MIN(ts) AS ts FROM FL_DOF_SAMPLE GROUP BY series_id) first_ts
       JOIN FL_DOF_SAMPLE f ON f.series_id = first_ts.series_id AND f.ts = first_ts.ts
       JOIN FL_DOF_SERIES s ON s.series_id = f.series_id
       JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
       JOIN (SELECT a.d * 100 + b.d * 10 + c.d AS n FROM ${digits} a CROSS JOIN ${digits} b CROSS JOIN ${digits} c) k
         ON k.n BETWEEN 1 AND ?`,
    [BACKFILL_STEPS],
  );
}

beforeAll(async () => {
  sidecar = await startSidecar();
  await waitForData(sidecar, 'kafka', Metrics.BYTES_IN, 3, 150000);
  await waitForData(sidecar, 'zookeeper', Metrics.ZK_AVG_LATENCY, 3, 60000);
  await backfill();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.dismiss());
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      if (String(f.payload).startsWith('{"type":"update"')) updates++;
    }),
  );
  page.on('request', (r) => {
    const m = /\/snapshot\?.*\bat=(\d+)/.exec(r.url());
    if (m) snapshotAts.push(Number(m[1]));
    const g = /\/consumer-groups\?.*\bat=(\d+)/.exec(r.url());
    if (g) groupsAts.push(Number(g[1]));
  });
  await page.goto(`${sidecar.url}/`);
  await waitForHost(page);
}, 400000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await sidecar?.stop();
});

/** The panel (xtype) on screen and its time machine. */
async function tmState(panel: string): Promise<TmState> {
  return page.evaluate((xtype) => {
    const Ext = (window as any).Ext;
    const view = Ext.ComponentQuery.query(xtype)[0];
    const tm = view.getController().tm;
    const bar = view.down('dftimemachinebar');
    const toggle = view.down('dflivebar #timeMachine');
    return {
      active: tm.isActive(),
      from: tm.from,
      to: tm.to,
      at: tm.at,
      scrubTs: tm.scrubTs,
      snapTs: tm.snap ? tm.snap.ts : null,
      barVisible: !!bar && bar.isVisible(),
      snapShown: bar && bar.down('#snap').rendered ? bar.down('#snap').getEl().dom.getAttribute('data-ts') || '' : '',
      banner: bar && bar.down('#banner').rendered ? bar.down('#banner').getEl().dom.textContent : '',
      togglePressed: !!toggle.pressed,
    };
  }, panel);
}

async function chartWindows(): Promise<ChartWindow[]> {
  return page.evaluate(() => {
    const Ext = (window as any).Ext;
    return Ext.ComponentQuery.query('dfchart')
      .filter((c: any) => c.rendered && c.isVisible(true) && c.chart)
      .map((c: any) => {
        const sets = c.chart.data.datasets.filter((d: any) => !d.dfThreshold);
        const own = sets.filter((d: any) => !d.dfCompare);
        const xs = own.flatMap((d: any) => d.data.map((p: any) => p.x));
        return {
          title: c.spec.title,
          min: c.chart.options.scales.x.min,
          max: c.chart.options.scales.x.max,
          marker: c.markerTs,
          points: xs.length,
          firstX: xs.length ? Math.min(...xs) : 0,
          lastX: xs.length ? Math.max(...xs) : 0,
          compare: sets
            .filter((d: any) => d.dfCompare)
            .map((d: any) => ({
              dash: d.borderDash,
              points: d.data.length,
              firstX: d.data.length ? d.data[0].x : 0,
              lastX: d.data.length ? d.data[d.data.length - 1].x : 0,
            })),
        };
      });
  });
}

async function clickCmp(panel: string, selector: string): Promise<void> {
  const id = await page.evaluate(([xtype, sel]) => (window as any).Ext.ComponentQuery.query(xtype)[0].down(sel).id, [panel, selector]);
  await page.click('#' + id);
}

/** Picks `at` (minute precision, like the time field) and a window in the bar, then clicks Show. */
async function pick(panel: string, at: number, windowText: string): Promise<void> {
  await page.evaluate(
    ([xtype, ts, w]) => {
      const bar = (window as any).Ext.ComponentQuery.query(xtype as string)[0].down('dftimemachinebar');
      bar.down('#date').setValue(new Date(ts as number));
      bar.down('#time').setValue(new Date(ts as number));
      bar.down('#window').setValue(w);
    },
    [panel, at, windowText],
  );
  await clickCmp(panel, 'dftimemachinebar #go');
}

async function scrub(panel: string, ts: number): Promise<void> {
  await page.evaluate(
    ([xtype, v]) =>
      (window as any).Ext.ComponentQuery.query(xtype as string)[0]
        .down('dftimemachinebar #scrubber')
        .setValue(v),
    [panel, ts],
  );
}

async function chooseCompare(panel: string, key: string): Promise<void> {
  await page.evaluate(
    ([xtype, k]) => {
      const combo = (window as any).Ext.ComponentQuery.query(xtype as string)[0].down('dftimemachinebar #compare');
      const rec = combo.getStore().findRecord('key', k);
      combo.setValue(k);
      combo.fireEvent('select', combo, rec);
    },
    [panel, key],
  );
}

/** Every visible chart has data and shows exactly [from, to]. */
async function expectWindow(from: number, to: number, count: number): Promise<ChartWindow[]> {
  const charts = await until(
    `${count} charts on [${from}, ${to}] with data`,
    async () => {
      const c = await chartWindows();
      return c.length === count && c.every((x) => x.min === from && x.max === to && x.points > 0) ? c : null;
    },
    60000,
  );
  for (const c of charts) {
    expect([c.title, c.firstX >= from, c.lastX <= to]).toEqual([c.title, true, true]);
  }
  return charts;
}

/** Charts do not move for STILL_MS while the socket keeps delivering updates. */
async function expectStill(): Promise<void> {
  const before = await chartWindows();
  const seen = updates;
  await page.waitForTimeout(STILL_MS);
  const after = await chartWindows();
  expect(updates).toBeGreaterThan(seen);
  expect(after.map((c) => [c.title, c.min, c.max, c.points, c.lastX])).toEqual(before.map((c) => [c.title, c.min, c.max, c.points, c.lastX]));
}

/** The scrubber moves the marker on every chart and the lights' snapshot to that instant (GET snapshot?at=). */
async function expectScrub(panel: string, ts: number): Promise<void> {
  await scrub(panel, ts);
  const state = await until(
    `the snapshot at ${ts}`,
    async () => {
      const s = await tmState(panel);
      return s.snapTs === ts && s.snapShown === String(ts) ? s : null;
    },
    30000,
    300,
  );
  expect(state.scrubTs).toBe(ts);
  expect(snapshotAts).toContain(ts);
  for (const c of await chartWindows()) expect([c.title, c.marker]).toEqual([c.title, ts]);
}

/** CSV export: a download whose rows are exactly the points of the visible charts (lines and comparison lines). */
async function expectCsv(panel: string): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), clickCmp(panel, 'dflivebar #csv')]);
  expect(download.suggestedFilename()).toMatch(/^doflamingo-[A-Za-z0-9_.-]+\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const rows = parseCsv(text);
  expect(rows[0]).toEqual(['time', 'chart', 'series', 'value']);
  const got = rows.slice(1).map((r) => JSON.stringify([Date.parse(r[0] as string), r[1], (r[2] as string).replace(/^'(?=[=+\-@])/, ''), Number(r[3])]));
  const want: string[] = await page.evaluate(() =>
    (window as any).Ext.ComponentQuery.query('dfchart')
      .filter((c: any) => c.rendered && c.isVisible(true))
      .flatMap((c: any) => c.shownDatasets().flatMap((d: any) => d.data.map((p: any) => JSON.stringify([p.x, c.spec.title, d.label, p.y])))),
  );
  expect(got.length).toBeGreaterThan(50);
  expect(got.sort()).toEqual(want.sort());
}

async function expectBackToLive(panel: string, count: number): Promise<void> {
  await clickCmp(panel, 'dftimemachinebar #live');
  const s = await tmState(panel);
  expect([s.active, s.barVisible, s.togglePressed]).toEqual([false, false, false]);
  const live = await until(
    'live charts up to now',
    async () => {
      const c = await chartWindows();
      return c.length === count && c.every((x) => x.max > Date.now() - 15000 && x.marker === null && x.compare.length === 0 && x.points > 0) ? c : null;
    },
    60000,
  );
  await page.waitForTimeout(STILL_MS);
  const after = await chartWindows();
  after.forEach((c, i) => expect([c.title, c.lastX > (live[i]?.lastX ?? Infinity)]).toEqual([c.title, true]));
}

describe('Kafka panel', () => {
  const K = 'dfKafka';

  test('10 minutes back with a 15-minute window: every chart shows that window and stays still while updates arrive', async () => {
    await clickMenu(page, 'monitoring.kafka.Kafka');
    await until('overview charts with data', async () => ((await chartStats(page)).filter((c) => c.points > 0).length === 6 ? true : null), 90000);
    await clickCmp(K, 'dflivebar #timeMachine');
    expect((await tmState(K)).active).toBe(true);
    const at = Math.floor((Date.now() - 10 * 60e3) / 60e3) * 60e3;
    await pick(K, at, '15m');
    const s = await until(
      'the picked window',
      async () => {
        const x = await tmState(K);
        return x.at === at ? x : null;
      },
      10000,
      200,
    );
    expect([s.from, s.to]).toEqual([at - 7.5 * 60e3, at + 7.5 * 60e3]);
    expect([s.barVisible, s.togglePressed]).toEqual([true, true]);
    expect(s.banner).toContain('Time machine');
    expect(s.banner).toContain('15m');
    await expectWindow(s.from, s.to, 6);
    await expectStill();
  });

  test('the scrubber moves the marker on every chart and the lights to the snapshot at that instant', async () => {
    const s = await tmState(K);
    await expectScrub(K, s.from + 3 * 60e3);
    const l1 = await lights(page);
    expect(l1.length).toBeGreaterThan(5);
    expect(l1.find((x) => x.key === 'brokers')).toMatchObject({ state: 'ok', value: '3 / 3' });
    await expectScrub(K, s.to - 60e3);
  });

  test('compare with now: dashed lines of the latest window laid onto this one', async () => {
    const s = await tmState(K);
    await chooseCompare(K, 'now');
    const charts = await until(
      'comparison lines on every chart',
      async () => {
        const c = await chartWindows();
        return c.every((x) => x.compare.length > 0 && x.compare.every((d) => d.points > 0)) ? c : null;
      },
      30000,
    );
    for (const c of charts) {
      for (const d of c.compare) {
        expect(d.dash).toEqual([5, 4]);
        expect([c.title, d.firstX >= s.from - 1000, d.lastX <= s.to + 1000]).toEqual([c.title, true, true]);
      }
    }
    await page.waitForTimeout(500);
    await screenshot(page, 'kafka-timemachine.png');
  });

  test('CSV export holds exactly the points the charts show', async () => {
    await expectCsv(K);
  });

  test("the 'dftimemachine' event opens the time machine around its instant (only for this cluster)", async () => {
    const before = await tmState(K);
    const fire = (cluster: string, at: number) =>
      page.evaluate(([c, t]) => (window as any).Ext.GlobalEvents.fireEvent('dftimemachine', { cluster: c, at: t, windowMs: 600000, tab: null, metric: null }), [
        cluster,
        at,
      ] as [string, number]);
    await fire('no-such-cluster', Date.now() - 25 * 60e3);
    expect((await tmState(K)).at).toBe(before.at);
    const at = Date.now() - 20 * 60e3;
    await fire(sidecar.clusterId, at);
    const s = await tmState(K);
    expect([s.active, s.at, s.from, s.to, s.scrubTs]).toEqual([true, at, Math.round(at - 300000), Math.round(at + 300000), at]);
    await expectWindow(s.from, s.to, 6);
    await until('the snapshot at the event', async () => ((await tmState(K)).snapTs === at ? true : null), 30000, 300);
  });

  test('back to live: live history again, charts move', async () => {
    await expectBackToLive(K, 6);
    expect(pageErrors).toEqual([]);
  });
});

/** Rewrites every lag sample of the demo group in (at − 5 min, at] to SEEDED_LAG + partition; returns their total. */
async function seedPastLag(atMs: number): Promise<number> {
  const series = (await sidecar.sql(
    `SELECT s.series_id, s.labels_json FROM FL_DOF_SERIES s JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id WHERE m.metric_key = 'kafka.consumer_group.lag'`,
  )) as Array<{ series_id: number; labels_json: string }>;
  let total = 0;
  for (const row of series) {
    const labels = JSON.parse(row.labels_json) as Record<string, string>;
    if (labels['group'] !== DEMO_GROUP) continue;
    const value = SEEDED_LAG + Number(labels['partition']);
    const res = (await sidecar.sql('UPDATE FL_DOF_SAMPLE SET value = ? WHERE series_id = ? AND ts > ? AND ts <= ?', [
      value,
      row.series_id,
      atMs / 1000 - 300,
      atMs / 1000,
    ])) as { affectedRows: number };
    if (res.affectedRows > 0) total += value;
  }
  return total;
}

/** The demo group as the Consumer groups tab shows it: grid row, selected partitions, the instant line. */
async function groupsShown(): Promise<{ totalLag: number | null; partitionLags: number[]; atShown: boolean; atTs: string; atText: string }> {
  return page.evaluate((group) => {
    const tab = (window as any).Ext.ComponentQuery.query('dfKafkaConsumerGroups')[0];
    const store = tab.down('#groups').getStore();
    const rec = store.getAt(store.findExact('group', group));
    const at = tab.down('#groupsAt');
    return {
      totalLag: rec ? rec.get('totalLag') : null,
      partitionLags:
        tab.selected === group
          ? tab
              .down('#partitions')
              .getStore()
              .getRange()
              .map((r: any) => r.get('lag'))
          : [],
      atShown: at.isVisible(),
      atTs: at.rendered ? at.getEl().dom.getAttribute('data-ts') || '' : '',
      atText: at.rendered ? at.getEl().dom.textContent : '',
    };
  }, DEMO_GROUP);
}

async function apiGroupLag(query: string): Promise<number | null> {
  const groups = await sidecar.api<Array<{ group: string; totalLag: number }>>(`/clusters/${encodeURIComponent(sidecar.clusterId)}/consumer-groups${query}`);
  return groups.find((g) => g.group === DEMO_GROUP)?.totalLag ?? null;
}

describe('Kafka panel, Consumer groups tab', () => {
  const K = 'dfKafka';

  test('time machine: the grid shows the lag as of the scrubber (seeded past lag, then the original), debounced; back to live: the current lag', async () => {
    const past = Math.floor((Date.now() - 14 * 60e3) / 60e3) * 60e3;
    const seeded = await seedPastLag(past);
    expect(seeded).toBeGreaterThanOrEqual(SEEDED_LAG);
    if ((await page.evaluate(() => (window as any).Ext.ComponentQuery.query('dfKafka').length)) === 0) await clickMenu(page, 'monitoring.kafka.Kafka');
    await clickKafkaTab(page, 3);
    const live = await until(
      'the demo group live',
      async () => {
        const g = await groupsShown();
        return g.totalLag !== null ? g : null;
      },
      90000,
    );
    expect(live.atShown).toBe(false);
    expect(live.totalLag).toBeLessThan(SEEDED_LAG);

    if (!(await tmState(K)).active) await clickCmp(K, 'dflivebar #timeMachine');
    await pick(K, past, '15m');
    const s = await until(
      'the picked window',
      async () => {
        const x = await tmState(K);
        return x.at === past ? x : null;
      },
      10000,
      200,
    );
    const then = await until(
      `the seeded lag ${seeded} as of ${past}`,
      async () => {
        const g = await groupsShown();
        return g.totalLag === seeded && g.atTs === String(past) ? g : null;
      },
      30000,
      300,
    );
    expect(then.atShown).toBe(true);
    expect(then.atText).toContain('Consumer groups as of');
    expect(then.partitionLags.length).toBeGreaterThan(0);
    then.partitionLags.forEach((lag) => expect(lag).toBeGreaterThanOrEqual(SEEDED_LAG));
    expect(groupsAts).toContain(past);
    // its charts show the window too
    await expectWindow(s.from, s.to, 4);

    // quick scrubbing asks only for where the scrubber stops; 6 minutes earlier the lag was not rewritten
    const before = groupsAts.length;
    const snapsBefore = snapshotAts.length;
    const earlier = past - 6 * 60e3;
    await page.evaluate(
      ([xtype, stops]) => {
        const slider = (window as any).Ext.ComponentQuery.query(xtype as string)[0].down('dftimemachinebar #scrubber');
        (stops as number[]).forEach((v) => slider.setValue(v));
      },
      [K, [past - 2 * 60e3, past - 4 * 60e3, earlier]] as [string, number[]],
    );
    const original = await apiGroupLag(`?at=${earlier}`);
    expect(original).not.toBeNull();
    expect(original).toBeLessThan(SEEDED_LAG);
    await until(
      `the original lag as of ${earlier}`,
      async () => {
        const g = await groupsShown();
        return g.totalLag === original && g.atTs === String(earlier) ? g : null;
      },
      30000,
      300,
    );
    expect({ snapshots: snapshotAts.slice(snapsBefore), groups: groupsAts.slice(before) }).toEqual({ snapshots: [earlier], groups: [earlier] });

    await clickCmp(K, 'dftimemachinebar #live');
    await until(
      'the current lag, no instant shown',
      async () => {
        const [g, now] = [await groupsShown(), await apiGroupLag('')];
        return !g.atShown && g.totalLag !== null && g.totalLag === now && g.totalLag < SEEDED_LAG ? g : null;
      },
      30000,
      500,
    );
    expect(pageErrors).toEqual([]);
  });
});

describe('ZooKeeper panel', () => {
  const Z = 'dfZooKeeper';

  test('the toggle freezes the current range; a pick shows its window; scrub, compare, CSV, screenshot, back to live', async () => {
    await clickMenu(page, 'monitoring.zookeeper.ZooKeeper');
    await until('ZooKeeper charts with data', async () => ((await chartStats(page)).filter((c) => c.points > 0).length === 6 ? true : null), 90000);
    const t0 = Date.now();
    await clickCmp(Z, 'dflivebar #timeMachine');
    const frozen = await tmState(Z);
    expect(frozen.active).toBe(true);
    expect(frozen.to - frozen.from).toBe(15 * 60e3);
    expect(Math.abs(frozen.to - t0)).toBeLessThan(5000);
    await expectWindow(frozen.from, frozen.to, 6);

    const at = Math.floor((Date.now() - 10 * 60e3) / 60e3) * 60e3;
    await pick(Z, at, '15m');
    const s = await until(
      'the picked window',
      async () => {
        const x = await tmState(Z);
        return x.at === at ? x : null;
      },
      10000,
      200,
    );
    await expectWindow(s.from, s.to, 6);
    await expectStill();
    await expectScrub(Z, s.from + 5 * 60e3);
    const quorum = (await lights(page)).find((x) => x.key === 'quorum');
    expect(quorum?.state).toBe('ok');
    await chooseCompare(Z, 'now');
    await until('comparison lines', async () => ((await chartWindows()).every((x) => x.compare.length > 0) ? true : null), 30000);
    await page.waitForTimeout(500);
    await screenshot(page, 'zookeeper-timemachine.png');
    await expectCsv(Z);
    await expectBackToLive(Z, 6);
    expect(pageErrors).toEqual([]);
  });
});
