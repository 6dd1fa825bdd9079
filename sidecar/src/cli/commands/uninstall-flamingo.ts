/**
 * `doflamingo uninstall-flamingo --webapp DIR [--dry-run]`: removes exactly what install-flamingo added
 * (its manifest WEB-INF/doflamingo-install.json says what): files, menu rows, config keys.
 */
import path from 'path';
import { uninstallFlamingo } from '../../flamingo/installer';
import { flamingoPool, webappOption } from './install-flamingo';
import { cliLogger, loadConfigOrEnv, packageRoot } from './shared';
import type { Command } from './types';

const CONFIG_TEXT = {
  restored: 'config.properties restored byte for byte',
  undone: 'config.properties was edited since the install: only the doflamingo.* keys (and their web.expose.keys items) were taken out',
  unchanged: 'config.properties unchanged',
} as const;

export const uninstallFlamingoCommand: Command = {
  summary: 'remove everything install-flamingo added (files, menu rows, config keys)',
  help: 'Options: --webapp DIR (required), --dry-run (report, change nothing). Database as for install-flamingo.',
  options: { webapp: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  async run(ctx) {
    const webappDir = webappOption(ctx);
    const cfg = loadConfigOrEnv(ctx);
    const pool = flamingoPool(cfg);
    try {
      const r = await uninstallFlamingo({
        webappDir,
        db: pool,
        sqlDir: path.join(packageRoot(), 'flamingo-plugin', 'sql'),
        dryRun: ctx.values['dry-run'] === true,
        log: cliLogger(cfg, ctx),
      });
      const text = r.dryRun
        ? `dry run, nothing changed; would remove ${r.filesRemoved.length} files and ${r.menuRowsRemoved.menus} menu rows (${r.menuRowsRemoved.auth} auth rows); ${CONFIG_TEXT[r.config]}`
        : `uninstalled: ${r.filesRemoved.length} files removed, ${r.menuRowsRemoved.menus} menu rows and ${r.menuRowsRemoved.auth} auth rows removed, ${CONFIG_TEXT[r.config]}`;
      ctx.out(ctx.json ? JSON.stringify(r) : text);
      return 0;
    } finally {
      await pool.end().catch(() => undefined);
    }
  },
};
