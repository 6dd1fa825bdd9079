/**
 * The panels in the demo host page, in headless Chromium, against the REAL sidecar
 * (`doflamingo serve`) collecting from the REAL local cluster (scripts/cluster.sh up).
 * Each screen is opened through the host's menu and tabs like a user would; the tests check that
 * the charts hold data and move by themselves, that the lights reflect the cluster, that a
 * consumer group / client id made of HTML renders as text, and save the README screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { chartStats, clickKafkaTab, clickMenu, launchBrowser, lights, screenshot, until, waitForHost } from './support/browser';
import { HOSTILE, startHostileConsumer, type RunningConsumer } from './support/hostile-consumer';
import { type RunningSidecar, startSidecar, waitForData } from './support/sidecar';
import { loadPanels } from './support/panel-vm';

const Metrics = loadPanels(['common/Metrics.ts']).get('Flamingo2.view.monitoring.common.Metrics');
const LIVE_WAIT_MS = 25000;

let sidecar: RunningSidecar;
let browser: Browser;
let page: Page;
let consumer: RunningConsumer | undefined;
const dialogs: string[] = [];
const pageErrors: string[] = [];
let sockets = 0;
const sent: Array<{ type?: string; cluster?: string; view?: string }> = [];

beforeAll(async () => {
  consumer = await startHostileConsumer();
  sidecar = await startSidecar();
  // two collections at least, so every chart has a line and the next update moves it
  await waitForData(sidecar, 'kafka', Metrics.BYTES_IN, 3, 150000);
  await waitForData(sidecar, 'zookeeper', Metrics.ZK_AVG_LATENCY, 3, 60000);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('websocket', (ws) => {
    sockets++;
    ws.on('framesent', (f) => sent.push(JSON.parse(String(f.payload))));
  });
  await page.goto(`${sidecar.url}/`);
  await waitForHost(page);
}, 400000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await consumer?.disconnect().catch(() => undefined);
  await sidecar?.stop();
});

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
      90000,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; charts seen: ${JSON.stringify(seen)}`, { cause: err });
  }
}

/** Waits LIVE_WAIT_MS without touching the page, then expects every chart's last point to be later. */
async function expectChartsMove(before: Array<{ title: string; lastX: number }>) {
  await page.waitForTimeout(LIVE_WAIT_MS);
  const after = await chartStats(page);
  expect(after.map((c) => c.title)).toEqual(before.map((c) => c.title));
  after.forEach((c, i) => expect([c.title, c.lastX > (before[i]?.lastX ?? Infinity)]).toEqual([c.title, true]));
}

describe('Kafka panel', () => {
  test('Overview: health lights reflect the cluster, the six charts have data and move by themselves', async () => {
    await clickMenu(page, 'monitoring.kafka.Kafka');
    const stats = await chartsWithData(6, 'the six overview charts with data');
    expect(stats.map((s) => s.title)).toEqual([
      'Heap memory usage',
      'Message condition',
      'Response time',
      'Minimum fetch rate',
      'Messages consumed',
      'Max lag',
    ]);
    const l = await until(
      'lights',
      async () => {
        const all = await lights(page);
        return all.find((x) => x.key === 'brokers' && x.state !== 'unknown') ? all : null;
      },
      30000,
    );
    const byKey = Object.fromEntries(l.map((x) => [x.key, x]));
    expect(byKey['brokers']).toMatchObject({ state: 'ok', value: '3 / 3' });
    expect(byKey['controller']).toMatchObject({ state: 'ok', value: '1' });
    expect(byKey['offline']).toMatchObject({ state: 'ok', value: '0' });
    for (const key of ['urp', 'isr', 'network', 'handler', 'unclean']) expect([key, byKey[key]?.state]).not.toEqual([key, 'unknown']);
    await screenshot(page, 'kafka-overview.png');
    await expectChartsMove(stats);
  });

  test('Brokers: one tile per broker, per-broker charts with data', async () => {
    await clickKafkaTab(page, 1);
    const brokers = (await sidecar.api<Array<{ key: string; kind: string }>>(`/clusters/${sidecar.clusterId}/targets`))
      .filter((t) => t.kind === 'kafka-broker')
      .map((t) => t.key)
      .sort();
    const tiles = await until(
      'broker tiles',
      async () => {
        const t = await page.$$eval('.df-tile[data-target]', (els) => els.map((e) => [e.getAttribute('data-target'), e.className]));
        return t.length === brokers.length ? t : null;
      },
      30000,
    );
    expect(tiles.map((t) => t[0]).sort()).toEqual(brokers);
    tiles.forEach((t) => expect(t[1]).toMatch(/df-state-(ok|warn)/));
    expect(await page.$$('.df-tile .df-role-leader')).toHaveLength(1); // exactly one controller badge
    await chartsWithData(6, 'broker charts with data');
    await screenshot(page, 'kafka-brokers.png');
  });

  test('Topics: the cluster topics with throughput, partitions and trend', async () => {
    await clickKafkaTab(page, 2);
    const rows = await until(
      'topics grid with orders',
      async () => {
        const r: Array<{ topic: string; bytesIn: number | null; partitions: number | null }> = await page.evaluate(() => {
          const grid = (window as any).Ext.ComponentQuery.query('dfKafkaTopics #grid')[0];
          return grid
            .getStore()
            .getRange()
            .map((rec: any) => ({ topic: rec.get('topic'), bytesIn: rec.get('bytesIn'), partitions: rec.get('partitions') }));
        });
        return r.some((x) => x.topic === 'orders' && x.bytesIn !== null) ? r : null;
      },
      60000,
    );
    expect(rows.find((r) => r.topic === 'orders')?.partitions).toBeGreaterThan(0);
    await chartsWithData(3, 'topic charts with data');
    await screenshot(page, 'kafka-topics.png');
  });

  test('Consumer groups: lag per group and partition; an HTML group id renders as text, never as HTML', async () => {
    await clickKafkaTab(page, 3);
    await until(
      'the hostile group in the grid',
      async () =>
        page.evaluate((hostile) => {
          const grid = (window as any).Ext.ComponentQuery.query('dfKafkaConsumerGroups #groups')[0];
          return grid.getStore().findExact('group', hostile) >= 0;
        }, HOSTILE),
      90000,
    );
    // select it like a user: click its row
    const rowSelector = await page.evaluate((hostile) => {
      const grid = (window as any).Ext.ComponentQuery.query('dfKafkaConsumerGroups #groups')[0];
      const rec = grid.getStore().getAt(grid.getStore().findExact('group', hostile));
      return '#' + grid.getView().getNode(rec).id;
    }, HOSTILE);
    await page.click(rowSelector + ' .x-grid-cell-first');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await until(
      'partition lag chart of the selected group',
      async () => {
        const titles = await page.$$eval('.df-card-title', (els) => els.map((e) => e.textContent || ''));
        return titles.some((t) => t.endsWith(': ' + HOSTILE));
      },
      30000,
    );
    // shown as text in the grid cell and the chart title ...
    expect(await page.locator('.df-grid .x-grid-cell-inner', { hasText: HOSTILE }).count()).toBeGreaterThanOrEqual(1);
    // ... and nothing was injected: no element from it, no script ran
    expect(await page.$$('img[src="x"], [onerror]')).toHaveLength(0);
    expect(dialogs).toEqual([]);
    await chartsWithData(4, 'consumer charts with data');
    // the Burrow-style status of each group as the API evaluates it, shown as a light + name in the grid
    const shown = await until(
      'group status from the API shown in the grid',
      async () => {
        const api = await sidecar.api<Array<{ group: string; status: string | null; worstPartition: string | null }>>(
          `/clusters/${sidecar.clusterId}/consumer-groups`,
        );
        const withStatus = api.filter((g) => g.status !== null);
        if (withStatus.length === 0) return null;
        const grid: Array<{ group: string; status: string }> = await page.evaluate(() =>
          (window as any).Ext.ComponentQuery.query('dfKafkaConsumerGroups #groups')[0]
            .getStore()
            .getRange()
            .map((r: any) => ({ group: r.get('group'), status: r.get('status') })),
        );
        const same = withStatus.every((g) => grid.some((r) => r.group === g.group && r.status.split(' ')[0] === g.status));
        return same ? withStatus : null;
      },
      90000,
    );
    expect(shown.every((g) => ['OK', 'WARN', 'ERR'].includes(String(g.status)))).toBe(true);
    expect(await page.locator('.df-grid .x-grid-cell-inner', { hasText: /^(OK|WARN|ERR)/ }).count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'kafka-consumers.png');
  });
});

describe('ZooKeeper panel', () => {
  test('the ensemble: one tile per server, one leader, quorum light, charts with data that move', async () => {
    await clickMenu(page, 'monitoring.zookeeper.ZooKeeper');
    const servers = (await sidecar.api<Array<{ key: string; kind: string }>>(`/clusters/${sidecar.clusterId}/targets`)).filter((t) => t.kind === 'zookeeper');
    const roles = await until(
      'server tiles with roles',
      async () => {
        const r = await page.$$eval('.df-tile[data-role]', (els) => els.map((e) => e.getAttribute('data-role')));
        return r.length === servers.length && r.includes('leader') ? r : null;
      },
      60000,
    );
    expect(roles.filter((r) => r === 'leader')).toHaveLength(1);
    expect(roles.filter((r) => r === 'follower')).toHaveLength(servers.length - 1);
    const quorum = (await lights(page)).find((x) => x.key === 'quorum');
    expect(quorum).toMatchObject({ state: 'ok', value: `${servers.length} / ${servers.length}` });
    const stats = await chartsWithData(6, 'ZooKeeper charts with data');
    await screenshot(page, 'zookeeper.png');
    await expectChartsMove(stats);
  });
});

describe('host integration', () => {
  test('one WebSocket for the whole page, across panels', async () => {
    await clickMenu(page, 'monitoring.kafka.Kafka');
    await chartsWithData(6, 'overview again');
    expect(sockets).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  test('engineChanged switches the panel to the given engine', async () => {
    const before = sent.length;
    await page.evaluate((id) => (window as any).Ext.ComponentQuery.query('dfKafka')[0].fireEvent('engineChanged', { id, name: 'renamed' }), sidecar.clusterId);
    await until(
      'title of the new engine',
      async () => page.evaluate(() => (window as any).Ext.ComponentQuery.query('dfKafka')[0].title === 'Kafka · renamed'),
      10000,
    );
    const frames = sent.slice(before).map((m) => [m.type, m.cluster, m.view]);
    expect(frames).toEqual([
      ['unsubscribe', sidecar.clusterId, 'kafka'],
      ['subscribe', sidecar.clusterId, 'kafka'],
    ]);
    await chartsWithData(6, 'overview after engineChanged');
  });

  test('the panels use the read token: the API refuses a request without it', async () => {
    expect((await fetch(`${sidecar.url}/api/v1/clusters`)).status).toBe(401);
  });

  test('Korean bundle, and the English fallback when the host bundle lacks the module keys', async () => {
    const ko = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    ko.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const tabTitles = async () => ko.evaluate(() => (window as any).Ext.ComponentQuery.query('dfKafka')[0].items.items.map((t: any) => t.title));
    await ko.goto(`${sidecar.url}/?lang=ko_KR&open=monitoring.kafka.Kafka`);
    await waitForHost(ko);
    expect(await tabTitles()).toEqual(['개요', '브로커', '토픽', '컨슈머 그룹', '이벤트', '설정']);
    await until(
      'Korean overview with data',
      async () => {
        const stats = await chartStats(ko);
        return stats.length === 6 && stats.every((c) => c.points > 0);
      },
      60000,
    );
    await screenshot(ko, 'kafka-overview-ko.png');
    await ko.goto(`${sidecar.url}/?lang=ko_KR&texts=0&open=monitoring.kafka.Kafka`);
    await waitForHost(ko);
    expect(await tabTitles()).toEqual(['Overview', 'Brokers', 'Topics', 'Consumer groups', 'Events', 'Configuration']);
    await ko.close();
  });
});
