/**
 * The Ext JS runtimes the browser tests run the panels on: the bundled `extjs-gpl` 6.2 (always) and
 * Flamingo 2's own Ext JS 5.1.1 with its theme, when its files are found:
 * `DOFLAMINGO_FLAMINGO2_UI` if set (then it must hold them), else `../shared/flamingo2-ui` next to
 * the repository. The folder holds, taken unchanged from Flamingo 2's `resources/`:
 * `ext-all.js` (Ext JS 5.1.1 classic), `ext-theme-classic.js` and `theme/Flamingo2-all.css` with
 * `theme/images/`.
 */
import fs from 'fs';
import path from 'path';
import { ROOT } from './sidecar';

export const FLAMINGO2_UI_ENV = 'DOFLAMINGO_FLAMINGO2_UI';
export const FLAMINGO2_UI_FILES = ['ext-all.js', 'ext-theme-classic.js', 'theme/Flamingo2-all.css'];

export interface ExtRuntime {
  /** Short name used in test titles and screenshot names. */
  id: string;
  /** Ext.getVersion().version the page must report. */
  version: RegExp;
  /** Query string that opens the demo page on this runtime. */
  query: string;
  /** File name of the theme's style sheet the page must have loaded. */
  themeCss: string;
}

export const BUNDLED_62: ExtRuntime = { id: 'extjs-6.2', version: /^6\.2\.0\./, query: 'ext=bundled', themeCss: 'theme-neptune-all.css' };
export const FLAMINGO_511: ExtRuntime = { id: 'flamingo2-5.1.1', version: /^5\.1\.1\.451$/, query: '', themeCss: 'Flamingo2-all.css' };

export type Flamingo2Ui = { dir: string; why?: undefined } | { dir: null; why: string };

/** Where Flamingo 2's runtime is, or why it is not used. Throws when the env var names a folder that lacks it. */
export function findFlamingo2Ui(): Flamingo2Ui {
  const fromEnv = process.env[FLAMINGO2_UI_ENV];
  const dir = path.resolve(fromEnv || path.join(ROOT, '..', 'shared', 'flamingo2-ui'));
  const missing = FLAMINGO2_UI_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length === 0) return { dir };
  const why = `${dir} lacks ${missing.join(', ')}`;
  if (fromEnv) throw new Error(`${FLAMINGO2_UI_ENV}=${fromEnv}: ${why}`);
  return { dir: null, why: `${why} (set ${FLAMINGO2_UI_ENV} to the folder holding Flamingo 2's ${FLAMINGO2_UI_FILES.join(', ')})` };
}

/** The loud notice printed when the panels run on 6.2 only. */
export function notTestedOn511(why: string): string {
  const bar = '!'.repeat(100);
  return `${bar}\n!! The panels were NOT tested on Flamingo 2's Ext JS 5.1.1 and theme, only on extjs-gpl 6.2:\n!! ${why}\n${bar}`;
}
