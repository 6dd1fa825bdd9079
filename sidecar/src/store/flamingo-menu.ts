/** Flamingo's menu table (FL_COMM_MENU), read for the demo host page's menu. */
import type { Pool, RowDataPacket } from 'mysql2/promise';

/** Every row of FL_COMM_MENU as MySQL returns it (column names as keys). Rejects when the table is missing. */
export async function readFlamingoMenu(pool: Pool): Promise<Record<string, unknown>[]> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT * FROM FL_COMM_MENU');
  return rows;
}
