/**
 * The Events tab (timeline + list) and the Configuration tab (alert rules) of the Kafka panel, and the
 * ZooKeeper panel's timeline, in headless Chromium against the REAL sidecar (`doflamingo serve`,
 * with an admin token) collecting from the REAL local cluster.
 * Events are seeded into the test database's FL_DOF_EVENT (one with an HTML subject); a live event is
 * made by a rule added through the form that fires at once (broker-1's under-replicated partitions ≥ 0), and must appear without
 * a reload. Rule edits go through the admin token dialog (wrong token, bad value, persisted value).
 */
import type { Browser, Page } from 'playwright-core';
import { clickKafkaTab, clickMenu, launchBrowser, screenshot, until, waitForHost } from './support/browser';
import { HOSTILE } from './support/hostile-consumer';
import { loadPanels } from './support/panel-vm';
import { editRuleCell, ruleCell } from './support/rules-grid';
import { type RunningSidecar, startSidecar } from './support/sidecar';

const Metrics = loadPanels(['common/Metrics.ts']).get('Flamingo2.view.monitoring.common.Metrics');
const EVENTS_TAB = 4;
const RULES_TAB = 5;
const TM_WINDOW_MS = 30 * 60e3;

interface SeedEvent {
  ts: number;
  kind: string;
  severity: string;
  subject: string;
  message: string;
  ruleId?: string;
}

interface Rule {
  id: string;
  name: { en: string; ko: string };
  threshold: number;
  forMs: number;
  origin: string;
  modified: boolean;
  target?: string;
}

let sidecar: RunningSidecar;
let browser: Browser;
let page: Page;
let seeded: SeedEvent[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];
const eventFrames: Array<{ cluster: string; event: { ruleId: string | null; kind: string } }> = [];
const eventRequests: string[] = [];

function seed(now: number): SeedEvent[] {
  const h = 3600e3;
  return [
    { ts: now - 5 * h, kind: 'target-down', severity: 'critical', subject: 'broker-2', message: 'e2e broker-2 is not collected' },
    { ts: now - 4 * h, kind: 'isr-shrink', severity: 'warning', subject: 'broker-1{topic=orders,partition=1}', message: 'e2e ISR of orders-1 shrank' },
    { ts: now - 3 * h, kind: 'alert-fired', severity: 'critical', subject: 'group=doflamingo-demo', message: 'e2e lag above 50', ruleId: 'consumer-lag' },
    { ts: now - 2 * h, kind: 'target-down', severity: 'critical', subject: HOSTILE, message: 'e2e hostile <b>bold</b> <img src=x onerror=alert(2)>' },
    { ts: now - 1 * h, kind: 'zk-leader-changed', severity: 'warning', subject: 'zk-3', message: 'e2e ZooKeeper leader moved to zk-3' },
    { ts: now - 1.5 * h, kind: 'some-future-kind', severity: 'info', subject: 'zk-1', message: 'e2e a kind the panels do not know yet' },
  ];
}

/** Events shown now by the Kafka panel's timeline (grid rows, newest first). */
async function gridEvents(): Promise<Array<{ ts: number; kind: string; severity: string; subject: string; message: string; ruleId: string | null }>> {
  return page.evaluate(() => {
    const grid = (window as any).Ext.ComponentQuery.query('dfKafka dfeventtimeline #grid')[0];
    return grid
      .getStore()
      .getRange()
      .map((r: any) => {
        const e = r.get('ev');
        return { ts: e.ts, kind: e.kind, severity: e.severity, subject: e.subject, message: e.message, ruleId: e.ruleId };
      });
  });
}

async function seededShown(): Promise<SeedEvent[]> {
  const rows = await gridEvents();
  return seeded.filter((s) => rows.some((r) => r.ts === s.ts && r.message === s.message));
}

async function activeKafkaTab(): Promise<string> {
  return page.evaluate(() => (window as any).Ext.ComponentQuery.query('dfKafka')[0].getActiveTab().xtype);
}

async function timeMachineCalls(): Promise<Array<{ cluster: string; at: number; windowMs: number; tab: string | null; metric: string | null }>> {
  return page.evaluate(() => (window as any).__dfTimeMachine.slice());
}

async function ruleRow(ruleId: string): Promise<{ threshold: unknown; modified: boolean; text: string } | null> {
  return page.evaluate((rid) => {
    const grid = (window as any).Ext.ComponentQuery.query('dfalertrules #grid')[0];
    const i = grid.getStore().findExact('id', rid);
    if (i < 0) return null;
    const rec = grid.getStore().getAt(i);
    const node = grid.getView().getNode(rec);
    return { threshold: rec.get('threshold'), modified: rec.get('modified'), text: node ? node.textContent : '' };
  }, ruleId);
}

async function banner(): Promise<{ kind: string; text: string } | null> {
  return page.evaluate(() => {
    const el = document.querySelector('.df-banner') as HTMLElement | null;
    return el && el.offsetParent !== null ? { kind: el.getAttribute('data-kind') || '', text: el.textContent || '' } : null;
  });
}

/** Edits a cell like a user: click, type, Enter; answers the admin token dialog when it appears. */
async function editCell(ruleId: string, dataIndex: string, text: string, token?: string): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('.df-banner') as HTMLElement | null;
    if (el) el.setAttribute('data-kind', 'stale');
  });
  await editRuleCell(page, ruleId, dataIndex, text, token);
}

/** Clicks the Ext component found by a ComponentQuery, like a user (on its element). */
async function clickCmp(query: string): Promise<void> {
  const id = await until(
    `component ${query}`,
    async () =>
      page.evaluate((q) => {
        const c = (window as any).Ext.ComponentQuery.query(q)[0];
        return c && c.rendered && c.isVisible(true) ? c.getEl().dom.id : null;
      }, query),
    10000,
    200,
  );
  await page.click('#' + id);
}

/** Types into the input of the Ext field found by a ComponentQuery. */
async function fillCmp(query: string, text: string): Promise<void> {
  const id = await page.evaluate((q) => (window as any).Ext.ComponentQuery.query(q)[0].inputEl.dom.id, query);
  await page.fill('#' + id, text);
}

async function rulesFromApi(): Promise<Rule[]> {
  return sidecar.api<Rule[]>(`/clusters/${sidecar.clusterId}/rules`);
}

beforeAll(async () => {
  sidecar = await startSidecar();
  seeded = seed(Date.now());
  for (const e of seeded) {
    await sidecar.sql('INSERT INTO FL_DOF_EVENT (cluster_id, ts, kind, severity, subject, rule_id, value, message) VALUES (?,?,?,?,?,?,?,?)', [
      sidecar.clusterId,
      e.ts,
      e.kind,
      e.severity,
      e.subject,
      e.ruleId ?? null,
      null,
      e.message,
    ]);
  }
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => {
    if (r.url().includes('/events?')) eventRequests.push(r.url());
  });
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      const msg = JSON.parse(String(f.payload));
      if (msg.type === 'event') eventFrames.push(msg);
    }),
  );
  await page.goto(`${sidecar.url}/`);
  await waitForHost(page);
  await page.evaluate(() => {
    const w = window as any;
    w.__dfTimeMachine = [];
    w.__dfNotReloaded = true;
    w.Ext.GlobalEvents.on('dftimemachine', (p: unknown) => w.__dfTimeMachine.push(p));
  });
  await clickMenu(page, 'monitoring.kafka.Kafka');
}, 300000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await sidecar?.stop();
});

describe('Kafka › Events', () => {
  test('the timeline lists the cluster events; an HTML subject and message render as text', async () => {
    await clickKafkaTab(page, EVENTS_TAB);
    await until('the seeded events in the list', async () => ((await seededShown()).length === seeded.length ? true : null), 60000);
    // on the time axis too, one point per event of the window
    const drawn: Array<{ ts: number; message: string }> = await page.evaluate(() =>
      (window as any).Ext.ComponentQuery.query('dfKafka dfeventchart')[0]
        .drawn()
        .map((e: any) => ({ ts: e.ts, message: e.message })),
    );
    for (const s of seeded) expect(drawn).toContainEqual({ ts: s.ts, message: s.message });
    const points: number = await page.evaluate(() =>
      (window as any).Ext.ComponentQuery.query('dfKafka dfeventchart')[0].chart.data.datasets.reduce((n: number, d: any) => n + d.data.length, 0),
    );
    expect(points).toBe(drawn.length);
    // the HTML subject and message are cell text, nothing was injected, no script ran
    expect(await page.locator('.df-evgrid .x-grid-cell-inner', { hasText: HOSTILE }).count()).toBe(1);
    expect(await page.locator('.df-evgrid .x-grid-cell-inner', { hasText: '<b>bold</b>' }).count()).toBe(1);
    expect(await page.$$('img[src="x"], [onerror], .df-evgrid b')).toHaveLength(0);
    // an unknown kind is shown generically
    expect(await page.locator('.df-evgrid .df-kind', { hasText: 'some future kind' }).count()).toBe(1);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('filters: severity, kind and subject (sent to the API and applied to the list)', async () => {
    await clickCmp('dfKafka dfeventtimeline #sev-critical');
    await until(
      'no critical events listed',
      async () => {
        const rows = await gridEvents();
        return rows.length > 0 && rows.every((r) => r.severity !== 'critical') ? true : null;
      },
      20000,
    );
    expect(eventRequests[eventRequests.length - 1]).toContain('severity=warning%2Cinfo');
    await clickCmp('dfKafka dfeventtimeline #sev-critical');
    await page.evaluate(() => (window as any).Ext.ComponentQuery.query('dfKafka dfeventtimeline #kind')[0].setValue(['target-down']));
    await until(
      'only target-down events',
      async () => {
        const rows = await gridEvents();
        return rows.length >= 2 && rows.every((r) => r.kind === 'target-down') ? true : null;
      },
      20000,
    );
    expect(eventRequests[eventRequests.length - 1]).toContain('kind=target-down');
    await fillCmp('dfKafka dfeventtimeline #subject', '<img');
    await until(
      'only the HTML subject',
      async () => {
        const rows = await gridEvents();
        return rows.length === 1 && rows[0]?.subject === HOSTILE ? true : null;
      },
      20000,
    );
    await fillCmp('dfKafka dfeventtimeline #subject', '');
    await page.evaluate(() => (window as any).Ext.ComponentQuery.query('dfKafka dfeventtimeline #kind')[0].setValue([]));
    await until('all seeded events back', async () => ((await seededShown()).length === seeded.length ? true : null), 20000);
  });

  test('clicking a row or a point opens the time machine at that moment and the related tab', async () => {
    const isr = seeded[1] as SeedEvent;
    const rowId: string = await page.evaluate((ts) => {
      const grid = (window as any).Ext.ComponentQuery.query('dfKafka dfeventtimeline #grid')[0];
      const rec = grid
        .getStore()
        .getRange()
        .filter((r: any) => r.get('ts') === ts)[0];
      return '#' + grid.getView().getNode(rec).id;
    }, isr.ts);
    await page.click(rowId + ' .x-grid-cell-first');
    let calls = await timeMachineCalls();
    expect(calls[calls.length - 1]).toEqual({
      cluster: sidecar.clusterId,
      at: isr.ts,
      windowMs: TM_WINDOW_MS,
      tab: 'dfKafkaTopics',
      metric: Metrics.ISR_SHRINKS,
    });
    expect(await activeKafkaTab()).toBe('dfKafkaTopics');
    // the header's CSV is enabled on chart tabs and, with the range, disabled on Events/Configuration
    // (the range is also disabled here because the click opened the time machine)
    const headerDisabled = (): Promise<boolean[]> =>
      page.evaluate(() => ['#range', '#csv'].map((sel) => (window as any).Ext.ComponentQuery.query('dfKafka dflivebar ' + sel)[0].isDisabled()));
    expect(await headerDisabled()).toEqual([true, false]);

    // back to the events, click the broker-2 point on the time axis
    await clickKafkaTab(page, EVENTS_TAB);
    expect(await headerDisabled()).toEqual([true, true]);
    const down = seeded[0] as SeedEvent;
    const at = await until(
      'the point of broker-2 down on the canvas',
      async () =>
        page.evaluate(
          ([ts, kind]) => {
            const Ext = (window as any).Ext;
            const c = Ext.ComponentQuery.query('dfKafka dfeventchart')[0];
            if (!c.chart || !c.canvasEl) return null;
            const r = c.canvasEl.getBoundingClientRect();
            const lane = (window as any).Flamingo2.view.monitoring.common.EventTimelineModel.laneOf(kind);
            return { x: r.left + c.chart.scales.x.getPixelForValue(ts), y: r.top + c.chart.scales.y.getPixelForValue(lane) };
          },
          [down.ts, down.kind] as const,
        ),
      20000,
    );
    await page.mouse.click(at.x, at.y);
    calls = await timeMachineCalls();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ cluster: sidecar.clusterId, at: down.ts, windowMs: TM_WINDOW_MS, tab: 'dfKafkaBrokers' });
    expect(await activeKafkaTab()).toBe('dfKafkaBrokers');
    await clickKafkaTab(page, EVENTS_TAB);
  });

  test('drag-select zooms the time axis; reset zoom brings the whole range back', async () => {
    const box = await page.evaluate(() => {
      const c = (window as any).Ext.ComponentQuery.query('dfKafka dfeventchart')[0];
      const r = c.canvasEl.getBoundingClientRect();
      const a = c.chart.chartArea;
      return { left: r.left + a.left, right: r.left + a.right, y: r.top + (a.top + a.bottom) / 2 };
    });
    const x0 = box.left + (box.right - box.left) * 0.7;
    const x1 = box.right - 2;
    await page.mouse.move(x0, box.y);
    await page.mouse.down();
    await page.mouse.move((x0 + x1) / 2, box.y, { steps: 4 });
    await page.mouse.move(x1, box.y, { steps: 4 });
    await page.mouse.up();
    const zoom = await page.evaluate(() => (window as any).Ext.ComponentQuery.query('dfKafka dfeventtimeline')[0].zoom);
    expect(zoom).not.toBeNull();
    const shown = await gridEvents();
    shown.forEach((e) => expect(e.ts).toBeGreaterThanOrEqual(zoom.min));
    // 70% of 24 h ago is 7.2 h ago: the seeded events of the last 5 h are in, nothing older
    expect((await seededShown()).length).toBe(seeded.length);
    await clickCmp('dfKafka dfeventtimeline #resetZoom');
    expect(await page.evaluate(() => (window as any).Ext.ComponentQuery.query('dfKafka dfeventtimeline')[0].zoom)).toBeNull();
  });
});

describe('Kafka › Configuration (alert rules)', () => {
  test('the grid lists every built-in rule, grouped Kafka / ZooKeeper / general, with a state light', async () => {
    await clickKafkaTab(page, RULES_TAB);
    const builtin = (await rulesFromApi())
      .filter((r) => r.origin === 'builtin')
      .map((r) => r.id)
      .sort();
    expect(builtin.length).toBeGreaterThan(5);
    const ids = await until(
      'rules in the grid',
      async () => {
        const r: string[] = await page.evaluate(() => {
          const grid = (window as any).Ext.ComponentQuery.query('dfalertrules #grid')[0];
          return grid
            .getStore()
            .getRange()
            .map((x: any) => x.get('id'));
        });
        return r.length >= builtin.length ? r : null;
      },
      30000,
    );
    expect(ids.slice().sort()).toEqual(builtin);
    const groups = await page.$$eval('.df-rules .x-grid-group-title', (els) => els.map((e) => (e.textContent || '').replace(/\s*\(\d+\)$/, '')));
    expect(groups).toEqual(['Kafka', 'ZooKeeper', 'General']);
    const states = await page.$$eval('.df-rules [data-state]', (els) => els.map((e) => e.getAttribute('data-state')));
    expect(states.length).toBe(builtin.length);
    states.forEach((s) => expect(['ok', 'pending', 'firing', 'off']).toContain(s));
    expect((await ruleRow('under-replicated'))?.text).toContain('Under-replicated partitions');
  });

  test('a wrong admin token shows the error and changes nothing', async () => {
    await editCell('under-replicated', 'threshold', '5', 'not-the-admin-token');
    const b = await until(
      'an error banner',
      async () => {
        const x = await banner();
        return x && x.kind === 'error' ? x : null;
      },
      20000,
    );
    expect(b.text).toContain('admin token required');
    expect((await rulesFromApi()).find((r) => r.id === 'under-replicated')?.threshold).toBe(0);
    expect((await ruleRow('under-replicated'))?.threshold).toBe(0);
  });

  test('editing a threshold with the admin token persists (seen after a reload); a bad value shows the API error', async () => {
    // the wrong token was forgotten: the dialog asks again
    await editCell('under-replicated', 'threshold', '5', sidecar.adminToken);
    await until('a saved banner', async () => ((await banner())?.kind === 'ok' ? true : null), 20000);
    const saved = (await rulesFromApi()).find((r) => r.id === 'under-replicated');
    expect(saved).toMatchObject({ threshold: 5, modified: true });

    await page.reload();
    await waitForHost(page);
    await clickMenu(page, 'monitoring.kafka.Kafka');
    // the timeline loads now, once: whatever it shows later came over the socket
    await clickKafkaTab(page, EVENTS_TAB);
    await until('the seeded events after the reload', async () => ((await seededShown()).length === seeded.length ? true : null), 60000);
    await clickKafkaTab(page, RULES_TAB);
    const row = await until(
      'the rule after the reload',
      async () => {
        const r = await ruleRow('under-replicated');
        return r && r.threshold === 5 ? r : null;
      },
      30000,
    );
    expect(row.modified).toBe(true);
    expect(row.text).toContain('Modified');

    // memory only: after the reload the token is asked again; a bad threshold is refused by the API
    await editCell('under-replicated', 'threshold', 'abc', sidecar.adminToken);
    const b = await until(
      'an error banner',
      async () => {
        const x = await banner();
        return x && x.kind === 'error' ? x : null;
      },
      20000,
    );
    expect(b.text).toContain('must be a number');
    expect((await ruleRow('under-replicated'))?.threshold).toBe(5);
    expect((await rulesFromApi()).find((r) => r.id === 'under-replicated')?.threshold).toBe(5);
    // nothing of the token reached storage or cookies
    const stored = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie);
    expect(stored).not.toContain(sidecar.adminToken);
  });

  test('the form adds a per-target rule; it fires and the alert arrives live on the timeline', async () => {
    await page.evaluate(() => {
      (window as any).__dfNotReloaded = true;
    });
    const eventRequestsBefore = eventRequests.length;
    await clickCmp('dfalertrules #add');
    await page.locator('.df-rule-form').waitFor({ state: 'visible', timeout: 10000 });
    await until(
      'catalogue and targets in the form',
      async () =>
        page.evaluate(() => {
          const Ext = (window as any).Ext;
          const win = Ext.ComponentQuery.query('[cls=df-rule-form]')[0];
          return win && win.catalog.length > 0 && win.targets.length > 0;
        }),
      20000,
    );
    await page.evaluate(() => {
      const win = (window as any).Ext.ComponentQuery.query('[cls=df-rule-form]')[0];
      win.down('#metric').setValue('kafka.broker.under_replicated_partitions');
      win.down('#target').setValue('broker-1');
      win.down('#op').setValue('>=');
      win.down('#threshold').setValue('0');
      win.down('#for').setValue('0');
      win.down('#severity').setValue('warning');
      win.down('#nameEn').setValue('e2e broker-1 URP watch');
    });
    await clickCmp('[cls=df-rule-form] #save');
    const formError = () => page.evaluate(() => (document.querySelector('.df-rule-form .df-banner') as HTMLElement | null)?.textContent || null);
    const created = await until(
      'the custom rule',
      async () => (await rulesFromApi()).find((r) => r.origin === 'custom' && r.target === 'broker-1'),
      20000,
    ).catch(async (e) => {
      throw new Error(`${(e as Error).message}; form says: ${await formError()}`);
    });
    expect(created.name.en).toBe('e2e broker-1 URP watch');
    // the dialog closed itself
    await page.locator('.df-rule-form').waitFor({ state: 'detached', timeout: 10000 });
    await until('the custom rule in the grid', async () => ((await ruleRow(created.id))?.text.includes('e2e broker-1 URP watch') ? true : null), 20000);
    await until(
      'the custom rule firing',
      async () => {
        const r = await ruleRow(created.id);
        return r && /Firing/.test(r.text) ? true : null;
      },
      90000,
    );
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(page, 'kafka-rules.png');

    // the alert came over the socket and is on the timeline, the page was not reloaded
    await clickKafkaTab(page, EVENTS_TAB);
    await until(
      'the live alert on the timeline',
      async () => {
        const rows = await gridEvents();
        return rows.some((r) => r.ruleId === created.id && r.kind === 'alert-fired') ? true : null;
      },
      60000,
    );
    expect(eventFrames.some((f) => f.cluster === sidecar.clusterId && f.event.ruleId === created.id)).toBe(true);
    expect(await page.evaluate(() => (window as any).__dfNotReloaded)).toBe(true);
    expect(eventRequests.length).toBe(eventRequestsBefore);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(page, 'kafka-events.png');
  });

  test('reset to default brings a modified built-in rule back', async () => {
    await clickKafkaTab(page, RULES_TAB);
    await until('the modified marker', async () => ((await ruleRow('under-replicated'))?.modified ? true : null), 20000);
    const link = page.locator((await ruleCell(page, 'under-replicated', 'modified')) + ' [data-action="reset"]');
    await link.scrollIntoViewIfNeeded();
    await link.click();
    await until('the default threshold', async () => ((await ruleRow('under-replicated'))?.threshold === 0 ? true : null), 20000).catch(async (e) => {
      throw new Error(`${(e as Error).message}; banner: ${JSON.stringify(await banner())}; row: ${JSON.stringify(await ruleRow('under-replicated'))}`);
    });
    expect((await rulesFromApi()).find((r) => r.id === 'under-replicated')).toMatchObject({ threshold: 0, modified: false });
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('ZooKeeper › events', () => {
  test('the ZooKeeper panel shows the ensemble events only', async () => {
    await clickMenu(page, 'monitoring.zookeeper.ZooKeeper');
    const rows = await until(
      'ZooKeeper events',
      async () => {
        const r: Array<{ subject: string; message: string }> = await page.evaluate(() => {
          const tl = (window as any).Ext.ComponentQuery.query('dfZooKeeper dfeventtimeline')[0];
          return tl ? tl.visibleEvents().map((e: any) => ({ subject: e.subject, message: e.message })) : [];
        });
        return r.some((x) => x.message === 'e2e ZooKeeper leader moved to zk-3') ? r : null;
      },
      30000,
    );
    expect(rows.map((r) => r.message)).toContain('e2e a kind the panels do not know yet');
    expect(rows.map((r) => r.subject)).not.toContain('broker-2');
    expect(rows.map((r) => r.subject)).not.toContain(HOSTILE);
  });
});
