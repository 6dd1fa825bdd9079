/**
 * `demo-menu`: makes the demo database look like Flamingo's for the host page: the two menu
 * tables with Flamingo-2-shaped seed rows (sql/demo/flamingo-host.sql), then Doflamingo's own
 * menu registration (flamingo-plugin/sql/install-menu.sql) exactly as a real install applies it.
 * Both files only add what is missing, so the command can run any number of times. Refuses to run
 * on a database that already holds Flamingo's user tables.
 */
import { readFileSync } from 'fs';
import path from 'path';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { loadConfigOrEnv, mysqlUrl, packageRoot, UsageError } from './shared';
import type { Command } from './types';

const SQL_FILES = ['sql/demo/flamingo-host.sql', 'flamingo-plugin/sql/install-menu.sql'];

export const demoMenuCommand: Command = {
  summary: 'demo only: create Flamingo-shaped menu tables in the database and register the two menus',
  async run(ctx) {
    const cfg = loadConfigOrEnv(ctx);
    const conn = await mysql.createConnection({ uri: mysqlUrl(cfg), multipleStatements: true });
    try {
      const [real] = await conn.query<RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('FL_COMM_USER', 'FL_COMM_ENGINE')",
      );
      if (Number(real[0]?.n) > 0) throw new UsageError('this database looks like a real Flamingo database; use install-flamingo instead');
      for (const file of SQL_FILES) await conn.query(readFileSync(path.join(packageRoot(), file), 'utf8'));
      const [rows] = await conn.query<RowDataPacket[]>("SELECT MENU_NS FROM FL_COMM_MENU WHERE PRNTS_MENU_ID = 'MN001' ORDER BY SORT_ORDR");
      ctx.out(`FL_COMM_MENU: Monitoring has ${rows.length} items (${rows.map((r) => String(r.MENU_NS)).join(', ')})`);
      return 0;
    } finally {
      await conn.end();
    }
  },
};
