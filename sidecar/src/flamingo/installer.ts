/**
 * Installs Doflamingo into a Flamingo 2 webapp folder and its database, and takes it out again:
 *   - the built panels → <webapp>/resources/app/view/monitoring/{common,kafka,zookeeper}/
 *   - the menu rows (flamingo-plugin/sql/install-menu.sql) → FL_COMM_MENU / FL_ADMIN_MENU_AUTH
 *   - `doflamingo.sidecar.url` (and the READ token if given; never the admin token) in
 *     WEB-INF/config.properties, listed in `web.expose.keys` so the browser receives them
 * A manifest (WEB-INF/doflamingo-install.json) records what was added; installing twice gives the
 * same bytes and rows; uninstall removes exactly what was added and restores config.properties.
 * Every precondition is checked (read-only) before anything changes; `dryRun` stops there.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'fs';
import path from 'path';
import type { Logger } from '../log/logger';
import { FlamingoInstallError } from './errors';
import { checkFlamingoDatabase, countMenuRows, type FlamingoDb, MENU_ITEMS, withConnection } from './flamingo-db';
import { MANIFEST_PATH, readManifest, removeManifest, writeManifest, type InstallManifest } from './manifest';
import { applyPanels, checkPanelsDir, planPanels, removeInstalled } from './panel-files';
import { defaultSqlDir, INSTALL_SQL, readSqlScript, runSqlScript, UNINSTALL_SQL } from './sql-script';
import { configAfterUninstall, doflamingoEntries, planConfig } from './webapp-config';

export const CONFIG_PATH = 'WEB-INF/config.properties';
export const VIEW_PATH = 'resources/app/view';

export interface InstallOptions {
  /** The deployed Flamingo 2 webapp (holding WEB-INF/ and resources/), or flamingo2-web/src/main/webapp. */
  webappDir: string;
  /** Flamingo's database: a pool, or a mysql:// URL (a connection is opened and closed). */
  db: FlamingoDb;
  /** Sidecar base URL as the browser reaches it, e.g. http://kafka-mon:8787. */
  sidecarUrl: string;
  /** The sidecar's READ token, when it has one (exposed to the browser). Never pass the admin token. */
  readToken?: string;
  /** Built panels: ui-sencha/dist/app/view/monitoring (made by `bash ui-sencha/build.sh`). */
  panelsDir: string;
  /** Folder holding install-menu.sql / uninstall-menu.sql; default flamingo-plugin/sql of this package. */
  sqlDir?: string;
  /** Check and report what would change, change nothing. */
  dryRun?: boolean;
  log: Logger;
}

export interface InstallReport {
  dryRun: boolean;
  /** A previous install was found (its manifest) and refreshed. */
  reinstall: boolean;
  /** Webapp-relative files copied (or, in a dry run, to copy). */
  filesCopied: string[];
  /** Identical files already there that Doflamingo did not install (left alone). */
  filesAlreadyPresent: string[];
  /** Files of a previous install that the new build no longer has, removed. */
  filesRemoved: string[];
  /** Doflamingo's rows after the install (before it, in a dry run). */
  menuRows: { menus: number; auth: number };
  /** Keys set in config.properties and listed in web.expose.keys. */
  configKeys: string[];
  /** config.properties differs from what it was (false when installing again over the same install). */
  configChanged: boolean;
  manifest: string;
}

export interface UninstallOptions {
  webappDir: string;
  db: FlamingoDb;
  sqlDir?: string;
  dryRun?: boolean;
  log: Logger;
}

export interface UninstallReport {
  dryRun: boolean;
  filesRemoved: string[];
  menuRowsRemoved: { menus: number; auth: number };
  /** `restored`: config.properties is byte for byte what it was before the install;
   * `undone`: it was edited since, so only Doflamingo's keys were taken out. */
  config: 'restored' | 'undone' | 'unchanged';
}

/** A Flamingo 2 webapp holds WEB-INF/config.properties and (to install into) resources/app/view. */
function checkWebapp(webappDir: string, needViews: boolean): string[] {
  if (!existsSync(webappDir) || !statSync(webappDir).isDirectory()) return [`${webappDir} is not a folder`];
  const problems: string[] = [];
  if (!existsSync(path.join(webappDir, CONFIG_PATH)))
    problems.push(`${path.join(webappDir, CONFIG_PATH)} not found: not a Flamingo 2 webapp folder (or config.properties is missing)`);
  if (needViews && !existsSync(path.join(webappDir, VIEW_PATH))) problems.push(`${path.join(webappDir, VIEW_PATH)} not found: not a Flamingo 2 webapp folder`);
  return problems;
}

function checkSidecar(sidecarUrl: string, readToken?: string): string[] {
  const problems: string[] = [];
  let ok: boolean;
  try {
    const u = new URL(sidecarUrl);
    ok = (u.protocol === 'http:' || u.protocol === 'https:') && !/\s/.test(sidecarUrl);
  } catch {
    ok = false;
  }
  if (!ok) problems.push(`sidecar URL "${sidecarUrl}" is not an http(s) URL the browser can reach (e.g. http://kafka-mon:8787)`);
  if (readToken !== undefined && /[\r\n]/.test(readToken)) problems.push('the read token contains a line break');
  return problems;
}

/** Runs `check` on the database, turning a connection failure into a (retriable) problem. */
async function databaseProblems(db: FlamingoDb): Promise<{ problems: string[]; unreachable: boolean }> {
  try {
    return { problems: await withConnection(db, checkFlamingoDatabase), unreachable: false };
  } catch (err) {
    return { problems: [`cannot query Flamingo's database: ${(err as Error).message}`], unreachable: true };
  }
}

export async function installFlamingo(o: InstallOptions): Promise<InstallReport> {
  const log = o.log.child({ module: 'flamingo-install' });
  const sqlDir = o.sqlDir ?? defaultSqlDir();
  const webappProblems = checkWebapp(o.webappDir, true);
  const problems = [...webappProblems, ...checkPanelsDir(o.panelsDir), ...checkSidecar(o.sidecarUrl, o.readToken)];
  if (!existsSync(path.join(sqlDir, INSTALL_SQL))) problems.push(`${path.join(sqlDir, INSTALL_SQL)} not found`);
  const previous = webappProblems.length ? undefined : readManifest(o.webappDir);
  const panels = problems.length ? undefined : planPanels(o.panelsDir, o.webappDir, previous?.files);
  for (const f of panels?.conflicts ?? [])
    problems.push(`${path.join(o.webappDir, f)} exists, differs from the build and was not installed by Doflamingo: refusing to overwrite it`);
  const dbCheck = await databaseProblems(o.db);
  problems.push(...dbCheck.problems);
  if (problems.length || !panels) {
    throw new FlamingoInstallError(`cannot install Doflamingo into ${o.webappDir}; nothing was changed`, { details: problems, retriable: dbCheck.unreachable });
  }

  const configPath = path.join(o.webappDir, CONFIG_PATH);
  const current = readFileSync(configPath, 'utf8');
  const config = planConfig(current, doflamingoEntries(o.sidecarUrl, o.readToken), previous?.config);
  const entries = doflamingoEntries(o.sidecarUrl, o.readToken).map((e) => e.key);
  const report = (menuRows: { menus: number; auth: number }, dryRun: boolean): InstallReport => ({
    dryRun,
    reinstall: !!previous,
    filesCopied: panels.copy.map((c) => c.to),
    filesAlreadyPresent: panels.alreadyPresent,
    filesRemoved: panels.stale,
    menuRows,
    configKeys: entries,
    configChanged: config.installed !== current,
    manifest: path.join(o.webappDir, MANIFEST_PATH),
  });
  if (o.dryRun) {
    const rows = await withConnection(o.db, countMenuRows);
    log.info('dry run: nothing changed', {
      copy: panels.copy.length,
      alreadyPresent: panels.alreadyPresent.length,
      configChanged: config.installed !== current,
    });
    return report(rows, true);
  }

  // The manifest goes first: should a later step fail, uninstall (or installing again) still knows everything.
  const manifest: InstallManifest = {
    version: 1,
    installedAt: new Date().toISOString(),
    sidecarUrl: o.sidecarUrl,
    files: panels.copy.map((c) => c.to),
    createdDirs: [...new Set([...(previous?.createdDirs ?? []), ...panels.createDirs])],
    menuIds: MENU_ITEMS.map((m) => m.id),
    config,
  };
  writeManifest(o.webappDir, manifest);
  applyPanels(panels, o.webappDir);
  removeInstalled(o.webappDir, panels.stale, []);
  log.info('panels copied', { files: panels.copy.length, alreadyPresent: panels.alreadyPresent.length, staleRemoved: panels.stale.length });
  const rows = await withConnection(o.db, async (conn) => {
    await runSqlScript(conn, readSqlScript(sqlDir, INSTALL_SQL));
    return countMenuRows(conn);
  });
  log.info('menu rows registered', rows);
  if (config.installed !== current) writeFileSync(configPath, config.installed);
  log.info('config.properties updated', { keys: entries, changed: config.installed !== current });
  return report(rows, false);
}

export async function uninstallFlamingo(o: UninstallOptions): Promise<UninstallReport> {
  const log = o.log.child({ module: 'flamingo-install' });
  const sqlDir = o.sqlDir ?? defaultSqlDir();
  const problems = checkWebapp(o.webappDir, false);
  const manifest = problems.length ? undefined : readManifest(o.webappDir);
  if (!problems.length && !manifest) problems.push(`${path.join(o.webappDir, MANIFEST_PATH)} not found: Doflamingo is not installed in this webapp`);
  if (!existsSync(path.join(sqlDir, UNINSTALL_SQL))) problems.push(`${path.join(sqlDir, UNINSTALL_SQL)} not found`);
  const dbCheck = await databaseProblems(o.db);
  // Only missing tables or an unreachable server stop an uninstall; a missing MN001 or foreign rows do not.
  problems.push(...dbCheck.problems.filter((p) => dbCheck.unreachable || p.includes('table')));
  if (problems.length || !manifest) {
    throw new FlamingoInstallError(`cannot uninstall Doflamingo from ${o.webappDir}; nothing was changed`, {
      details: problems,
      retriable: dbCheck.unreachable,
    });
  }

  const configPath = path.join(o.webappDir, CONFIG_PATH);
  const current = readFileSync(configPath, 'utf8');
  const after = configAfterUninstall(current, manifest.config);
  const configState: UninstallReport['config'] = after.text === current ? 'unchanged' : after.exact ? 'restored' : 'undone';
  const present = manifest.files.filter((f) => existsSync(path.join(o.webappDir, f)));
  if (o.dryRun) {
    const rows = await withConnection(o.db, countMenuRows);
    log.info('dry run: nothing changed', { files: present.length, config: configState });
    return { dryRun: true, filesRemoved: present, menuRowsRemoved: rows, config: configState };
  }

  const removed = await withConnection(o.db, async (conn) => {
    const before = await countMenuRows(conn);
    await runSqlScript(conn, readSqlScript(sqlDir, UNINSTALL_SQL));
    const left = await countMenuRows(conn);
    return { menus: before.menus - left.menus, auth: before.auth - left.auth };
  });
  log.info('menu rows removed', removed);
  removeInstalled(o.webappDir, manifest.files, manifest.createdDirs);
  if (after.text !== current) writeFileSync(configPath, after.text);
  removeManifest(o.webappDir);
  log.info('uninstalled', { files: present.length, config: configState });
  return { dryRun: false, filesRemoved: present, menuRowsRemoved: removed, config: configState };
}
