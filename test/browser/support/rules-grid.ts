/** The Configuration tab's rules grid in a browser test. */
import type { Page } from 'playwright-core';
import { until } from './browser';

/** A CSS selector of a rule's cell (column by dataIndex), tagged with `data-e2e` so it can be clicked like a user would. */
export async function ruleCell(page: Page, ruleId: string, dataIndex: string): Promise<string> {
  const id = await page.evaluate(
    ([rid, di]) => {
      const grid = (window as any).Ext.ComponentQuery.query('dfalertrules #grid')[0];
      const rec = grid.getStore().getAt(grid.getStore().findExact('id', rid));
      const col = grid.getColumns().filter((c: any) => c.dataIndex === di)[0];
      const cell = grid.getView().getCell(rec, col);
      (cell.dom || cell).setAttribute('data-e2e', rid + '-' + di);
      return rid + '-' + di;
    },
    [ruleId, dataIndex],
  );
  return `[data-e2e="${id}"]`;
}

/**
 * Edits a rule's cell like a user: click, type, Enter. `adminToken`: typed into the token dialog the
 * first write opens (leave it out when the page already has the token).
 */
export async function editRuleCell(page: Page, ruleId: string, dataIndex: string, text: string, adminToken?: string): Promise<void> {
  await page.click(await ruleCell(page, ruleId, dataIndex));
  const inputId = await until(
    'the cell editor',
    async () =>
      page.evaluate(() => {
        const grid = (window as any).Ext.ComponentQuery.query('dfalertrules #grid')[0];
        const ed = grid.findPlugin('cellediting').getActiveEditor();
        return ed && ed.field && ed.field.inputEl ? ed.field.inputEl.dom.id : null;
      }),
    10000,
    200,
  );
  const input = page.locator('#' + inputId);
  await input.fill(text);
  await input.press('Enter');
  if (adminToken !== undefined) {
    const pw = page.locator('.df-token-dialog input[type="password"]');
    await pw.waitFor({ state: 'visible', timeout: 10000 });
    await pw.fill(adminToken);
    await pw.press('Enter');
  }
}
