/**
 * The time machine draws the targets that existed in the past, not the live target list: in the
 * demo host page, headless Chromium, against the REAL sidecar collecting from the REAL local cluster.
 * `broker-9` is not in the sidecar's config nor in ZooKeeper: it is seeded only in the store, as a
 * discovered broker that ran from 35 to 20 minutes ago (its FL_DOF_TARGET row registered then, its
 * series and samples copied from broker-1's first samples), and the real brokers' history is
 * backfilled 50 minutes back. Then, like a user on the Kafka panel: live, broker-9 is nowhere; in the
 * time machine around its life, its lines are in the charts (Chart.js dataset labels) of the Brokers
 * and Overview tabs and its tile on the Brokers tab (as of the scrubber); in a window before it was
 * registered it is nowhere; back to live it is gone. Saves docs/screenshots/kafka-timemachine-past-broker.png.
 */
import type { Browser, Page } from 'playwright-core';
import { clickKafkaTab, clickMenu, launchBrowser, screenshot, until, waitForHost } from './support/browser';
import { loadPanels } from './support/panel-vm';
import { type RunningSidecar, startSidecar, waitForData } from './support/sidecar';

const panels = loadPanels(['common/Metrics.ts', 'common/Thresholds.ts']);
const Metrics = panels.get('Flamingo2.view.monitoring.common.Metrics');
const HEAP_RATIO: number = panels.get('Flamingo2.view.monitoring.common.Thresholds').heapRatio;
const PAST = 'broker-9';
const STEP_S = 10;
/** broker-9's max heap: below the real brokers', so the heap threshold (min max heap × ratio) was lower while it lived. */
const PAST_HEAP_MAX = 128 * 1024 * 1024;

let sidecar: RunningSidecar;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** broker-9's life, epoch seconds (minute-aligned). */
let bornSec = 0;
let goneSec = 0;

const DIGITS =
  '(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)';

/**
 * Writes samples for every series of `dst` every 10 s over [startSec, startSec + steps × 10], before the
 * first sample of `src`'s series with the same metric and labels, with that sample's value (rates ×
 * `rateFactor`, waving ±30 %). Existing rows are kept (INSERT IGNORE).
 */
async function copyFirstSamples(src: string, dst: string, startSec: number, steps: number, rateFactor: number): Promise<void> {
  await sidecar.sql(
    `INSERT IGNORE INTO FL_DOF_SAMPLE (series_id, ts, value)
     SELECT d.series_id, ? + k.n * ?, IF(m.type = 'counter', f.value * ? * (1 + 0.3 * SIN(k.n / 7 + d.series_id)), f.value)
       FROM FL_DOF_TARGET td
       JOIN FL_DOF_SERIES d ON d.target_id = td.target_id
       JOIN FL_DOF_TARGET ts0 ON ts0.cluster_id = td.cluster_id AND ts0.target_key = ?
       JOIN FL_DOF_SERIES s ON s.target_id = ts0.target_id AND s.metric_id = d.metric_id AND s.labels_hash = d.labels_hash
       JOIN (SELECT series_id, MIN(ts) AS ts FROM FL_DOF_SAMPLE GROUP BY series_id) first_ts ON first_ts.series_id = s.series_id
       JOIN FL_DOF_SAMPLE f ON f.series_id = first_ts.series_id AND f.ts = first_ts.ts
       JOIN FL_DOF_METRIC m ON m.metric_id = d.metric_id
       JOIN (SELECT a.d * 100 + b.d * 10 + c.d AS n FROM ${DIGITS} a CROSS JOIN ${DIGITS} b CROSS JOIN ${DIGITS} c) k ON k.n BETWEEN 0 AND ?
      WHERE td.cluster_id = ? AND td.target_key = ? AND ? + k.n * ? < first_ts.ts`,
    [startSec, STEP_S, rateFactor, src, steps, sidecar.clusterId, dst, startSec, STEP_S],
  );
}

/** broker-9: registered (discovered) at bornSec, broker-1's series, samples only while it lived. */
async function seedPastBroker(): Promise<void> {
  await sidecar.sql(
    `INSERT INTO FL_DOF_TARGET (cluster_id, target_key, kind, origin, jolokia_url, first_seen, last_seen)
     VALUES (?, ?, 'kafka-broker', 'discovered', 'http://127.0.0.1:8789/jolokia', FROM_UNIXTIME(?), FROM_UNIXTIME(?))`,
    [sidecar.clusterId, PAST, bornSec, bornSec],
  );
  await sidecar.sql(
    `INSERT INTO FL_DOF_SERIES (target_id, metric_id, labels_json, labels_hash)
     SELECT t9.target_id, s.metric_id, s.labels_json, s.labels_hash
       FROM FL_DOF_TARGET t1
       JOIN FL_DOF_SERIES s ON s.target_id = t1.target_id
       JOIN FL_DOF_TARGET t9 ON t9.cluster_id = t1.cluster_id AND t9.target_key = ?
      WHERE t1.cluster_id = ? AND t1.target_key = 'broker-1'`,
    [PAST, sidecar.clusterId],
  );
  await copyFirstSamples('broker-1', PAST, bornSec, (goneSec - bornSec) / STEP_S, 1.6);
  // one controller: broker-9 was not it; and it had a smaller heap (the heap chart's threshold then)
  for (const [metric, value] of [
    [Metrics.ACTIVE_CONTROLLER, 0],
    [Metrics.HEAP_MAX, PAST_HEAP_MAX],
  ] as const) {
    await sidecar.sql(
      `UPDATE FL_DOF_SAMPLE x JOIN FL_DOF_SERIES s ON s.series_id = x.series_id JOIN FL_DOF_TARGET t ON t.target_id = s.target_id JOIN FL_DOF_METRIC m ON m.metric_id = s.metric_id
          SET x.value = ? WHERE t.cluster_id = ? AND t.target_key = ? AND m.metric_key = ?`,
      [value, sidecar.clusterId, PAST, metric],
    );
  }
}

beforeAll(async () => {
  sidecar = await startSidecar();
  await waitForData(sidecar, 'kafka', Metrics.BYTES_IN, 3, 150000);
  const nowMin = Math.floor(Date.now() / 60e3) * 60;
  bornSec = nowMin - 35 * 60;
  goneSec = nowMin - 20 * 60;
  const backfillFrom = nowMin - 50 * 60;
  // broker-9 first (from broker-1's first real samples), then the real brokers' history before the sidecar started
  await seedPastBroker();
  for (const b of ['broker-1', 'broker-2', 'broker-3']) await copyFirstSamples(b, b, backfillFrom, (nowMin - backfillFrom) / STEP_S, 1);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.dismiss());
  await page.goto(`${sidecar.url}/`);
  await waitForHost(page);
}, 400000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await sidecar?.stop();
});

interface Shown {
  /** Per visible chart (with data): its title and line labels (no thresholds, no comparison lines). */
  charts: Array<{ title: string; labels: string[]; points: number; min: number; max: number; threshold: number | null }>;
  /** Tiles of the Brokers tab: target key → tile state class. */
  tiles: Record<string, string>;
  tmActive: boolean;
  snapTs: number | null;
}

async function shown(): Promise<Shown> {
  return page.evaluate(() => {
    const Ext = (window as any).Ext;
    const view = Ext.ComponentQuery.query('dfKafka')[0];
    const tm = view.getController().tm;
    const charts = Ext.ComponentQuery.query('dfchart')
      .filter((c: any) => c.rendered && c.isVisible(true) && c.chart)
      .map((c: any) => {
        const own = c.chart.data.datasets.filter((d: any) => !d.dfThreshold && !d.dfCompare);
        const th = c.chart.data.datasets.find((d: any) => d.dfThreshold);
        return {
          threshold: th && th.data[0] ? th.data[0].y : null,
          title: c.spec.title,
          labels: own.map((d: any) => String(d.label)),
          points: own.reduce((n: number, d: any) => n + d.data.length, 0),
          min: c.chart.options.scales.x.min,
          max: c.chart.options.scales.x.max,
        };
      });
    const tiles: Record<string, string> = {};
    const tab = Ext.ComponentQuery.query('dfKafkaBrokers')[0];
    const box = tab && tab.rendered ? tab.down('#tiles') : null;
    if (box && box.rendered) {
      box
        .getEl()
        .dom.querySelectorAll('.df-tile')
        .forEach((el: HTMLElement) => {
          const state = /df-state-(\w+)/.exec(el.className);
          tiles[el.getAttribute('data-target') || ''] = state ? (state[1] as string) : '';
        });
    }
    return { charts, tiles, tmActive: tm.isActive(), snapTs: tm.snap ? tm.snap.ts : null };
  });
}

async function clickCmp(selector: string): Promise<void> {
  const id = await page.evaluate((sel) => (window as any).Ext.ComponentQuery.query('dfKafka')[0].down(sel).id, selector);
  await page.click('#' + id);
}

/** Picks `at` and a window in the time machine bar and clicks Show; waits for the snapshot at `at`. */
async function travel(at: number, windowText: string): Promise<{ from: number; to: number }> {
  await page.evaluate(
    ([ts, w]) => {
      const bar = (window as any).Ext.ComponentQuery.query('dfKafka')[0].down('dftimemachinebar');
      bar.down('#date').setValue(new Date(ts as number));
      bar.down('#time').setValue(new Date(ts as number));
      bar.down('#window').setValue(w);
    },
    [at, windowText] as [number, string],
  );
  await clickCmp('dftimemachinebar #go');
  await until(`the snapshot at ${at}`, async () => ((await shown()).snapTs === at ? true : null), 30000, 300);
  return page.evaluate(() => {
    const tm = (window as any).Ext.ComponentQuery.query('dfKafka')[0].getController().tm;
    return { from: tm.from, to: tm.to };
  });
}

/** Visible charts all on [from, to] and loaded (at least `withData` of them with points). */
async function chartsOn(from: number, to: number, count: number, withData: number): Promise<Shown> {
  return until(
    `${count} charts on [${from}, ${to}]`,
    async () => {
      const s = await shown();
      const on = s.charts.filter((c) => c.min === from && c.max === to);
      return s.charts.length === count && on.length === count && on.filter((c) => c.points > 0).length >= withData ? s : null;
    },
    60000,
  );
}

const hasPast = (c: { labels: string[] }) => c.labels.some((l) => l.indexOf(PAST) >= 0);

describe('Kafka panel: a broker that existed only in the past', () => {
  test('live: broker-9 is in no chart and has no tile; the API knows it only through kind=', async () => {
    await clickMenu(page, 'monitoring.kafka.Kafka');
    await clickKafkaTab(page, 1);
    const live = await until(
      'live Brokers tab with tiles and charts',
      async () => {
        const s = await shown();
        return Object.keys(s.tiles).length >= 3 && s.charts.length === 6 && s.charts.every((c) => c.points > 0) ? s : null;
      },
      90000,
    );
    expect(Object.keys(live.tiles).sort()).toEqual(['broker-1', 'broker-2', 'broker-3']);
    expect(live.charts.filter(hasPast).map((c) => c.title)).toEqual([]);

    // the API: the live target list lacks broker-9; the store's targets of the kind hold it, with its points then
    const cid = encodeURIComponent(sidecar.clusterId);
    const targets = await sidecar.api<Array<{ key: string }>>(`/clusters/${cid}/targets`);
    expect(targets.map((t) => t.key)).not.toContain(PAST);
    const range = `from=${bornSec * 1000}&to=${goneSec * 1000}`;
    const byKind = await sidecar.api<{ series: Array<{ target: string; points: unknown[] }> }>(
      `/clusters/${cid}/series?metric=${Metrics.BYTES_IN}&kind=kafka-broker&${range}`,
    );
    expect(byKind.series.map((s) => s.target).sort()).toEqual(['broker-1', 'broker-2', 'broker-3', PAST]);
    expect(byKind.series.find((s) => s.target === PAST)?.points.length).toBeGreaterThan(50);
    const zk = await sidecar.api<{ series: unknown[] }>(`/clusters/${cid}/series?metric=${Metrics.BYTES_IN}&kind=zookeeper&${range}`);
    expect(zk.series).toEqual([]);
  });

  test('time machine around its life: its lines in every per-broker chart and its tile, as of the scrubber', async () => {
    await clickCmp('dflivebar #timeMachine');
    const at = (bornSec + 8 * 60) * 1000;
    const w = await travel(at, '15m');
    expect([w.from, w.to]).toEqual([at - 7.5 * 60e3, at + 7.5 * 60e3]);
    const s = await until(
      'broker-9 in every Brokers chart and in the tiles',
      async () => {
        const x = await chartsOn(w.from, w.to, 6, 6);
        return x.charts.every(hasPast) && x.tiles[PAST] ? x : null;
      },
      60000,
    );
    expect(s.charts.map((c) => c.labels.filter((l) => l.indexOf('broker-') === 0).sort())).toEqual(
      s.charts.map(() => ['broker-1', 'broker-2', 'broker-3', PAST]),
    );
    expect(s.tiles).toEqual({ 'broker-1': 'ok', 'broker-2': 'ok', 'broker-3': 'ok', [PAST]: 'ok' });
    await page.waitForTimeout(500);
    await screenshot(page, 'kafka-timemachine-past-broker.png');

    // the Overview: broker-9's heap line, and its lights count 4 brokers then
    await clickKafkaTab(page, 0);
    const o = await until(
      'the Overview heap chart with broker-9',
      async () => {
        const x = await chartsOn(w.from, w.to, 6, 3);
        return x.charts.some(hasPast) ? x : null;
      },
      60000,
    );
    expect(o.charts.filter(hasPast).length).toBeGreaterThan(0);
    // the heap threshold as of the scrubber (broker-9's smaller max heap), not the live brokers'
    const heap = o.charts.find(hasPast);
    expect(heap?.threshold).toBeCloseTo(PAST_HEAP_MAX * HEAP_RATIO, 0);
    const brokersLight = await page.$eval('.df-light[data-light="brokers"] .df-light-value', (e) => (e.textContent || '').trim());
    expect(brokersLight).toBe('4 / 4');
  });

  test('a window before broker-9 was registered: no line, no tile', async () => {
    await clickKafkaTab(page, 1);
    const at = (bornSec - 8 * 60) * 1000;
    const w = await travel(at, '10m');
    expect(w.to).toBeLessThan(bornSec * 1000);
    const s = await chartsOn(w.from, w.to, 6, 6);
    expect(s.charts.filter(hasPast).map((c) => c.title)).toEqual([]);
    expect(Object.keys(s.tiles).sort()).toEqual(['broker-1', 'broker-2', 'broker-3']);
  });

  test('back to live: the live target list again, broker-9 gone', async () => {
    await clickCmp('dftimemachinebar #live');
    const s = await until(
      'live charts up to now',
      async () => {
        const x = await shown();
        return !x.tmActive && x.charts.length === 6 && x.charts.every((c) => c.max > Date.now() - 15000 && c.points > 0) && Object.keys(x.tiles).length === 3
          ? x
          : null;
      },
      60000,
    );
    expect(s.charts.filter(hasPast).map((c) => c.title)).toEqual([]);
    expect(Object.keys(s.tiles).sort()).toEqual(['broker-1', 'broker-2', 'broker-3']);
    // the Overview's heap threshold: the live brokers' again
    await clickKafkaTab(page, 0);
    const o = await until(
      'the live Overview heap chart',
      async () => {
        const x = await shown();
        const heap = x.charts.find((c) => c.labels.includes('broker-1') && c.threshold !== null);
        return heap && heap.max > Date.now() - 15000 && heap.threshold !== PAST_HEAP_MAX * HEAP_RATIO ? heap : null;
      },
      60000,
    );
    expect(o.threshold).toBeGreaterThan(PAST_HEAP_MAX * HEAP_RATIO);
    expect(pageErrors).toEqual([]);
  });
});
