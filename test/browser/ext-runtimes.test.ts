/**
 * Every tab of both panels on each Ext JS runtime the panels must run on: the bundled `extjs-gpl` 6.2
 * (Neptune) and Flamingo 2's own Ext JS 5.1.1 with its theme (Flamingo2-all.css), served by the REAL
 * sidecar's demo page (`api.demoExtJs`) collecting from the REAL local cluster. For each runtime one
 * page: the version Ext reports, then like a user every tab (Kafka: overview, brokers, topics, consumer
 * groups, events, configuration, time machine on and off; ZooKeeper: the ensemble with its event
 * timeline, time machine on and off), each waited for until its data is drawn (charts with points,
 * grids with rows), and not a single console error or page error. A screenshot of every tab goes to
 * the temp folder (printed), not the repository.
 * Flamingo 2's runtime is looked for as support/ext-runtimes.ts says; without it only 6.2 runs, with a
 * loud notice.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { type Browser, type Page } from 'playwright-core';
import { chartStats, clickKafkaTab, clickMenu, launchBrowser, lights, SCREENSHOTS, until, waitForHost } from './support/browser';
import { BUNDLED_62, type ExtRuntime, findFlamingo2Ui, FLAMINGO_511, notTestedOn511 } from './support/ext-runtimes';
import { loadPanels } from './support/panel-vm';
import { type RunningSidecar, startSidecar, waitForData } from './support/sidecar';

const Metrics = loadPanels(['common/Metrics.ts']).get('Flamingo2.view.monitoring.common.Metrics');
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'doflamingo-ext-runtimes-'));
const DATA_MS = 60000;
/** Shots of Flamingo 2's runtime also kept for the README (docs/screenshots/). */
const README_SHOTS: Record<string, string> = { 'kafka-overview': 'kafka-overview-flamingo2-ext511.png', zookeeper: 'zookeeper-flamingo2-ext511.png' };

const flamingo2Ui = findFlamingo2Ui();
const runtimes: ExtRuntime[] = flamingo2Ui.dir ? [BUNDLED_62, FLAMINGO_511] : [BUNDLED_62];
if (flamingo2Ui.dir === null) console.warn(notTestedOn511(flamingo2Ui.why));

let sidecar: RunningSidecar;
let browser: Browser;

beforeAll(async () => {
  sidecar = await startSidecar(flamingo2Ui.dir ? { api: { demoExtJs: { dir: flamingo2Ui.dir } } } : {});
  const now = Date.now();
  // the timelines need events to draw: a fresh database has none older than the sidecar
  const events: Array<[number, string, string, string, string]> = [
    [now - 50 * 60e3, 'target-down', 'critical', 'broker-2', 'broker-2 is not collected'],
    [now - 45 * 60e3, 'target-up', 'info', 'broker-2', 'broker-2 is collected again'],
    [now - 30 * 60e3, 'isr-shrink', 'warning', 'broker-1{topic=orders,partition=1}', 'ISR of orders-1 shrank'],
    [now - 20 * 60e3, 'zk-leader-changed', 'warning', 'zk-2', 'ZooKeeper leader moved to zk-2'],
  ];
  for (const [ts, kind, severity, subject, message] of events) {
    await sidecar.sql('INSERT INTO FL_DOF_EVENT (cluster_id, ts, kind, severity, subject, rule_id, value, message) VALUES (?,?,?,?,?,?,?,?)', [
      sidecar.clusterId,
      ts,
      kind,
      severity,
      subject,
      null,
      null,
      message,
    ]);
  }
  await waitForData(sidecar, 'kafka', Metrics.BYTES_IN, 3, 150000);
  await waitForData(sidecar, 'zookeeper', Metrics.ZK_AVG_LATENCY, 3, 60000);
  browser = await launchBrowser();
}, 300000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await sidecar?.stop();
  console.log(`ext-runtimes: screenshots in ${SHOTS}`);
});

describe.each(runtimes)('Ext JS runtime $id', (runtime) => {
  let page: Page;
  const problems: string[] = [];

  async function shot(name: string): Promise<void> {
    await page.waitForTimeout(300);
    const file = path.join(SHOTS, `${runtime.id}-${name}.png`);
    await page.screenshot({ path: file });
    const readme = README_SHOTS[name];
    if (runtime === FLAMINGO_511 && readme) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      fs.copyFileSync(file, path.join(SCREENSHOTS, readme));
    }
  }

  /** No console error and no page error since the page opened (all of them listed when there are any). */
  function expectNoErrors(): void {
    expect(problems).toEqual([]);
  }

  async function chartsWithData(count: number, what: string) {
    let seen: unknown = null;
    try {
      return await until(
        what,
        async () => {
          const stats = await chartStats(page);
          seen = stats;
          return stats.length === count && stats.every((c) => c.points > 0) ? stats : null;
        },
        DATA_MS,
        500,
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}; charts seen: ${JSON.stringify(seen)}`, { cause: err });
    }
  }

  /** Rows of the visible grid found by a ComponentQuery, once it has at least one. */
  async function gridRows(query: string): Promise<number> {
    return until(
      `rows in ${query}`,
      async () =>
        page.evaluate((q) => {
          const grid = (window as any).Ext.ComponentQuery.query(q).filter((g: any) => g.isVisible(true))[0];
          const rows = grid ? grid.getView().getNodes().length : 0;
          return grid && grid.getStore().getCount() > 0 && rows > 0 ? rows : 0;
        }, query),
      DATA_MS,
      500,
    );
  }

  /** Points drawn by the visible event timeline chart. */
  async function timelinePoints(): Promise<number> {
    return until(
      'events on the timeline',
      async () =>
        page.evaluate(() => {
          const chart = (window as any).Ext.ComponentQuery.query('dfeventchart').filter((c: any) => c.rendered && c.isVisible(true))[0];
          const sets = chart && chart.chart ? chart.chart.data.datasets : [];
          return sets.reduce((n: number, d: any) => n + d.data.length, 0);
        }),
      DATA_MS,
      500,
    );
  }

  async function clickCmp(panel: string, selector: string): Promise<void> {
    const id = await page.evaluate(([xtype, sel]) => (window as any).Ext.ComponentQuery.query(xtype)[0].down(sel).id, [panel, selector]);
    await page.click('#' + id);
  }

  async function timeMachine(panel: string): Promise<{ active: boolean; barVisible: boolean }> {
    return page.evaluate((xtype) => {
      const view = (window as any).Ext.ComponentQuery.query(xtype)[0];
      const bar = view.down('dftimemachinebar');
      return { active: view.getController().tm.isActive(), barVisible: !!bar && bar.isVisible() };
    }, panel);
  }

  /** Time machine on (charts on a past window), then back to live (charts up to now). */
  async function timeMachineOnOff(panel: string, charts: number, name: string): Promise<void> {
    await clickCmp(panel, 'dflivebar #timeMachine');
    expect(await timeMachine(panel)).toEqual({ active: true, barVisible: true });
    await chartsWithData(charts, `${name}: charts in the time machine`);
    await shot(`${name}-timemachine`);
    await clickCmp(panel, 'dftimemachinebar #live');
    expect(await timeMachine(panel)).toEqual({ active: false, barVisible: false });
    const live = await chartsWithData(charts, `${name}: live charts again`);
    expect(live.every((c) => c.lastX > Date.now() - 60000)).toBe(true);
  }

  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`${sidecar.url}/${runtime.query ? '?' + runtime.query : ''}`);
    await waitForHost(page);
  });

  afterAll(async () => {
    await page?.close().catch(() => undefined);
  });

  test('the page runs on the expected Ext JS and theme', async () => {
    const version: string = await page.evaluate(() => (window as any).Ext.getVersion().version);
    expect(version).toMatch(runtime.version);
    const themeRules = await page.evaluate((css) => {
      // Neptune's sheet is two @imports (old IE's selector limit)
      const count = (sheet: CSSStyleSheet): number =>
        Array.from(sheet.cssRules).reduce((n, r) => n + (r instanceof CSSImportRule && r.styleSheet ? count(r.styleSheet) : 1), 0);
      const theme = Array.from(document.styleSheets).find((sheet) => (sheet.href || '').endsWith('/' + css));
      return theme ? count(theme) : 0;
    }, runtime.themeCss);
    expect([runtime.themeCss, themeRules > 1000]).toEqual([runtime.themeCss, true]);
    expectNoErrors();
  });

  test('Kafka overview: six charts with data, health lights', async () => {
    await clickMenu(page, 'monitoring.kafka.Kafka');
    await chartsWithData(6, 'the six overview charts');
    await until('lights', async () => (await lights(page)).find((x) => x.key === 'brokers' && x.state === 'ok'), DATA_MS, 500);
    await shot('kafka-overview');
    expectNoErrors();
  });

  test('Kafka brokers: a tile per broker, charts with data', async () => {
    await clickKafkaTab(page, 1);
    await until('broker tiles', async () => (await page.$$('.df-tile[data-target]')).length === 3, DATA_MS, 500);
    await chartsWithData(6, 'broker charts');
    await shot('kafka-brokers');
    expectNoErrors();
  });

  test('Kafka topics: grid with rows, charts with data', async () => {
    await clickKafkaTab(page, 2);
    await gridRows('dfKafkaTopics #grid');
    await chartsWithData(3, 'topic charts');
    await shot('kafka-topics');
    expectNoErrors();
  });

  test('Kafka consumer groups: grid with rows, charts with data', async () => {
    await clickKafkaTab(page, 3);
    await gridRows('dfKafkaConsumerGroups #groups');
    await until(
      'consumer charts with data',
      async () => {
        const stats = await chartStats(page);
        return stats.length >= 3 && stats.every((c) => c.points > 0);
      },
      DATA_MS,
      500,
    );
    await shot('kafka-consumers');
    expectNoErrors();
  });

  test('Kafka events: timeline drawn, list with rows', async () => {
    await clickKafkaTab(page, 4);
    expect(await timelinePoints()).toBeGreaterThanOrEqual(4);
    await gridRows('dfKafka dfeventtimeline #grid');
    await shot('kafka-events');
    expectNoErrors();
  });

  test('Kafka configuration: the alert rules grid, the add-rule form', async () => {
    await clickKafkaTab(page, 5);
    await gridRows('dfalertrules #grid');
    await shot('kafka-rules');
    await clickCmp('dfalertrules', '#add');
    await until(
      'the form with the catalogue and targets',
      async () =>
        page.evaluate(() => {
          const win = (window as any).Ext.ComponentQuery.query('[cls=df-rule-form]')[0];
          return !!win && win.isVisible() && win.catalog.length > 0 && win.targets.length > 0;
        }),
      DATA_MS,
      500,
    );
    await shot('kafka-rule-form');
    await page.evaluate(() => (window as any).Ext.ComponentQuery.query('[cls=df-rule-form]')[0].close());
    expectNoErrors();
  });

  test('Kafka time machine on and off', async () => {
    await clickKafkaTab(page, 0);
    await chartsWithData(6, 'overview again');
    await timeMachineOnOff('dfKafka', 6, 'kafka');
    expectNoErrors();
  });

  test('ZooKeeper: the ensemble with its charts and event timeline', async () => {
    await clickMenu(page, 'monitoring.zookeeper.ZooKeeper');
    await until(
      'server tiles with a leader',
      async () => {
        const roles = await page.$$eval('.df-tile[data-role]', (els) => els.map((e) => e.getAttribute('data-role')));
        return roles.length === 3 && roles.includes('leader');
      },
      DATA_MS,
      500,
    );
    await chartsWithData(6, 'ZooKeeper charts');
    await shot('zookeeper');
    expect(await timelinePoints()).toBeGreaterThanOrEqual(1);
    await gridRows('dfZooKeeper dfeventtimeline #grid');
    await page.evaluate(() => (window as any).Ext.ComponentQuery.query('dfZooKeeper dfeventtimeline')[0].getEl().dom.scrollIntoView());
    await shot('zookeeper-events');
    expectNoErrors();
  });

  test('ZooKeeper time machine on and off', async () => {
    await page.evaluate(() => (window as any).Ext.ComponentQuery.query('dfZooKeeper #lights')[0].getEl().dom.scrollIntoView());
    await timeMachineOnOff('dfZooKeeper', 6, 'zookeeper');
    expectNoErrors();
  });

  test('no panel class replaces a method of Ext without calling it', async () => {
    // e.g. a container's own remove(rule) replaced Ext's remove(component), which Ext 5.1.1 calls while destroying the panel
    const replaced: string[] = await page.evaluate(() => {
      const Ext = (window as any).Ext;
      const generated = ['self', 'HasListeners', 'constructor'];
      const isTemplate = (fn: unknown) => fn === Ext.emptyFn || /^function\s*[\w$]*\s*\([^)]*\)\s*\{\s*\}$/.test(String(fn));
      const out: string[] = [];
      Object.keys(Ext.ClassManager.classes)
        .filter((name) => name.indexOf('Flamingo2.view.monitoring.') === 0)
        .forEach((name) => {
          const found = Ext.ClassManager.get(name);
          const cls = typeof found === 'function' ? found : found.self;
          let ext = cls.superclass;
          while (ext && String(ext.$className).indexOf('Flamingo2.') === 0) ext = ext.superclass;
          if (!ext) return;
          Object.keys(cls.prototype).forEach((member) => {
            const own = cls.prototype[member];
            if (!Object.prototype.hasOwnProperty.call(cls.prototype, member) || typeof own !== 'function' || generated.indexOf(member) >= 0) return;
            const base = ext[member];
            if (typeof base === 'function' && !isTemplate(base) && !/callParent/.test(String(own))) out.push(`${name}#${member} (${ext.$className})`);
          });
        });
      return out.sort();
    });
    expect(replaced).toEqual([]);
  });
});
