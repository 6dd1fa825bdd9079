/** The Configuration tab's rules grid in a browser test. */
import type { Page } from 'playwright-core';

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
