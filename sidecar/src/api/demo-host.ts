/**
 * Demo host page: a page shaped like Flamingo 2's main screen (header with the engine combo,
 * west menu built from FL_COMM_MENU rows, centre panel made with
 * `Ext.create('Flamingo2.view.' + MENU_NS)`), with Flamingo's globals `ENGINE`, `message`,
 * `config` and `SESSION`. It serves only what that page needs: Ext JS classic (GPL npm package
 * `extjs-gpl`: ext-all.js + the Neptune theme, or another runtime folder such as Flamingo 2's own
 * Ext JS 5.1.1 and theme: `api.demoExtJs`), the built panels (ui-sencha/dist/app) and the
 * host script (ui-sencha/host/main.js). Mounted at `/` by the API when `api.demo` is true.
 */
import express from 'express';
import fs from 'fs';
import path from 'path';

/** A row of Flamingo's FL_COMM_MENU table (the columns the menu needs). */
export interface MenuRow {
  MENU_ID: string;
  MENU_NS: string | null;
  PRNTS_MENU_ID: string;
  SORT_ORDR: number;
  MENU_NM?: string | null;
  MENU_NM_en_US?: string | null;
  MENU_NM_ko_KR?: string | null;
  USE_YN?: string | null;
  ICON_CSS_NM?: string | null;
}

/** A node of the two-level menu tree. */
export interface MenuNode {
  id: string;
  text: string;
  ns: string | null;
  children: MenuNode[];
}

/** Another Ext JS runtime folder for the page (config `api.demoExtJs`); paths inside `dir`, `/`-separated. */
export interface DemoExtJsRuntime {
  dir: string;
  script: string;
  themeScript: string | null;
  css: string[];
}

export interface DemoHostOptions {
  menuRows: () => Promise<MenuRow[]>;
  engine: { id: string; name: string };
  /** Sidecar base URL as the browser reaches it ('' = the page's own origin). */
  sidecarUrl: string;
  /** READ token given to the page (config['doflamingo.sidecar.token']); never the admin token. */
  token?: string;
  /** Other engines for the header combo (the first engine is always `engine`). */
  engines?: Array<{ id: string; name: string }>;
  /** Repository root (defaults to the folder holding ui-sencha/ above this file). */
  rootDir?: string;
  /** Ext JS runtime served instead of extjs-gpl 6.2 (the page's `?ext=bundled` still picks 6.2). */
  extJs?: DemoExtJsRuntime;
}

/** Where the `api.demoExtJs` folder is served. */
export const EXT_RUNTIME_URL = '/extjs';

/** Only front-end files are served from a runtime folder (never config, sources or archives that may sit next to them). */
const RUNTIME_FILE = /\.(js|css|png|gif|jpe?g|svg|ico|woff2?|ttf|eot|otf|cur)$/i;

export type DemoLocale = 'en_US' | 'ko_KR';

/** JSON that is safe inside an inline <script>: no `</script>`, no `<!--`, no U+2028/2029. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text safe in HTML element content and quoted attributes. */
export function htmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Java .properties (UTF-8): comments, `key=value` / `key:value`, backslash escapes, continuations. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const unescape = (s: string) =>
    s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, c: string) => {
      if (c.length === 5 && c[0] === 'u') return String.fromCharCode(parseInt(c.slice(1), 16));
      return ({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[c] ?? c;
    });
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? '').replace(/^\s+/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + (lines[++i] ?? '').replace(/^\s+/, '');
    }
    const m = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*([\s\S]*)$/.exec(line);
    out[unescape(m?.[1] ?? line)] = m ? unescape(m[2] ?? '') : '';
  }
  return out;
}

/** Menu name in the page's locale, falling back to English, the default name, then the id. */
function menuName(row: MenuRow, locale: DemoLocale): string {
  const localized = locale === 'ko_KR' ? row.MENU_NM_ko_KR : row.MENU_NM_en_US;
  return localized || row.MENU_NM_en_US || row.MENU_NM || row.MENU_ID;
}

/** Flamingo's two-level menu: top rows (PRNTS_MENU_ID = 'TOP') and their children, by SORT_ORDR. */
export function buildMenuTree(rows: MenuRow[], locale: DemoLocale): MenuNode[] {
  const used = rows.filter((r) => (r.USE_YN ?? 'Y') === 'Y');
  const bySort = (a: MenuRow, b: MenuRow) => a.SORT_ORDR - b.SORT_ORDR || a.MENU_ID.localeCompare(b.MENU_ID);
  return used
    .filter((r) => r.PRNTS_MENU_ID === 'TOP')
    .sort(bySort)
    .map((top) => ({
      id: top.MENU_ID,
      text: menuName(top, locale),
      ns: top.MENU_NS || null,
      children: used
        .filter((c) => c.PRNTS_MENU_ID === top.MENU_ID)
        .sort(bySort)
        .map((c) => ({ id: c.MENU_ID, text: menuName(c, locale), ns: c.MENU_NS || null, children: [] })),
    }));
}

/** The menu shown when the menu rows cannot be read (a demo must still open). */
export const FALLBACK_MENU: MenuRow[] = [
  { MENU_ID: 'MN001', MENU_NS: '', PRNTS_MENU_ID: 'TOP', SORT_ORDR: 1, MENU_NM_en_US: 'Monitoring', MENU_NM_ko_KR: '모니터링' },
  { MENU_ID: 'MN001901', MENU_NS: 'monitoring.kafka.Kafka', PRNTS_MENU_ID: 'MN001', SORT_ORDR: 7, MENU_NM_en_US: 'Kafka', MENU_NM_ko_KR: '카프카' },
  { MENU_ID: 'MN001902', MENU_NS: 'monitoring.zookeeper.ZooKeeper', PRNTS_MENU_ID: 'MN001', SORT_ORDR: 8, MENU_NM_en_US: 'ZooKeeper', MENU_NM_ko_KR: '주키퍼' },
];

/** Texts of the host itself (Flamingo's own bundle has them). */
const HOST_TEXTS: Record<DemoLocale, Record<string, string>> = {
  en_US: {
    'demo.title': 'Flamingo 2 · Doflamingo demo',
    'demo.menu': 'Menu',
    'demo.engine': 'Cluster',
    'demo.not_in_demo': 'This screen belongs to Flamingo 2 and is not part of the Doflamingo demo.',
    'demo.menu_unavailable': 'Menu rows could not be read; showing the default menu.',
  },
  ko_KR: {
    'demo.title': 'Flamingo 2 · Doflamingo 데모',
    'demo.menu': '메뉴',
    'demo.engine': '클러스터',
    'demo.not_in_demo': '이 화면은 Flamingo 2의 화면으로 Doflamingo 데모에 포함되어 있지 않습니다.',
    'demo.menu_unavailable': '메뉴를 읽을 수 없어 기본 메뉴를 표시합니다.',
  },
};

export interface HostPageInput {
  locale: DemoLocale;
  engine: { id: string; name: string };
  engines: Array<{ id: string; name: string }>;
  menu: MenuNode[];
  menuError: boolean;
  /** The full bundle given to `message` (host texts + module texts unless left out). */
  messages: Record<string, string>;
  config: Record<string, string>;
  open: string | null;
  panelsBuilt: boolean;
  /** Ext JS and theme the page loads: style sheets, then scripts (Ext first). Default: extjs-gpl 6.2 with Neptune. */
  ext?: { css: string[]; scripts: string[] };
}

/** The bundled extjs-gpl 6.2 classic with the Neptune theme. */
export const BUNDLED_EXT = { css: ['/ext/resources/theme-neptune-all.css'], scripts: ['/ext/ext-all.js', '/ext/theme-neptune.js'] };

/** The page's URLs of a runtime folder's files. */
export function runtimeUrls(rt: DemoExtJsRuntime): { css: string[]; scripts: string[] } {
  const url = (p: string) => EXT_RUNTIME_URL + '/' + p.split('/').map(encodeURIComponent).join('/');
  return { css: rt.css.map(url), scripts: [rt.script, ...(rt.themeScript ? [rt.themeScript] : [])].map(url) };
}

/** The page. Every injected value goes through scriptJson / htmlText. */
export function renderHostPage(p: HostPageInput): string {
  const demo = {
    locale: p.locale,
    engines: p.engines,
    menu: p.menu,
    menuError: p.menuError,
    open: p.open,
    panelsBuilt: p.panelsBuilt,
  };
  const title = p.messages['demo.title'] ?? 'Flamingo 2';
  const ext = p.ext ?? BUNDLED_EXT;
  const css = ext.css.map((href) => `<link rel="stylesheet" href="${htmlText(href)}">\n`).join('');
  const scripts = ext.scripts.map((src) => `<script src="${htmlText(src)}"></script>\n`).join('');
  return `<!DOCTYPE html>
<html lang="${p.locale === 'ko_KR' ? 'ko' : 'en'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${htmlText(title)}</title>
<link rel="icon" href="data:,">
${css}<link rel="stylesheet" href="/host/host.css">
<script>
var DEMO = ${scriptJson(demo)};
var config = ${scriptJson(p.config)};
var SESSION = { USERNAME: 'admin', USERGROUP: 'admin' };
var ENGINE = ${scriptJson(p.engine)};
function bundle(message) {
  this.message = message;
  this.msg = function (key, args) {
    if (arguments.length > 1) {
      var value = message[key];
      return value.replace(/\\{(\\d+)\\}/g, function (m, i) { return args[i]; });
    }
    return message[key];
  };
}
var message = new bundle(${scriptJson(p.messages)});
</script>
${scripts}<script src="/host/main.js"></script>
</head>
<body></body>
</html>
`;
}

function findRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'ui-sencha')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(start, '..', '..', '..');
}

function extBuildDir(root: string): string {
  try {
    return path.join(path.dirname(require.resolve('extjs-gpl/package.json', { paths: [root] })), 'build');
  } catch {
    return path.join(root, 'node_modules', 'extjs-gpl', 'build');
  }
}

function readBundle(root: string, locale: DemoLocale): Record<string, string> {
  const file = path.join(root, 'ui-sencha', 'locale', `messages_${locale}.properties`);
  try {
    return parseProperties(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** Throws when a configured runtime folder lacks one of the files the page loads. */
function checkRuntime(rt: DemoExtJsRuntime): string {
  const dir = path.resolve(rt.dir);
  const files = [rt.script, ...(rt.themeScript ? [rt.themeScript] : []), ...rt.css];
  const missing = files.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length) throw new Error(`api.demoExtJs: ${dir} has no ${missing.join(', ')}`);
  return dir;
}

/** Read-only, front-end files only; `send` refuses paths that climb out of `dir`, hidden files are not served. */
function runtimeFiles(dir: string): express.RequestHandler {
  const files = express.static(dir, { index: false, redirect: false, dotfiles: 'ignore', maxAge: '1h' });
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!RUNTIME_FILE.test(req.path)) return next();
    files(req, res, next);
  };
}

/**
 * Query: `lang=en_US|ko_KR` (default en_US), `texts=0` leaves the module's texts out of the
 * host bundle (the panels then use their English fallback), `open=<MENU_NS>` opens that screen
 * first (default: the first Kafka/ZooKeeper item of the menu), `ext=bundled` loads extjs-gpl 6.2
 * even when `extJs` (another runtime) is configured.
 */
export function createDemoHostRouter(opts: DemoHostOptions): express.Router {
  const root = opts.rootDir ?? findRoot(__dirname);
  const ext = extBuildDir(root);
  const theme = path.join(ext, 'classic', 'theme-neptune');
  const panels = path.join(root, 'ui-sencha', 'dist', 'app');
  const host = path.join(root, 'ui-sencha', 'host');
  const runtimeDir = opts.extJs ? checkRuntime(opts.extJs) : null;
  const router = express.Router();
  // unknown files fall through to the API's JSON 404 (the Ext loader only needs the status)
  const statics = { index: false, maxAge: '1h' } as const;

  router.get('/ext/ext-all.js', (_req, res) => res.sendFile(path.join(ext, 'ext-all.js')));
  router.get('/ext/theme-neptune.js', (_req, res) => res.sendFile(path.join(theme, 'theme-neptune.js')));
  router.use('/ext/resources', express.static(path.join(theme, 'resources'), statics));
  if (runtimeDir) router.use(EXT_RUNTIME_URL, runtimeFiles(runtimeDir));
  router.use('/app', express.static(panels, { index: false, maxAge: 0 }));
  router.get('/host/main.js', (_req, res) => res.sendFile(path.join(host, 'main.js')));
  router.get('/host/host.css', (_req, res) => res.sendFile(path.join(host, 'host.css')));

  router.get('/', (req, res) => {
    const locale: DemoLocale = req.query['lang'] === 'ko_KR' ? 'ko_KR' : 'en_US';
    const withModuleTexts = req.query['texts'] !== '0';
    const open = typeof req.query['open'] === 'string' && /^[A-Za-z0-9_.]{1,150}$/.test(req.query['open']) ? req.query['open'] : null;
    const ext = opts.extJs && req.query['ext'] !== 'bundled' ? runtimeUrls(opts.extJs) : BUNDLED_EXT;
    opts
      .menuRows()
      .then(
        (rows) => ({ rows, failed: false }),
        () => ({ rows: FALLBACK_MENU, failed: true }),
      )
      .then(({ rows, failed }) => {
        const messages = { ...(withModuleTexts ? readBundle(root, locale) : {}), ...HOST_TEXTS[locale] };
        const config: Record<string, string> = {
          'default.locale': locale,
          'doflamingo.sidecar.url': opts.sidecarUrl,
        };
        if (opts.token) config['doflamingo.sidecar.token'] = opts.token;
        const engines = [opts.engine, ...(opts.engines ?? []).filter((e) => e.id !== opts.engine.id)];
        const html = renderHostPage({
          locale,
          engine: opts.engine,
          engines,
          menu: buildMenuTree(rows.length ? rows : FALLBACK_MENU, locale),
          menuError: failed,
          messages,
          config,
          open,
          panelsBuilt: fs.existsSync(path.join(panels, 'view', 'monitoring', 'kafka', 'Kafka.js')),
          ext,
        });
        res.set('Cache-Control', 'no-store');
        res.type('html').send(html);
      })
      .catch(() => res.status(500).type('text').send('demo page failed'));
  });

  return router;
}
