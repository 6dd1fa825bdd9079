/**
 * Loads the panels' TypeScript sources (ui-sencha/src) into a Node VM with a minimal Ext stub,
 * so their pure parts (formatting, series math, live state, health rules, texts) can be tested
 * without a browser. Each source is a plain script calling Ext.define, exactly as in Flamingo.
 */
import fs from 'fs';
import path from 'path';
import vm from 'vm';
import ts from 'typescript';
import { parseProperties } from '../../../sidecar/src/api/demo-host';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'ui-sencha', 'src');

export interface PanelVm {
  /** The global object of the VM (holds Flamingo2.view.monitoring.*). */
  global: Record<string, any>;
  /** A defined class or singleton by full name. */
  get<T = any>(name: string): T;
  create<T = any>(name: string, cfg?: object): T;
}

function htmlEncode(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * @param files sources relative to ui-sencha/src, in load order (dependencies first)
 * @param globals extra page globals (`message`, `config`, `ENGINE`)
 */
export function loadPanels(files: string[], globals: Record<string, unknown> = {}): PanelVm {
  const defined: Record<string, any> = {};
  const sandbox: Record<string, any> = { console, Math, Date, JSON, Object, Array, String, Number, isFinite, ...globals };
  const setPath = (name: string, value: unknown) => {
    const parts = name.split('.');
    let node = sandbox;
    parts.slice(0, -1).forEach((p) => {
      node = node[p] || (node[p] = {});
    });
    node[parts[parts.length - 1] as string] = value;
  };
  const create = (name: string, cfg?: object) => {
    const proto = defined[name];
    if (!proto) throw new Error('not defined: ' + name);
    const o = Object.create(proto);
    if (Object.prototype.hasOwnProperty.call(proto, 'constructor')) proto.constructor.call(o, cfg);
    return o;
  };
  sandbox['Ext'] = {
    define: (name: string, data: Record<string, unknown>) => {
      defined[name] = data;
      setPath(name, data);
    },
    create,
    apply: (target: object, cfg: object) => Object.assign(target, cfg),
    String: { htmlEncode },
    util: { CSS: { createStyleSheet: () => undefined } },
    Loader: { getPath: (n: string) => '/app/' + n.split('.').slice(1).join('/') + '.js' },
  };
  const context = vm.createContext(sandbox);
  // the fallback texts are generated at build time from the en_US bundle: do the same here
  const en = parseProperties(fs.readFileSync(path.join(ROOT, 'ui-sencha', 'locale', 'messages_en_US.properties'), 'utf8'));
  sandbox['Ext'].define('Flamingo2.view.monitoring.common.FallbackTexts', { singleton: true, en });
  for (const file of files) {
    const source = fs.readFileSync(path.join(SRC, file), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.None, alwaysStrict: false },
      fileName: file,
    }).outputText;
    vm.runInContext(js, context, { filename: file });
  }
  return { global: sandbox, get: (name) => defined[name], create };
}

/** Every common source the logic tests need, in dependency order. */
export const COMMON = [
  'common/Texts.ts',
  'common/Format.ts',
  'common/Styles.ts',
  'common/Metrics.ts',
  'common/Thresholds.ts',
  'common/SeriesMath.ts',
  'common/LiveState.ts',
];
