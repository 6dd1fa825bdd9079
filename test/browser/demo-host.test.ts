/**
 * The demo host page: escaping of everything injected, the FL_COMM_MENU tree, the message
 * bundles, and the files the router serves (only what the page needs).
 */
import type http from 'http';
import express from 'express';
import fs from 'fs';
import path from 'path';
import type { AddressInfo } from 'net';
import { buildMenuTree, createDemoHostRouter, type MenuRow, parseProperties, renderHostPage, scriptJson } from '../../sidecar/src/api/demo-host';

const ROOT = path.resolve(__dirname, '..', '..');
const HOSTILE = '<img src=x onerror=alert(1)>';

const rows: MenuRow[] = [
  { MENU_ID: 'MN002', MENU_NS: '', PRNTS_MENU_ID: 'TOP', SORT_ORDR: 2, MENU_NM_en_US: 'System' },
  { MENU_ID: 'MN001', MENU_NS: '', PRNTS_MENU_ID: 'TOP', SORT_ORDR: 1, MENU_NM_en_US: 'Monitoring', MENU_NM_ko_KR: '모니터링' },
  { MENU_ID: 'MN001008', MENU_NS: 'monitoring.zookeeper.ZooKeeper', PRNTS_MENU_ID: 'MN001', SORT_ORDR: 8, MENU_NM_en_US: 'ZooKeeper' },
  { MENU_ID: 'MN001007', MENU_NS: 'monitoring.kafka.Kafka', PRNTS_MENU_ID: 'MN001', SORT_ORDR: 7, MENU_NM_en_US: 'Kafka', MENU_NM_ko_KR: '카프카' },
  { MENU_ID: 'MN001099', MENU_NS: 'monitoring.old.Old', PRNTS_MENU_ID: 'MN001', SORT_ORDR: 9, MENU_NM_en_US: 'Old', USE_YN: 'N' },
  { MENU_ID: 'MN002001', MENU_NS: 'system.x.X', PRNTS_MENU_ID: 'MN002', SORT_ORDR: 1, MENU_NM_en_US: HOSTILE },
];

describe('scriptJson', () => {
  test('no </script>, no HTML comment opener, no line separators survive; the value round-trips', () => {
    const value = { a: '</script><script>alert(1)</script>', b: '<!--', c: 'x\u2028y\u2029z', d: 'a&b' };
    const out = scriptJson(value);
    expect(out).not.toMatch(/<\/script/i);
    expect(out).not.toContain('<!--');
    expect(out).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('buildMenuTree', () => {
  test('two levels, sorted by SORT_ORDR, unused rows left out', () => {
    const tree = buildMenuTree(rows, 'en_US');
    expect(tree.map((n) => n.id)).toEqual(['MN001', 'MN002']);
    expect(tree[0]?.children.map((c) => [c.id, c.text, c.ns])).toEqual([
      ['MN001007', 'Kafka', 'monitoring.kafka.Kafka'],
      ['MN001008', 'ZooKeeper', 'monitoring.zookeeper.ZooKeeper'],
    ]);
  });
  test('localized names with English as fallback', () => {
    const tree = buildMenuTree(rows, 'ko_KR');
    expect(tree[0]?.text).toBe('모니터링');
    expect(tree[0]?.children.map((c) => c.text)).toEqual(['카프카', 'ZooKeeper']);
  });
});

describe('parseProperties and the module bundles', () => {
  test('comments, separators, escapes and continuations', () => {
    const p = parseProperties('# c\n! c\na=1\nb : two words\nc\\:d=x\\u0041\ne=line \\\n  continued\nf=한국어\n');
    expect(p).toEqual({ a: '1', b: 'two words', 'c:d': 'xA', e: 'line continued', f: '한국어' });
  });
  test('ko_KR and en_US carry the same keys, all prefixed monitoring.kafka. or monitoring.zookeeper.', () => {
    const read = (l: string) => parseProperties(fs.readFileSync(path.join(ROOT, 'ui-sencha', 'locale', `messages_${l}.properties`), 'utf8'));
    const en = read('en_US');
    const ko = read('ko_KR');
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    Object.keys(en).forEach((k) => expect(k).toMatch(/^monitoring\.(kafka|zookeeper)\./));
    expect(ko['monitoring.kafka.tab.overview']).toBe('개요');
  });
});

describe('renderHostPage', () => {
  test('names from the database and engine reach the page only as escaped data', () => {
    const html = renderHostPage({
      locale: 'en_US',
      engine: { id: '1', name: HOSTILE },
      engines: [{ id: '1', name: HOSTILE }],
      menu: buildMenuTree(rows, 'en_US'),
      menuError: false,
      messages: { 'demo.title': '</title><script>alert(1)</script>' },
      config: { 'doflamingo.sidecar.url': '' },
      open: null,
      panelsBuilt: true,
    });
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script>alert/);
    expect(html).toContain('&lt;/title&gt;');
    expect(html.match(/<script/g)?.length).toBe(4);
  });
});

describe('createDemoHostRouter', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    const app = express();
    app.use(
      '/',
      createDemoHostRouter({
        menuRows: async () => rows,
        engine: { id: '1', name: 'local' },
        sidecarUrl: 'http://127.0.0.1:8787',
        token: 'read-token',
        rootDir: ROOT,
      }),
    );
    app.use((_req, res) => res.status(404).json({ error: { code: 'NOT_FOUND', message: 'not found' } }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  test('the page carries the globals Flamingo panels rely on', async () => {
    const res = await fetch(`${base}/?lang=ko_KR`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('var ENGINE = {"id":"1","name":"local"}');
    expect(html).toContain('"doflamingo.sidecar.url":"http://127.0.0.1:8787"');
    expect(html).toContain('"doflamingo.sidecar.token":"read-token"');
    expect(html).toContain('"monitoring.kafka.tab.overview":"개요"');
    expect(html).toContain('\\u003cimg src=x onerror=alert(1)\\u003e');
  });
  test('texts=0 leaves the module texts out of the bundle (the panels fall back to English)', async () => {
    const html = await (await fetch(`${base}/?texts=0`)).text();
    expect(html).not.toContain('monitoring.kafka.tab.overview');
  });
  test('the menu falls back to the module items when the rows cannot be read', async () => {
    const app = express();
    app.use('/', createDemoHostRouter({ menuRows: () => Promise.reject(new Error('db down')), engine: { id: '1', name: 'l' }, sidecarUrl: '', rootDir: ROOT }));
    const s = app.listen(0, '127.0.0.1');
    await new Promise((r) => s.once('listening', r));
    const html = await (await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`)).text();
    await new Promise((r) => s.close(r));
    expect(html).toContain('"menuError":true');
    expect(html).toContain('monitoring.kafka.Kafka');
  });
  test('serves Ext JS, the Neptune theme and the host script; nothing else of the package', async () => {
    for (const p of ['/ext/ext-all.js', '/ext/theme-neptune.js', '/ext/resources/theme-neptune-all.css', '/host/main.js', '/host/host.css']) {
      expect([p, (await fetch(base + p)).status]).toEqual([p, 200]);
    }
    for (const p of ['/ext/ext-all-debug.js', '/ext/resources/../../../../package.json', '/ext/build.xml']) {
      expect([p, (await fetch(base + p)).status]).toEqual([p, 404]);
    }
  });
  test('serves the built panels under /app like Flamingo resources/app', async () => {
    const built = fs.existsSync(path.join(ROOT, 'ui-sencha', 'dist', 'app', 'view', 'monitoring', 'kafka', 'Kafka.js'));
    expect(built).toBe(true);
    const res = await fetch(`${base}/app/view/monitoring/kafka/Kafka.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Ext.define('Flamingo2.view.monitoring.kafka.Kafka'");
    expect((await fetch(`${base}/app/view/monitoring/common/vendor/chart.umd.min.js`)).status).toBe(200);
  });
});
