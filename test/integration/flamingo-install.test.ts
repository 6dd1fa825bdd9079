/**
 * install-flamingo / uninstall-flamingo into a Flamingo-2-shaped webapp folder and database
 * (tables from test/fixtures/flamingo/flamingo2-schema.sql, made from shared/flamingo-host.md).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { main } from '../../sidecar/src/cli/main';
import { ROOT } from '../support/cluster';
import { freshDatabase } from '../support/mysql';

const CONFIG_PROPERTIES = [
  '# Flamingo 2 configuration',
  'jdbc.url=jdbc:mysql://localhost:3306/flamingo2?useUnicode=true&characterEncoding=UTF-8',
  'jdbc.username=flamingo',
  'jdbc.password=secret',
  'terminal.server.ip=127.0.0.1',
  'terminal.server.port=8002',
  '',
  '# keys the browser receives',
  'web.expose.keys=terminal.server.ip,\\',
  '                terminal.server.port',
  'app.version=2.0',
  '',
].join('\n');

let db: Awaited<ReturnType<typeof freshDatabase>>;
let conn: mysql.Connection;
let webapp: string;
let configFile: string;
const out: string[] = [];

/** Runs the CLI in-process; DOFLAMINGO_MYSQL_URL (which overrides the config file) points at this test's database. */
async function cli(...args: string[]): Promise<number> {
  out.length = 0;
  const saved = process.env.DOFLAMINGO_MYSQL_URL;
  process.env.DOFLAMINGO_MYSQL_URL = db.url;
  try {
    return await main([...args, '--config', configFile], (s) => out.push(s));
  } finally {
    process.env.DOFLAMINGO_MYSQL_URL = saved;
  }
}

async function menuRows(): Promise<RowDataPacket[]> {
  const [rows] = await conn.query<RowDataPacket[]>(
    "SELECT MENU_ID, MENU_NS, PRNTS_MENU_ID, MENU_NM_en_US, MENU_NM_ko_KR, MENU_NM_ja_JP, MENU_NM_zh_CN FROM FL_COMM_MENU WHERE MENU_NS LIKE 'monitoring.kafka%' OR MENU_NS LIKE 'monitoring.zookeeper%' ORDER BY MENU_ID",
  );
  return rows;
}

beforeAll(async () => {
  db = await freshDatabase('flamingo');
  conn = await mysql.createConnection({ uri: db.url, multipleStatements: true });
  await conn.query(readFileSync(path.join(ROOT, 'test/fixtures/flamingo/flamingo2-schema.sql'), 'utf8'));
  webapp = mkdtempSync(path.join(os.tmpdir(), 'flamingo2-web-'));
  mkdirSync(path.join(webapp, 'WEB-INF'), { recursive: true });
  mkdirSync(path.join(webapp, 'resources/app/view/monitoring/namenode'), { recursive: true });
  writeFileSync(path.join(webapp, 'resources/app/view/monitoring/namenode/Namenode.js'), 'Ext.define("Flamingo2.view.monitoring.namenode.Namenode", {});');
  writeFileSync(path.join(webapp, 'WEB-INF/config.properties'), CONFIG_PROPERTIES);
  configFile = path.join(webapp, 'doflamingo.json');
  writeFileSync(configFile, JSON.stringify({ mysql: { url: db.url }, clusters: [{ id: '1', name: 'prod' }], api: { host: 'kafka-mon', port: 8787, readToken: 'r-token', adminToken: 'a-token' } }));
});

afterAll(async () => {
  await conn?.end();
  await db?.drop();
  if (webapp) rmSync(webapp, { recursive: true, force: true });
});

test('install adds the panels, both menu items with four names, their auth rows and the exposed sidecar address', async () => {
  expect(await cli('install-flamingo', '--webapp', webapp)).toBe(0);
  expect(existsSync(path.join(webapp, 'resources/app/view/monitoring/kafka/Kafka.js'))).toBe(true);
  expect(existsSync(path.join(webapp, 'resources/app/view/monitoring/zookeeper/ZooKeeper.js'))).toBe(true);
  expect(existsSync(path.join(webapp, 'resources/app/view/monitoring/common/LiveClient.js'))).toBe(true);
  const rows = await menuRows();
  expect(rows.map((r) => [r.MENU_NS, r.PRNTS_MENU_ID])).toEqual([
    ['monitoring.kafka.Kafka', 'MN001'],
    ['monitoring.zookeeper.ZooKeeper', 'MN001'],
  ]);
  for (const r of rows) for (const col of ['MENU_NM_en_US', 'MENU_NM_ko_KR', 'MENU_NM_ja_JP', 'MENU_NM_zh_CN']) expect(String(r[col] ?? '')).not.toBe('');
  const [auth] = await conn.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM FL_ADMIN_MENU_AUTH WHERE MENU_ID IN ('MN001901','MN001902')");
  expect(Number(auth[0]?.n)).toBeGreaterThan(0);
  const props = readFileSync(path.join(webapp, 'WEB-INF/config.properties'), 'utf8');
  expect(props).toContain('doflamingo.sidecar.url=http://kafka-mon:8787');
  expect(props).toContain('doflamingo.sidecar.token=r-token');
  expect(props).not.toContain('a-token');
  expect(props).toMatch(/web\.expose\.keys=terminal\.server\.ip,\\\n\s+terminal\.server\.port,doflamingo\.sidecar\.url,doflamingo\.sidecar\.token/);
  expect(props.startsWith(CONFIG_PROPERTIES.split('web.expose')[0] as string)).toBe(true);
});

test('installing twice changes nothing', async () => {
  const props = readFileSync(path.join(webapp, 'WEB-INF/config.properties'), 'utf8');
  const [before] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_COMM_MENU');
  const [authBefore] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_ADMIN_MENU_AUTH');
  expect(await cli('install-flamingo', '--webapp', webapp)).toBe(0);
  expect(out.join('\n')).toMatch(/re-installed/);
  expect(readFileSync(path.join(webapp, 'WEB-INF/config.properties'), 'utf8')).toBe(props);
  const [after] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_COMM_MENU');
  const [authAfter] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM FL_ADMIN_MENU_AUTH');
  expect([after[0]?.n, authAfter[0]?.n]).toEqual([before[0]?.n, authBefore[0]?.n]);
});

test('uninstall restores the webapp and the database exactly', async () => {
  expect(await cli('uninstall-flamingo', '--webapp', webapp)).toBe(0);
  expect(readFileSync(path.join(webapp, 'WEB-INF/config.properties'), 'utf8')).toBe(CONFIG_PROPERTIES);
  expect(existsSync(path.join(webapp, 'resources/app/view/monitoring/kafka'))).toBe(false);
  expect(existsSync(path.join(webapp, 'resources/app/view/monitoring/common'))).toBe(false);
  expect(existsSync(path.join(webapp, 'resources/app/view/monitoring/namenode/Namenode.js'))).toBe(true);
  expect(await menuRows()).toEqual([]);
  const [auth] = await conn.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM FL_ADMIN_MENU_AUTH WHERE MENU_ID IN ('MN001901','MN001902')");
  expect(Number(auth[0]?.n)).toBe(0);
});

test('a folder that is not a Flamingo webapp is refused before anything changes', async () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'not-flamingo-'));
  try {
    expect(await cli('install-flamingo', '--webapp', empty)).toBe(2);
    expect(out.join('\n')).toMatch(/not a Flamingo 2 webapp folder/);
    expect(await menuRows()).toEqual([]);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
