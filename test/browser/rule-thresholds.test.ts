/**
 * Threshold lines, badges and lights follow the alert rules as the operator edited them, in headless
 * Chromium against the REAL sidecar (`doflamingo serve` with an admin token, its own MariaDB database)
 * collecting from the REAL local cluster. The Overview's Max lag chart draws the consumer-lag rule:
 * 50 by default; 80 right after the Configuration tab saves it (no page reload); amber — not red — for
 * this warning rule once the lines are above it; no line and "Off" when the rule is disabled; 120 after
 * another admin's PUT through the admin API (the panels reload rules every 60 s); 50 again after reset.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { clickKafkaTab, clickMenu, launchBrowser, lights, until, waitForHost } from './support/browser';
import { editRuleCell, ruleCell } from './support/rules-grid';
import { type RunningSidecar, startSidecar } from './support/sidecar';

const OVERVIEW_TAB = 0;
const RULES_TAB = 5;
const AMBER = '#e8a317';
/** Screenshots of this test stay in test output (not docs/). */
const OUT = path.join(os.tmpdir(), 'doflamingo-rule-thresholds');

interface LagChart {
  /** The threshold dataset (null: no line). */
  line: { label: string; y: number; color: string } | null;
  badge: { state: string; text: string; dot: string | null };
  lines: number;
}

let sidecar: RunningSidecar;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const dialogs: string[] = [];

/** The Overview's Max lag chart (the one whose threshold follows consumer-lag): its threshold line and badge. */
async function lagChart(): Promise<LagChart | null> {
  return page.evaluate(() => {
    const Ext = (window as any).Ext;
    const c = Ext.ComponentQuery.query('dfKafkaOverview dfchart').filter((x: any) => x.spec.threshold && x.spec.threshold.rule === 'consumer-lag')[0];
    if (!c || !c.chart || !c.stateEl) return null;
    const sets = c.chart.data.datasets;
    const th = sets.filter((d: any) => d.dfThreshold)[0];
    const dot = c.stateEl.querySelector('.df-dot');
    return {
      line: th ? { label: th.label, y: th.data[0].y, color: th.borderColor } : null,
      badge: { state: c.stateEl.className.replace(/.*df-text-/, ''), text: (c.stateEl.textContent || '').trim(), dot: dot ? dot.className : null },
      lines: sets.filter((d: any) => !d.dfThreshold).length,
    };
  });
}

async function lagChartWhen(what: string, ok: (c: LagChart) => boolean, timeoutMs: number): Promise<LagChart> {
  let last: LagChart | null = null;
  return until(
    what,
    async () => {
      last = await lagChart();
      return last && ok(last) ? last : null;
    },
    timeoutMs,
    250,
  ).catch((e) => {
    throw new Error(`${(e as Error).message}; chart: ${JSON.stringify(last)}`);
  });
}

/** The rule as the Configuration tab's grid holds it. */
async function gridRule(ruleId: string): Promise<{ threshold: number; enabled: boolean; modified: boolean } | null> {
  return page.evaluate((rid) => {
    const grid = (window as any).Ext.ComponentQuery.query('dfalertrules #grid')[0];
    const i = grid ? grid.getStore().findExact('id', rid) : -1;
    if (i < 0) return null;
    const rec = grid.getStore().getAt(i);
    return { threshold: rec.get('threshold'), enabled: rec.get('enabled'), modified: rec.get('modified') };
  }, ruleId);
}

/** Edits a threshold cell like a user (click, type, Enter); `askToken`: the first write asks for the admin token. */
async function editThreshold(ruleId: string, text: string, askToken = false): Promise<void> {
  await editRuleCell(page, ruleId, 'threshold', text, askToken ? sidecar.adminToken : undefined);
  await until(`consumer-lag at ${text} in the grid`, async () => ((await gridRule(ruleId))?.threshold === Number(text) ? true : null), 20000);
}

async function adminPut(ruleId: string, body: object): Promise<{ threshold: number }> {
  const res = await fetch(`${sidecar.url}/api/v1/admin/clusters/${sidecar.clusterId}/rules/${ruleId}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sidecar.adminToken}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PUT ${ruleId}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { threshold: number };
}

async function adminReset(ruleId: string): Promise<void> {
  await fetch(`${sidecar.url}/api/v1/admin/clusters/${sidecar.clusterId}/rules/${ruleId}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${sidecar.adminToken}` },
  }).catch(() => undefined);
}

beforeAll(async () => {
  sidecar = await startSidecar();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${sidecar.url}/`);
  await waitForHost(page);
  await page.evaluate(() => ((window as any).__dfNotReloaded = true));
  await clickMenu(page, 'monitoring.kafka.Kafka');
}, 300000);

afterAll(async () => {
  if (sidecar) await adminReset('consumer-lag');
  await browser?.close().catch(() => undefined);
  await sidecar?.stop();
});

describe('Kafka › Overview: the Max lag threshold is the consumer-lag rule', () => {
  test('by default: "Threshold (50)", amber (warning rule), the rules of the cluster loaded', async () => {
    const c = await lagChartWhen('the Max lag chart with its threshold and lines', (x) => !!x.line && x.lines > 0, 90000);
    expect(c.line).toMatchObject({ label: 'Threshold (50)', y: 50 });
    const loaded = await page.evaluate((cid) => (window as any).Flamingo2.view.monitoring.common.Thresholds.lookup(cid, 'consumer-lag'), sidecar.clusterId);
    expect(loaded).toEqual({ threshold: 50, severity: 'warning', enabled: true, op: '>' });
    // a warning rule: the line and any crossing are amber, never red
    await lagChartWhen('the amber line of the warning rule', (x) => x.line?.color === AMBER, 10000);
    expect(['ok', 'warn', 'unknown']).toContain((await lagChart())?.badge.state);
  });

  test('saved as 80 in the Configuration tab: "Threshold (80)" at once, without a page reload', async () => {
    await clickKafkaTab(page, RULES_TAB);
    await until('the rules grid', async () => ((await gridRule('consumer-lag')) ? true : null), 30000);
    await editThreshold('consumer-lag', '80', true);
    await clickKafkaTab(page, OVERVIEW_TAB);
    const c = await lagChartWhen('Threshold (80)', (x) => x.line?.label === 'Threshold (80)', 3000);
    expect(c.line).toMatchObject({ y: 80, color: AMBER });
    expect(c.badge.state).not.toBe('crit');
    expect(await page.evaluate(() => (window as any).__dfNotReloaded)).toBe(true);
    fs.mkdirSync(OUT, { recursive: true });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: path.join(OUT, 'overview-consumer-lag-80.png') });
  });

  test('lines above a warning rule: the badge and the lag light are amber (warn), not red', async () => {
    // below every lag (lag >= 0): whatever the demo consumers do, the lines are above the rule
    await clickKafkaTab(page, RULES_TAB);
    await editThreshold('consumer-lag', '-1');
    await clickKafkaTab(page, OVERVIEW_TAB);
    const c = await lagChartWhen('the amber badge', (x) => x.line?.y === -1 && x.badge.state === 'warn', 15000);
    expect(c.badge.text).toBe('Above threshold');
    expect(c.badge.dot).toContain('df-state-warn');
    const lag = await until('the lag light', async () => (await lights(page)).find((l) => l.key === 'lag' && l.state !== 'unknown'), 15000);
    expect(lag.state).toBe('warn');
    await page.screenshot({ path: path.join(OUT, 'overview-consumer-lag-above.png') });
  });

  test('the rule disabled: no threshold line, the badge says Off in grey', async () => {
    await clickKafkaTab(page, RULES_TAB);
    const toggle = page.locator((await ruleCell(page, 'consumer-lag', 'enabled')) + ' [data-action="toggle"]');
    await toggle.scrollIntoViewIfNeeded();
    await toggle.click();
    await until('consumer-lag off in the grid', async () => ((await gridRule('consumer-lag'))?.enabled === false ? true : null), 20000);
    await clickKafkaTab(page, OVERVIEW_TAB);
    const c = await lagChartWhen('no line and Off', (x) => x.line === null && x.badge.text === 'Off', 5000);
    expect(c.badge.state).toBe('unknown');
    expect(c.lines).toBeGreaterThan(0);
    expect((await lights(page)).find((l) => l.key === 'lag')?.state).toBe('unknown');
  });

  test("another admin's change through the admin API shows within the 60 s reload; reset brings 50 back", async () => {
    expect((await adminPut('consumer-lag', { threshold: 120, enabled: true })).threshold).toBe(120);
    await lagChartWhen('Threshold (120) from the periodic reload', (x) => x.line?.label === 'Threshold (120)', 75000);
    // reset to default from the Configuration tab (the row is marked modified)
    await clickKafkaTab(page, RULES_TAB);
    const reset = page.locator((await ruleCell(page, 'consumer-lag', 'modified')) + ' [data-action="reset"]');
    await reset.scrollIntoViewIfNeeded();
    await reset.click();
    await until('consumer-lag back to 50 in the grid', async () => ((await gridRule('consumer-lag'))?.threshold === 50 ? true : null), 20000);
    await clickKafkaTab(page, OVERVIEW_TAB);
    await lagChartWhen('Threshold (50) again', (x) => x.line?.label === 'Threshold (50)' && x.line.y === 50, 3000);
    const rules = await sidecar.api<Array<{ id: string; threshold: number; enabled: boolean; modified: boolean }>>(`/clusters/${sidecar.clusterId}/rules`);
    expect(rules.find((r) => r.id === 'consumer-lag')).toMatchObject({ threshold: 50, enabled: true, modified: false });
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
