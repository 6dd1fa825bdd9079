/**
 * The built panels (ui-sencha/dist/app/view/monitoring/{common,kafka,zookeeper}) and where they go in a
 * Flamingo 2 webapp: <webapp>/resources/app/view/monitoring/<same sub-folders>, because Flamingo
 * loads `Flamingo2.view.monitoring.kafka.Kafka` from resources/app/view/monitoring/kafka/Kafka.js.
 * Planning reads only; applying copies; paths in plans and manifests are webapp-relative, with `/`.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'fs';
import path from 'path';

export const PANEL_TARGET = 'resources/app/view/monitoring';
/** `common` holds the classes both panels use (live client, charts, texts, Chart.js). */
export const PANEL_DIRS = ['common', 'kafka', 'zookeeper'] as const;
/** Files that prove a build is there. */
export const PANEL_ENTRY_FILES = ['kafka/Kafka.js', 'zookeeper/ZooKeeper.js'];

export interface PanelPlan {
  /** Files to copy: `from` absolute, `to` webapp-relative. */
  copy: Array<{ from: string; to: string }>;
  /** Identical files that were there before Doflamingo (e.g. merged into Flamingo): left alone, not claimed. */
  alreadyPresent: string[];
  /** Different files in the way that Doflamingo did not install. */
  conflicts: string[];
  /** Folders the copy creates (webapp-relative), parents first. */
  createDirs: string[];
  /** Files a previous install added that this build no longer has. */
  stale: string[];
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? listFiles(p, base) : [path.relative(base, p).split(path.sep).join('/')];
    });
}

/** Problems with the build folder itself (missing, not built). */
export function checkPanelsDir(panelsDir: string): string[] {
  const missing = PANEL_ENTRY_FILES.filter((f) => !existsSync(path.join(panelsDir, f)));
  return missing.length ? [`${panelsDir} has no built panels (${missing.join(', ')} missing): run \`bash ui-sencha/build.sh\``] : [];
}

/** What copying the build into `webappDir` would do, given the files a previous install added. */
export function planPanels(panelsDir: string, webappDir: string, previouslyInstalled: readonly string[] = []): PanelPlan {
  const ours = new Set(previouslyInstalled);
  const plan: PanelPlan = { copy: [], alreadyPresent: [], conflicts: [], createDirs: [], stale: [] };
  const dirs = new Set<string>();
  const targets = new Set<string>();
  for (const sub of PANEL_DIRS) {
    const src = path.join(panelsDir, sub);
    if (!existsSync(src)) continue;
    for (const rel of listFiles(src)) {
      const from = path.join(src, rel);
      const to = `${PANEL_TARGET}/${sub}/${rel}`;
      const dest = path.join(webappDir, to);
      targets.add(to);
      if (existsSync(dest) && !ours.has(to)) {
        if (readFileSync(dest).equals(readFileSync(from))) plan.alreadyPresent.push(to);
        else plan.conflicts.push(to);
        continue;
      }
      plan.copy.push({ from, to });
      for (let d = path.posix.dirname(to); d !== '.' && !existsSync(path.join(webappDir, d)); d = path.posix.dirname(d)) dirs.add(d);
    }
  }
  plan.createDirs = [...dirs].sort((a, b) => a.length - b.length || a.localeCompare(b));
  plan.stale = previouslyInstalled.filter((f) => !targets.has(f));
  return plan;
}

/** Copies the planned files, creating their folders. */
export function applyPanels(plan: PanelPlan, webappDir: string): void {
  for (const { from, to } of plan.copy) {
    const dest = path.join(webappDir, to);
    mkdirSync(path.dirname(dest), { recursive: true });
    copyFileSync(from, dest);
  }
}

/** Removes the given webapp-relative files, then the given folders when empty (deepest first). */
export function removeInstalled(webappDir: string, files: readonly string[], dirs: readonly string[]): number {
  let removed = 0;
  for (const f of files) {
    const p = path.join(webappDir, f);
    if (existsSync(p)) {
      rmSync(p);
      removed++;
    }
  }
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    const p = path.join(webappDir, d);
    if (existsSync(p) && readdirSync(p).length === 0) rmdirSync(p);
  }
  return removed;
}
