import { readFileSync } from 'fs';
import path from 'path';
import { defaultSqlDir, INSTALL_SQL, runSqlScript, splitSqlStatements, UNINSTALL_SQL } from '../../../sidecar/src/flamingo/sql-script';

const sqlDir = defaultSqlDir();

test('splits at a line-ending semicolon, dropping comment and blank lines', () => {
  const sql = "-- head\nSTART TRANSACTION;\n\n# hash comment\nSELECT 1,\n  2;\nINSERT INTO t VALUES ('a;\nb -- not a comment');\nCOMMIT;\n";
  expect(splitSqlStatements(sql)).toEqual(['START TRANSACTION', 'SELECT 1,\n  2', "INSERT INTO t VALUES ('a;\nb -- not a comment')", 'COMMIT']);
});

test('quotes escaped with a backslash do not end a string', () => {
  expect(splitSqlStatements("SELECT 'it\\'s;';\nSELECT 2;")).toEqual(["SELECT 'it\\'s;'", 'SELECT 2']);
});

test('the install script is one transaction: sort base, two menu inserts, levels, the auth insert', () => {
  const s = splitSqlStatements(readFileSync(path.join(sqlDir, INSTALL_SQL), 'utf8'));
  expect(s.map((x) => x.split(/\s+/).slice(0, 3).join(' '))).toEqual([
    'START TRANSACTION',
    'SET @doflamingo_sort_base =',
    'INSERT INTO FL_COMM_MENU',
    'INSERT INTO FL_COMM_MENU',
    'SET @doflamingo_monitoring_levels =',
    'INSERT INTO FL_ADMIN_MENU_AUTH',
    'COMMIT',
  ]);
  // Portable across MySQL 5.7 / 8.0 / MariaDB: none of the version-specific upsert forms.
  expect(s.join('\n')).not.toMatch(/ON DUPLICATE KEY|VALUES\s*\(\s*MENU|REPLACE INTO/i);
  // The INSERTs read their own target table only in FROM (documented as allowed), never in a WHERE subquery.
  for (const insert of s.filter((x) => x.startsWith('INSERT'))) expect(insert).not.toMatch(/EXISTS\s*\(/i);
});

test('the install script names the panels Flamingo will Ext.create, with all four localized names', () => {
  const sql = readFileSync(path.join(sqlDir, INSTALL_SQL), 'utf8');
  expect(sql).toContain("'MN001901', '카프카', 'monitoring.kafka.Kafka', 'MN001'");
  expect(sql).toContain("'MN001902', '주키퍼', 'monitoring.zookeeper.ZooKeeper', 'MN001'");
  for (const col of ['MENU_NM_ko_KR', 'MENU_NM_en_US', 'MENU_NM_ja_JP', 'MENU_NM_zh_CN']) expect(sql).toContain(col);
});

test('the uninstall script deletes only our rows', () => {
  const s = splitSqlStatements(readFileSync(path.join(sqlDir, UNINSTALL_SQL), 'utf8'));
  expect(s.filter((x) => /^DELETE/.test(x))).toHaveLength(2);
  for (const d of s.filter((x) => /^DELETE/.test(x))) expect(d).toMatch(/MN001901[\s\S]*MN001902/);
});

test('runSqlScript runs statements in order on one connection and rolls back when one fails', async () => {
  const seen: string[] = [];
  const conn = {
    query: async (q: string) => {
      seen.push(q);
      if (q === 'BAD') throw new Error('boom');
      return [[], []];
    },
  };
  await expect(runSqlScript(conn as never, 'START TRANSACTION;\nSELECT 1;\nBAD;\nCOMMIT;\n')).rejects.toThrow('boom');
  expect(seen).toEqual(['START TRANSACTION', 'SELECT 1', 'BAD', 'ROLLBACK']);
  seen.length = 0;
  expect(await runSqlScript(conn as never, 'SELECT 1;\nSELECT 2;')).toBe(2);
  expect(seen).toEqual(['SELECT 1', 'SELECT 2']);
});
