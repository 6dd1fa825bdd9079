/**
 * Installs Doflamingo into a Flamingo 2 webapp folder and its database, and takes it out again:
 *   - the built panels → <webapp>/resources/app/view/monitoring/{kafka,zookeeper,common}/
 *   - the menu rows (flamingo-plugin/sql/install-menu.sql) → FL_COMM_MENU / FL_ADMIN_MENU_AUTH
 *   - `doflamingo.sidecar.url` (and the READ token if given; never the admin token) in
 *     WEB-INF/config.properties, added to `web.expose.keys` so the browser receives them
 * A manifest (WEB-INF/doflamingo-install.json) records what was added and the original
 * config.properties, so installing twice gives the same result and uninstall restores it exactly.
 * Every precondition is checked before anything is changed.
 */
import { createHash } from 'crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'fs';
import path from 'path';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { FlamingoInstallError } from './errors';
import { addToList, setProperty } from './properties-edit';

export const SIDECAR_URL_KEY = 'doflamingo.sidecar.url';
export const SIDECAR_TOKEN_KEY = 'doflamingo.sidecar.token';
const EXPOSE_KEY = 'web.expose.keys';
const MANIFEST = 'WEB-INF/doflamingo-install.json';
const PANEL_DIRS = ['kafka', 'zookeeper', 'common'];

export interface InstallOptions {
  webappDir: string;
  /** A connection to Flamingo's database opened with `multipleStatements: true`. */
  db: Connection;
  /** Sidecar base URL as the browser reaches it, e.g. http://kafka-mon:8787. */
  sidecarUrl: string;
  /** The sidecar's READ token, when it has one. */
  readToken?: string;
  /** Built panels: ui-sencha/dist/app/view/monitoring. */
  panelsDir: string;
  /** Folder holding install-menu.sql / uninstall-menu.sql. */
  sqlDir: string;
}

export interface Manifest {
  version: 1;
  installedAt: string;
  files: string[];
  createdDirs: string[];
  configOriginal: string;
  configInstalled: string;
}

export interface InstallReport {
  files: number;
  menuRows: number;
  configKeys: string[];
  reinstall: boolean;
}

const sha1 = (b: Buffer | string): string => createHash('sha1').update(b).digest('hex');

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
  });
}

function readManifest(webappDir: string): Manifest | undefined {
  const p = path.join(webappDir, MANIFEST);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Manifest) : undefined;
}

async function checkDatabase(db: Connection, problems: string[]): Promise<void> {
  const [t] = await db.query<RowDataPacket[]>(
    "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('FL_COMM_MENU', 'FL_ADMIN_MENU_AUTH')",
  );
  if (t.length < 2) problems.push('the database has no FL_COMM_MENU / FL_ADMIN_MENU_AUTH tables: is this Flamingo\'s database?');
  else {
    const [m] = await db.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM FL_COMM_MENU WHERE MENU_ID = 'MN001'");
    if (Number(m[0]?.n) === 0) problems.push('FL_COMM_MENU has no Monitoring menu (MN001)');
  }
}

/** Pure: the config.properties text with Doflamingo's keys set and exposed. */
export function configWithDoflamingo(original: string, sidecarUrl: string, readToken?: string): string {
  let text = setProperty(original, SIDECAR_URL_KEY, sidecarUrl);
  const keys = [SIDECAR_URL_KEY];
  if (readToken) {
    text = setProperty(text, SIDECAR_TOKEN_KEY, readToken);
    keys.push(SIDECAR_TOKEN_KEY);
  }
  return addToList(text, EXPOSE_KEY, keys);
}

export async function installFlamingo(o: InstallOptions): Promise<InstallReport> {
  const problems: string[] = [];
  const configPath = path.join(o.webappDir, 'WEB-INF', 'config.properties');
  const viewDir = path.join(o.webappDir, 'resources', 'app', 'view');
  if (!existsSync(configPath)) problems.push(`${configPath} not found: not a Flamingo 2 webapp folder`);
  if (!existsSync(viewDir)) problems.push(`${viewDir} not found: not a Flamingo 2 webapp folder`);
  if (!existsSync(path.join(o.panelsDir, 'kafka', 'Kafka.js'))) problems.push(`${o.panelsDir} has no built panels: run \`bash ui-sencha/build.sh\``);
  if (!/^https?:\/\/[^\s]+$|^$/.test(o.sidecarUrl)) problems.push(`sidecar URL "${o.sidecarUrl}" is not an http(s) URL`);
  const previous = readManifest(o.webappDir);
  const target = path.join(viewDir, 'monitoring');
  const sources = PANEL_DIRS.filter((d) => existsSync(path.join(o.panelsDir, d))).flatMap((d) => listFiles(path.join(o.panelsDir, d)).map((f) => path.join(d, f)));
  for (const rel of sources) {
    const dest = path.join(target, rel);
    const ours = previous?.files.includes(path.join('resources/app/view/monitoring', rel));
    if (existsSync(dest) && !ours && sha1(readFileSync(dest)) !== sha1(readFileSync(path.join(o.panelsDir, rel)))) {
      problems.push(`${dest} exists and was not installed by Doflamingo: refusing to overwrite it`);
    }
  }
  if (existsSync(configPath) || existsSync(viewDir)) await checkDatabase(o.db, problems);
  if (problems.length) throw new FlamingoInstallError('cannot install into this Flamingo', { details: problems });

  const createdDirs: string[] = previous?.createdDirs ? [...previous.createdDirs] : [];
  const files: string[] = [];
  for (const rel of sources) {
    const dest = path.join(target, rel);
    for (let d = path.dirname(dest); !existsSync(d); d = path.dirname(d)) createdDirs.push(path.relative(o.webappDir, d));
    mkdirSync(path.dirname(dest), { recursive: true });
    copyFileSync(path.join(o.panelsDir, rel), dest);
    files.push(path.relative(o.webappDir, dest));
  }
  await o.db.query(readFileSync(path.join(o.sqlDir, 'install-menu.sql'), 'utf8'));
  const [rows] = await o.db.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM FL_COMM_MENU WHERE MENU_ID IN ('MN001901', 'MN001902')");
  const current = readFileSync(configPath, 'utf8');
  const original = previous && current === previous.configInstalled ? previous.configOriginal : current;
  const installed = configWithDoflamingo(original, o.sidecarUrl, o.readToken);
  writeFileSync(configPath, installed);
  const manifest: Manifest = { version: 1, installedAt: new Date().toISOString(), files, createdDirs: [...new Set(createdDirs)], configOriginal: original, configInstalled: installed };
  writeFileSync(path.join(o.webappDir, MANIFEST), JSON.stringify(manifest, null, 2));
  return { files: files.length, menuRows: Number(rows[0]?.n), configKeys: o.readToken ? [SIDECAR_URL_KEY, SIDECAR_TOKEN_KEY] : [SIDECAR_URL_KEY], reinstall: !!previous };
}

export async function uninstallFlamingo(o: Pick<InstallOptions, 'webappDir' | 'db' | 'sqlDir'>): Promise<{ files: number; configRestored: boolean }> {
  const manifest = readManifest(o.webappDir);
  if (!manifest) throw new FlamingoInstallError(`${path.join(o.webappDir, MANIFEST)} not found: Doflamingo is not installed here`);
  await o.db.query(readFileSync(path.join(o.sqlDir, 'uninstall-menu.sql'), 'utf8'));
  let removed = 0;
  for (const f of manifest.files) {
    const p = path.join(o.webappDir, f);
    if (existsSync(p)) {
      rmSync(p);
      removed++;
    }
  }
  for (const d of [...manifest.createdDirs].sort((a, b) => b.length - a.length)) {
    const p = path.join(o.webappDir, d);
    if (existsSync(p) && readdirSync(p).length === 0) rmdirSync(p);
  }
  const configPath = path.join(o.webappDir, 'WEB-INF', 'config.properties');
  const current = readFileSync(configPath, 'utf8');
  // Untouched since we installed: restore byte for byte. Edited since: leave the operator's file alone.
  const configRestored = current === manifest.configInstalled;
  if (configRestored) writeFileSync(configPath, manifest.configOriginal);
  rmSync(path.join(o.webappDir, MANIFEST));
  return { files: removed, configRestored };
}
