/**
 * install-flamingo / uninstall-flamingo into a Flamingo-2-shaped webapp folder and a real MariaDB
 * database (tables and seed rows from sql/demo/flamingo-host.sql, the demo's Flamingo-shaped database;
 * docs/flamingo-host.md), through the CLI as an operator runs it, and through installFlamingo().
 * The panels are the real build (ui-sencha/dist), built here when missing.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { main } from '../../sidecar/src/cli/main';
import { installFlamingo, uninstallFlamingo } from '../../sidecar/src/flamingo/installer';
import { defaultSqlDir, INSTALL_SQL, readSqlScript, runSqlScript, UNINSTALL_SQL } from '../../sidecar/src/flamingo/sql-script';
import { createLogger } from '../../sidecar/src/log/logger';
import { freshDatabase, type FreshDatabase } from '../support/mysql';

const ROOT = path.resolve(__dirname, '..', '..');
const PANELS = path.join(ROOT, 'ui-sencha/dist/app/view/monitoring');
const log = createLogger('silent');

/** Shaped like Flamingo 2's WEB-INF/config.properties: comments, a continued web.expose.keys, the terminal's keys. */
const CONFIG_PROPERTIES = [
  '###############################',
  '## Flamingo 2 Configuration',
  '###############################',
  '',
  'jdbc.driverClassName=com.mysql.jdbc.Driver',
  'jdbc.url=jdbc:mysql://localhost:3306/flamingo2?useUnicode=true&characterEncoding=UTF-8',
  'jdbc.username=flamingo',
  'jdbc.password=secret',
  '',
  '# Terminal server (flamingo2-terminal-nodejs)',
  'terminal.server.ip=127.0.0.1',
  'terminal.server.port=8002',
  '',
  '! keys the browser receives as config[...]',
  'web.expose.keys=terminal.server.ip,\\',
  '                terminal.server.port,\\',
  '                system.version',
  'system.version=2.0.0',
  '',
].join('\n');

let db: FreshDatabase;
let conn: mysql.Connection;
let tmp: string;
let webapp: string;
let configFile: string;
let before: { tree: Record<string, string>; rows: unknown };
const out: string[] = [];

/** Every file (sha1 of its bytes) and folder under `dir`, by relative path. */
function tree(dir: string, skip: string[] = []): Record<string, string> {
  const res: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      const rel = path.relative(dir, p).split(path.sep).join('/');
      if (skip.includes(rel)) continue;
      if (statSync(p).isDirectory()) {
        res[rel + '/'] = 'dir';
        walk(p);
      } else res[rel] = createHash('sha1').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return res;
}

/** Both menu tables, every column of every row, in a stable order. */
async function dbRows(): Promise<unknown> {
  const [menu] = await conn.query<RowDataPacket[]>('SELECT * FROM FL_COMM_MENU ORDER BY MENU_ID');
  const [auth] = await conn.query<RowDataPacket[]>('SELECT * FROM FL_ADMIN_MENU_AUTH ORDER BY MENU_ID, USERLEVEL, REG_DT');
  return { menu, auth };
}

/** Runs the CLI in-process; DOFLAMINGO_MYSQL_URL (which overrides the config file) points at `url`. */
async function cli(url: string, ...args: string[]): Promise<number> {
  out.length = 0;
  const saved = process.env.DOFLAMINGO_MYSQL_URL;
  process.env.DOFLAMINGO_MYSQL_URL = url;
  try {
    return await main([...args, '--config', configFile], (s) => out.push(s));
  } finally {
    if (saved === undefined) delete process.env.DOFLAMINGO_MYSQL_URL;
    else process.env.DOFLAMINGO_MYSQL_URL = saved;
  }
}

function makeWebapp(dir: string): void {
  mkdirSync(path.join(dir, 'WEB-INF/classes/locale'), { recursive: true });
  mkdirSync(path.join(dir, 'resources/app/view/monitoring/namenode'), { recursive: true });
  writeFileSync(path.join(dir, 'WEB-INF/config.properties'), CONFIG_PROPERTIES);
  writeFileSync(path.join(dir, 'WEB-INF/web.xml'), '<web-app/>\n');
  writeFileSync(path.join(dir, 'WEB-INF/classes/locale/messages_en_US.properties'), 'common.ok=OK\n');
  writeFileSync(path.join(dir, 'resources/app/Application.js'), "Ext.define('Flamingo2.Application', {});\n");
  writeFileSync(path.join(dir, 'resources/app/view/monitoring/namenode/Namenode.js'), "Ext.define('Flamingo2.view.monitoring.namenode.Namenode', {});\n");
}

beforeAll(async () => {
  if (!existsSync(path.join(PANELS, 'kafka/Kafka.js')))
    execFileSync('bash', [path.join(ROOT, 'ui-sencha/build.sh')], { cwd: ROOT, stdio: 'inherit', timeout: 170_000 });
  db = await freshDatabase('flamingo');
  conn = await mysql.createConnection({ uri: db.url, multipleStatements: true });
  await conn.query(readFileSync(path.join(ROOT, 'sql/demo/flamingo-host.sql'), 'utf8'));
  tmp = mkdtempSync(path.join(os.tmpdir(), 'flamingo2-'));
  webapp = path.join(tmp, 'webapp');
  makeWebapp(webapp);
  configFile = path.join(tmp, 'doflamingo.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      mysql: { url: db.url },
      clusters: [{ id: '1', name: 'prod' }],
      api: { host: 'kafka-mon', port: 8787, readToken: 'r-token', adminToken: 'a-secret-admin-token' },
      log: { level: 'silent' },
    }),
  );
  before = { tree: tree(webapp), rows: await dbRows() };
});

afterAll(async () => {
  await conn?.end();
  await db?.drop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('--dry-run checks and reports but changes nothing', async () => {
  expect(await cli(db.url, 'install-flamingo', '--webapp', webapp, '--dry-run')).toBe(0);
  expect(out.join('\n')).toMatch(/dry run, nothing changed; would install: \d+ panel files/);
  expect(tree(webapp)).toEqual(before.tree);
  expect(await dbRows()).toEqual(before.rows);
});

test('install copies the built panels, adds both menu rows with four names and their auth rows, and exposes the sidecar address', async () => {
  expect(await cli(db.url, 'install-flamingo', '--webapp', webapp)).toBe(0);
  expect(out.join('\n')).toMatch(/^installed: /);

  // Files: every built file, byte for byte, under resources/app/view/monitoring/.
  const built = tree(PANELS);
  const installed = tree(path.join(webapp, 'resources/app/view/monitoring'), ['namenode', 'namenode/Namenode.js']);
  expect(installed).toEqual(built);
  // Flamingo runs Ext.create('Flamingo2.view.' + MENU_NS): the files define exactly those classes.
  expect(readFileSync(path.join(webapp, 'resources/app/view/monitoring/kafka/Kafka.js'), 'utf8')).toContain(
    "Ext.define('Flamingo2.view.monitoring.kafka.Kafka'",
  );
  expect(readFileSync(path.join(webapp, 'resources/app/view/monitoring/zookeeper/ZooKeeper.js'), 'utf8')).toContain(
    "Ext.define('Flamingo2.view.monitoring.zookeeper.ZooKeeper'",
  );

  // Menu rows: children of MN001 after Monitoring's existing children (MN001007 has SORT_ORDR 8).
  const [menu] = await conn.query<RowDataPacket[]>(
    "SELECT MENU_ID, MENU_NM, MENU_NS, PRNTS_MENU_ID, SORT_ORDR, USE_YN, ICON_CSS_NM, MENU_NM_ko_KR, MENU_NM_en_US, MENU_NM_ja_JP, MENU_NM_zh_CN FROM FL_COMM_MENU WHERE MENU_ID IN ('MN001901','MN001902') ORDER BY MENU_ID",
  );
  expect(menu.map((r) => ({ ...r }))).toEqual([
    {
      MENU_ID: 'MN001901',
      MENU_NM: '카프카',
      MENU_NS: 'monitoring.kafka.Kafka',
      PRNTS_MENU_ID: 'MN001',
      SORT_ORDR: 9,
      USE_YN: 'Y',
      ICON_CSS_NM: '',
      MENU_NM_ko_KR: '카프카',
      MENU_NM_en_US: 'Kafka',
      MENU_NM_ja_JP: 'Kafka',
      MENU_NM_zh_CN: 'Kafka',
    },
    {
      MENU_ID: 'MN001902',
      MENU_NM: '주키퍼',
      MENU_NS: 'monitoring.zookeeper.ZooKeeper',
      PRNTS_MENU_ID: 'MN001',
      SORT_ORDR: 10,
      USE_YN: 'Y',
      ICON_CSS_NM: '',
      MENU_NM_ko_KR: '주키퍼',
      MENU_NM_en_US: 'ZooKeeper',
      MENU_NM_ja_JP: 'ZooKeeper',
      MENU_NM_zh_CN: 'ZooKeeper',
    },
  ]);
  // Auth rows: Flamingo's five seeded user levels for each item (MN001 has no auth rows of its own here).
  const [auth] = await conn.query<RowDataPacket[]>(
    "SELECT MENU_ID, USERLEVEL FROM FL_ADMIN_MENU_AUTH WHERE MENU_ID IN ('MN001901','MN001902') ORDER BY MENU_ID, USERLEVEL",
  );
  expect(auth.map((r) => `${r.MENU_ID}:${r.USERLEVEL}`)).toEqual(['MN001901', 'MN001902'].flatMap((m) => ['1', '2', '3', '4', '5'].map((l) => `${m}:${l}`)));

  // config.properties: our two keys appended and exposed; every other line untouched; no admin token anywhere.
  const props = readFileSync(path.join(webapp, 'WEB-INF/config.properties'), 'utf8');
  expect(props).toBe(
    CONFIG_PROPERTIES.replace('                system.version\n', '                system.version,doflamingo.sidecar.url,doflamingo.sidecar.token\n') +
      'doflamingo.sidecar.url=http://kafka-mon:8787\ndoflamingo.sidecar.token=r-token\n',
  );
  expect(props).not.toContain('a-secret-admin-token');
  const manifest = readFileSync(path.join(webapp, 'WEB-INF/doflamingo-install.json'), 'utf8');
  expect(manifest).not.toContain('a-secret-admin-token');
  expect(JSON.parse(manifest).config.original).toBe(CONFIG_PROPERTIES);
});

test('installing twice changes nothing: same files, same bytes, same rows (no duplicates)', async () => {
  const files = tree(webapp, ['WEB-INF/doflamingo-install.json']);
  const rows = await dbRows();
  expect(await cli(db.url, 'install-flamingo', '--webapp', webapp)).toBe(0);
  expect(out.join('\n')).toMatch(/^re-installed: .*\n[\s\S]*file unchanged/);
  expect(tree(webapp, ['WEB-INF/doflamingo-install.json'])).toEqual(files);
  expect(await dbRows()).toEqual(rows);
  // The SQL file on its own is idempotent too (as a contributor would run it with the mysql client).
  await runSqlScript(conn, readSqlScript(defaultSqlDir(), INSTALL_SQL));
  await conn.query(readSqlScript(defaultSqlDir(), INSTALL_SQL));
  expect(await dbRows()).toEqual(rows);
});

test('uninstall puts the webapp and the database back exactly as they were (byte-identical config.properties)', async () => {
  expect(await cli(db.url, 'uninstall-flamingo', '--webapp', webapp)).toBe(0);
  expect(out.join('\n')).toMatch(/uninstalled: \d+ files removed, 2 menu rows and 10 auth rows removed, config.properties restored byte for byte/);
  expect(readFileSync(path.join(webapp, 'WEB-INF/config.properties'), 'utf8')).toBe(CONFIG_PROPERTIES);
  expect(tree(webapp)).toEqual(before.tree);
  expect(await dbRows()).toEqual(before.rows);
  // Nothing left to uninstall.
  expect(await cli(db.url, 'uninstall-flamingo', '--webapp', webapp)).toBe(2);
  expect(out.join('\n')).toMatch(/Doflamingo is not installed in this webapp/);
});

test('an edited config.properties survives uninstall: only our keys come out', async () => {
  await installFlamingo({ webappDir: webapp, db: db.pool, sidecarUrl: 'https://mon.example:9443', panelsDir: PANELS, log });
  const configPath = path.join(webapp, 'WEB-INF/config.properties');
  writeFileSync(configPath, readFileSync(configPath, 'utf8').replace('terminal.server.port=8002', 'terminal.server.port=9002') + '# added by the operator\n');
  const r = await uninstallFlamingo({ webappDir: webapp, db: db.url, log });
  expect(r).toMatchObject({ dryRun: false, config: 'undone', menuRowsRemoved: { menus: 2, auth: 10 } });
  expect(readFileSync(configPath, 'utf8')).toBe(
    CONFIG_PROPERTIES.replace('terminal.server.port=8002', 'terminal.server.port=9002') + '# added by the operator\n',
  );
  expect(await dbRows()).toEqual(before.rows);
  writeFileSync(configPath, CONFIG_PROPERTIES);
  expect(tree(webapp)).toEqual(before.tree);
});

test("the menu SQL runs under MySQL 8.0's default sql_mode and with MN001 granted to some levels only", async () => {
  const strict = await mysql.createConnection({ uri: db.url });
  try {
    await strict.query(
      "SET SESSION sql_mode = 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
    );
    await strict.query(
      "INSERT INTO FL_ADMIN_MENU_AUTH (USERLEVEL, MENU_ID, REG_DT, REG_USER_ID, UPD_DT, UPD_USER_ID) VALUES ('1','MN001',NOW(),1,NOW(),1), ('2','MN001',NOW(),1,NOW(),1)",
    );
    const withGrants = await dbRows();
    for (let i = 0; i < 2; i++) await runSqlScript(strict, readSqlScript(defaultSqlDir(), INSTALL_SQL));
    const [auth] = await strict.query<RowDataPacket[]>(
      "SELECT MENU_ID, USERLEVEL FROM FL_ADMIN_MENU_AUTH WHERE MENU_ID IN ('MN001901','MN001902') ORDER BY MENU_ID, USERLEVEL",
    );
    expect(auth.map((r) => `${r.MENU_ID}:${r.USERLEVEL}`)).toEqual(['MN001901:1', 'MN001901:2', 'MN001902:1', 'MN001902:2']);
    for (let i = 0; i < 2; i++) await runSqlScript(strict, readSqlScript(defaultSqlDir(), UNINSTALL_SQL));
    expect(await dbRows()).toEqual(withGrants);
  } finally {
    await strict.query("DELETE FROM FL_ADMIN_MENU_AUTH WHERE MENU_ID = 'MN001'");
    await strict.end();
  }
  expect(await dbRows()).toEqual(before.rows);
});

describe('refused before anything changes', () => {
  test('a folder that is not a Flamingo webapp', async () => {
    const empty = mkdtempSync(path.join(tmp, 'not-flamingo-'));
    expect(await cli(db.url, 'install-flamingo', '--webapp', empty)).toBe(2);
    expect(out.join('\n')).toMatch(/nothing was changed[\s\S]*config\.properties not found: not a Flamingo 2 webapp folder/);
    expect(readdirSync(empty)).toEqual([]);
    expect(await dbRows()).toEqual(before.rows);
  });

  test('a webapp without WEB-INF/config.properties', async () => {
    const dir = path.join(tmp, 'no-config');
    makeWebapp(dir);
    rmSync(path.join(dir, 'WEB-INF/config.properties'));
    const snapshot = tree(dir);
    expect(await cli(db.url, 'install-flamingo', '--webapp', dir)).toBe(2);
    expect(out.join('\n')).toMatch(/WEB-INF\/config\.properties not found/);
    expect(tree(dir)).toEqual(snapshot);
    expect(await dbRows()).toEqual(before.rows);
  });

  test("a database without Flamingo's menu tables", async () => {
    const other = await freshDatabase('notflamingo');
    try {
      expect(await cli(other.url, 'install-flamingo', '--webapp', webapp)).toBe(2);
      expect(out.join('\n')).toMatch(/no FL_COMM_MENU \/ FL_ADMIN_MENU_AUTH table/);
      expect(tree(webapp)).toEqual(before.tree);
    } finally {
      await other.drop();
    }
  });

  test('a database whose Monitoring menu already opens our panel under another id', async () => {
    await conn.query("INSERT INTO FL_COMM_MENU VALUES ('MN001008','Kafka','monitoring.kafka.Kafka','MN001',9,'Y','','Kafka','Kafka','Kafka','Kafka')");
    try {
      expect(await cli(db.url, 'install-flamingo', '--webapp', webapp)).toBe(2);
      expect(out.join('\n')).toMatch(/a menu opening monitoring\.kafka\.Kafka already exists as MN001008/);
      expect(tree(webapp)).toEqual(before.tree);
    } finally {
      await conn.query("DELETE FROM FL_COMM_MENU WHERE MENU_ID = 'MN001008'");
    }
  });

  test('a different file where a panel goes', async () => {
    const foreign = path.join(webapp, 'resources/app/view/monitoring/kafka/Kafka.js');
    mkdirSync(path.dirname(foreign), { recursive: true });
    writeFileSync(foreign, "// somebody else's Kafka panel\n");
    const snapshot = tree(webapp);
    try {
      expect(await cli(db.url, 'install-flamingo', '--webapp', webapp)).toBe(2);
      expect(out.join('\n')).toMatch(/kafka\/Kafka\.js exists, differs from the build and was not installed by Doflamingo/);
      expect(tree(webapp)).toEqual(snapshot);
      expect(await dbRows()).toEqual(before.rows);
    } finally {
      rmSync(path.dirname(foreign), { recursive: true });
    }
  });
});
