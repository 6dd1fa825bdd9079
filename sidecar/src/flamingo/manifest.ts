/**
 * <webapp>/WEB-INF/doflamingo-install.json: what an install added, so that installing again gives the
 * same result and uninstall removes exactly that. It sits in WEB-INF, which the servlet container
 * never serves, next to config.properties (which holds the same values).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import path from 'path';
import { FlamingoInstallError } from './errors';
import type { ConfigChange } from './webapp-config';

export const MANIFEST_PATH = 'WEB-INF/doflamingo-install.json';

export interface InstallManifest {
  version: 1;
  installedAt: string;
  sidecarUrl: string;
  /** Webapp-relative files Doflamingo copied (and only those). */
  files: string[];
  /** Webapp-relative folders Doflamingo created. */
  createdDirs: string[];
  /** FL_COMM_MENU ids registered. */
  menuIds: string[];
  config: { original: string; installed: string; change: ConfigChange };
}

export function readManifest(webappDir: string): InstallManifest | undefined {
  const p = path.join(webappDir, MANIFEST_PATH);
  if (!existsSync(p)) return undefined;
  let m: unknown;
  try {
    m = JSON.parse(readFileSync(p, 'utf8'));
  } catch (err) {
    throw new FlamingoInstallError(`${p} is not valid JSON (${(err as Error).message}): fix or remove it by hand`);
  }
  const ok =
    typeof m === 'object' &&
    m !== null &&
    (m as InstallManifest).version === 1 &&
    Array.isArray((m as InstallManifest).files) &&
    typeof (m as InstallManifest).config?.original === 'string';
  if (!ok) throw new FlamingoInstallError(`${p} is not a Doflamingo install manifest (version 1)`);
  return m as InstallManifest;
}

export function writeManifest(webappDir: string, m: InstallManifest): void {
  writeFileSync(path.join(webappDir, MANIFEST_PATH), JSON.stringify(m, null, 2) + '\n');
}

export function removeManifest(webappDir: string): void {
  rmSync(path.join(webappDir, MANIFEST_PATH), { force: true });
}
