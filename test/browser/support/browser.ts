/**
 * Headless Debian Chromium through playwright-core (never a downloaded browser), and helpers that
 * read the panels' state from the page: charts (points per Chart.js line), lights, grids.
 */
import fs from 'fs';
import path from 'path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', 'docs', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface ChartStat {
  title: string;
  lines: number;
  points: number;
  lastX: number;
}

export interface LightStat {
  key: string;
  state: string;
  value: string;
}

/** Waits for Ext and the host Viewport with its menu. */
export async function waitForHost(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const w = window as any;
    return !!(w.Ext && w.DEMO_APP && w.Ext.ComponentQuery.query('#menuTree')[0]);
  });
}

/** Clicks the menu item whose FL_COMM_MENU.MENU_NS is `ns`, like a user. */
export async function clickMenu(page: Page, ns: string): Promise<void> {
  const selector = await page.evaluate((menuNs) => {
    const Ext = (window as any).Ext;
    const tree = Ext.ComponentQuery.query('#menuTree')[0];
    const rec = tree.getStore().findNode('ns', menuNs);
    if (!rec) return null;
    const node = tree.getView().getNode(rec);
    return node ? '#' + node.id : null;
  }, ns);
  if (!selector) throw new Error(`menu item ${ns} not found in the host menu`);
  await page.click(selector);
}

/** Clicks the tab `index` of the Kafka tab panel, like a user. */
export async function clickKafkaTab(page: Page, index: number): Promise<void> {
  const selector = await page.evaluate((i) => {
    const panel = (window as any).Ext.ComponentQuery.query('dfKafka')[0];
    const item = panel && panel.items.getAt(i);
    return item ? '#' + item.tab.id : null;
  }, index);
  if (!selector) throw new Error(`Kafka tab ${index} not found`);
  await page.click(selector);
}

/** Chart.js state of every chart visible in the centre panel. */
export async function chartStats(page: Page): Promise<ChartStat[]> {
  return page.evaluate(() => {
    const Ext = (window as any).Ext;
    return Ext.ComponentQuery.query('dfchart')
      .filter((c: any) => c.rendered && c.isVisible(true))
      .map((c: any) => {
        const sets = c.chart ? c.chart.data.datasets.filter((d: any) => !d.dfThreshold) : [];
        let points = 0;
        let lastX = 0;
        sets.forEach((d: any) => {
          points += d.data.length;
          d.data.forEach((p: any) => (lastX = Math.max(lastX, p.x)));
        });
        return { title: c.spec.title, lines: sets.length, points, lastX };
      });
  });
}

export async function lights(page: Page): Promise<LightStat[]> {
  return page.$$eval('.df-light', (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({
        key: e.getAttribute('data-light') || '',
        state: e.getAttribute('data-state') || '',
        value: (e.querySelector('.df-light-value')?.textContent || '').trim(),
      })),
  );
}

/** Polls `fn` until it returns a truthy value. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}
