/**
 * The demo page on another Ext JS runtime folder (`api.demoExtJs`, e.g. Flamingo 2's Ext JS 5.1.1 and
 * theme): the page loads that folder's files, the folder is served read-only, front-end files only,
 * nothing outside it (raw and encoded `..`), and a folder lacking a configured file is refused.
 */
import express from 'express';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { createDemoHostRouter, type DemoExtJsRuntime } from '../../../sidecar/src/api/demo-host';
import { configSchema } from '../../../sidecar/src/config/schema';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SECRET = 'jdbc.password=do-not-serve';

let tmp = '';
let runtime: DemoExtJsRuntime;
let server: http.Server;
let port = 0;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** GET with the path sent exactly as given (fetch would resolve `..` before sending). */
function rawGet(p: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'df-extjs-'));
  const dir = path.join(tmp, 'flamingo2-ui');
  write(path.join(dir, 'ext-all.js'), 'var Ext = { version: "5.1.1.451" };');
  write(path.join(dir, 'ext-theme-classic.js'), '/* theme overrides */');
  write(path.join(dir, 'theme', 'Flamingo2-all.css'), '.x-panel { background: url(images/panel.png); }');
  write(path.join(dir, 'theme', 'images', 'panel.png'), 'PNG');
  write(path.join(dir, 'WEB-INF', 'config.properties'), SECRET);
  write(path.join(dir, '.hidden.js'), SECRET);
  write(path.join(tmp, 'outside.js'), SECRET);
  runtime = { dir, script: 'ext-all.js', themeScript: 'ext-theme-classic.js', css: ['theme/Flamingo2-all.css'] };
  const app = express();
  app.use('/', createDemoHostRouter({ menuRows: async () => [], engine: { id: '1', name: 'local' }, sidecarUrl: '', rootDir: ROOT, extJs: runtime }));
  app.use((_req, res) => res.status(404).json({ error: { code: 'NOT_FOUND' } }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the page loads the runtime folder: its style sheet, Ext JS, then the theme script, then the host script', async () => {
  const html = (await rawGet('/')).body;
  const tags = html.match(/<(script src|link rel="stylesheet" href)="[^"]+"/g);
  expect(tags).toEqual([
    '<link rel="stylesheet" href="/extjs/theme/Flamingo2-all.css"',
    '<link rel="stylesheet" href="/host/host.css"',
    '<script src="/extjs/ext-all.js"',
    '<script src="/extjs/ext-theme-classic.js"',
    '<script src="/host/main.js"',
  ]);
  expect(html).not.toContain('/ext/ext-all.js');
});

test('?ext=bundled opens the same page on the bundled extjs-gpl 6.2 with Neptune', async () => {
  const html = (await rawGet('/?ext=bundled')).body;
  expect(html).toContain('<script src="/ext/ext-all.js"></script>');
  expect(html).toContain('<script src="/ext/theme-neptune.js"></script>');
  expect(html).toContain('href="/ext/resources/theme-neptune-all.css"');
  expect(html).not.toContain('/extjs/');
});

test('serves the runtime files and the theme images relative to the style sheet', async () => {
  expect(await rawGet('/extjs/ext-all.js')).toEqual({ status: 200, body: 'var Ext = { version: "5.1.1.451" };' });
  expect((await rawGet('/extjs/ext-theme-classic.js')).status).toBe(200);
  expect((await rawGet('/extjs/theme/Flamingo2-all.css')).status).toBe(200);
  expect(await rawGet('/extjs/theme/images/panel.png')).toEqual({ status: 200, body: 'PNG' });
});

test.each([
  '/extjs/../outside.js',
  '/extjs/theme/../../outside.js',
  '/extjs/%2e%2e/outside.js',
  '/extjs/..%2foutside.js',
  '/extjs/theme/%2e%2e%2f%2e%2e%2foutside.js',
  '/extjs/%2e%2e%5coutside.js',
  '/extjs/WEB-INF/config.properties',
  '/extjs/.hidden.js',
  '/extjs/%2ehidden.js',
  '/extjs/',
  '/extjs/theme/',
])('never serves %s', async (p) => {
  const res = await rawGet(p);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.body).not.toContain(SECRET);
});

test('read-only: other methods than GET/HEAD are not served', async () => {
  expect((await rawGet('/extjs/ext-all.js', 'HEAD')).status).toBe(200);
  for (const m of ['POST', 'PUT', 'DELETE']) expect([m, (await rawGet('/extjs/ext-all.js', m)).status]).toEqual([m, 404]);
});

test('a runtime folder lacking a configured file is refused with the file named', () => {
  const make = (rt: DemoExtJsRuntime) => () =>
    createDemoHostRouter({ menuRows: async () => [], engine: { id: '1', name: 'l' }, sidecarUrl: '', rootDir: ROOT, extJs: rt });
  expect(make({ ...runtime, css: ['theme/Missing.css'] })).toThrow(/has no theme\/Missing\.css/);
  expect(make({ ...runtime, dir: path.join(tmp, 'nowhere') })).toThrow(/has no ext-all\.js, ext-theme-classic\.js, theme\/Flamingo2-all\.css/);
  expect(make({ ...runtime, themeScript: null })).not.toThrow();
});

describe('config api.demoExtJs', () => {
  const base = { mysql: { url: 'mysql://u@h:3306/d' }, clusters: [{ id: '1', name: 'c', brokers: [{ key: 'b', jolokia: 'http://h:8778/jolokia' }] }] };
  const parse = (demoExtJs: unknown) => configSchema.safeParse({ ...base, api: { demo: true, demoExtJs } });

  test('defaults fit a folder laid out like Flamingo 2 runtime files', () => {
    const r = parse({ dir: '/opt/flamingo2-ui' });
    expect(r.success && r.data.api.demoExtJs).toEqual({
      dir: '/opt/flamingo2-ui',
      script: 'ext-all.js',
      themeScript: 'ext-theme-classic.js',
      css: ['theme/Flamingo2-all.css'],
    });
  });
  test.each(['../ext-all.js', 'ext/../../x.js', '/etc/passwd', '.hidden.js', 'a/.git/x.js', 'a\\..\\x.js', ''])('refuses the file path %j', (bad) => {
    expect(parse({ dir: '/opt/x', script: bad }).success).toBe(false);
    expect(parse({ dir: '/opt/x', css: [bad] }).success).toBe(false);
  });
  test('paths of a Flamingo 2 webapp resources/ folder are accepted', () => {
    const r = parse({
      dir: '/srv/tomcat/webapps/ROOT/resources',
      script: 'ext/build/ext-all.js',
      themeScript: 'ext/packages/ext-theme-classic/build/ext-theme-classic.js',
      css: ['build/production/Flamingo2/resources/Flamingo2-all.css'],
    });
    expect(r.success).toBe(true);
  });
});
