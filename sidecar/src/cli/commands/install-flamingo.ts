/**
 * `doflamingo install-flamingo --webapp DIR [--sidecar-url URL] [--dry-run]`: registers Doflamingo in a
 * Flamingo 2 webapp folder and its database (see sidecar/src/flamingo/installer.ts).
 * The database is Flamingo's: mysql.url of the config file, or DOFLAMINGO_MYSQL_URL.
 */
import path from 'path';
import { resolveSecret } from '../../config/load';
import type { Config } from '../../config/schema';
import { installFlamingo, type InstallReport } from '../../flamingo/installer';
import { createPool } from '../../store/pool';
import { cliLogger, loadConfigOrEnv, mysqlUrl, packageRoot, UsageError } from './shared';
import type { Command, CommandContext } from './types';

/** The --webapp folder, resolved; a UsageError when missing. */
export function webappOption(ctx: CommandContext): string {
  const dir = ctx.values.webapp;
  if (typeof dir !== 'string' || !dir) throw new UsageError('--webapp DIR is required (the Flamingo 2 webapp folder holding WEB-INF/ and resources/)');
  return path.resolve(dir);
}

/** A one-connection pool on Flamingo's database, from the config (password from mysql.passwordEnv when set). */
export function flamingoPool(cfg: Config): ReturnType<typeof createPool> {
  const password = cfg.mysql.passwordEnv ? process.env[cfg.mysql.passwordEnv] : undefined;
  return createPool(mysqlUrl(cfg), password, { connectionLimit: 1 });
}

function summary(r: InstallReport): string {
  const head = r.dryRun ? 'dry run, nothing changed; would install' : r.reinstall ? 're-installed' : 'installed';
  return [
    `${head}: ${r.filesCopied.length} panel files under resources/app/view/monitoring/` +
      (r.filesAlreadyPresent.length ? ` (${r.filesAlreadyPresent.length} identical files already there, left alone)` : ''),
    `  menu rows (FL_COMM_MENU / FL_ADMIN_MENU_AUTH): ${r.menuRows.menus} / ${r.menuRows.auth}${r.dryRun ? ' now' : ''}`,
    `  config.properties: ${r.configKeys.join(', ')} set and listed in web.expose.keys${r.configChanged ? '' : ' (already so, file unchanged)'}`,
    `  manifest: ${r.manifest}`,
    r.dryRun ? '' : '  restart Flamingo (or reload the webapp) so it reads config.properties again',
  ]
    .filter(Boolean)
    .join('\n');
}

export const installFlamingoCommand: Command = {
  summary: 'install the panels, menu rows and sidecar address into a Flamingo 2 webapp and its database',
  help: [
    'Options:',
    '  --webapp DIR        the Flamingo 2 webapp folder (holding WEB-INF/config.properties and resources/app/)',
    '  --sidecar-url URL   sidecar address as the browser reaches it (default http://<api.host>:<api.port>)',
    '  --dry-run           check everything and report what would change; change nothing',
    "The database is Flamingo's: mysql.url in the config file, or DOFLAMINGO_MYSQL_URL.",
    'The sidecar READ token (api.readToken / api.readTokenEnv), if any, is exposed to the browser; the admin token never is.',
  ].join('\n'),
  options: { webapp: { type: 'string' }, 'sidecar-url': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  async run(ctx) {
    const webappDir = webappOption(ctx);
    const cfg = loadConfigOrEnv(ctx);
    const given = ctx.values['sidecar-url'];
    const sidecarUrl = typeof given === 'string' && given ? given : `http://${cfg.api.host}:${cfg.api.port}`;
    const readToken = cfg.api.readToken ?? (cfg.api.readTokenEnv ? resolveSecret({ passwordEnv: cfg.api.readTokenEnv }) : undefined);
    const pool = flamingoPool(cfg);
    try {
      const report = await installFlamingo({
        webappDir,
        db: pool,
        sidecarUrl,
        readToken: readToken || undefined,
        panelsDir: path.join(packageRoot(), 'ui-sencha', 'dist', 'app', 'view', 'monitoring'),
        sqlDir: path.join(packageRoot(), 'flamingo-plugin', 'sql'),
        dryRun: ctx.values['dry-run'] === true,
        log: cliLogger(cfg, ctx),
      });
      ctx.out(ctx.json ? JSON.stringify(report) : summary(report));
      return 0;
    } finally {
      await pool.end().catch(() => undefined);
    }
  },
};
