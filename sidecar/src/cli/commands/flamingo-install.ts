/** `install-flamingo` / `uninstall-flamingo`: register Doflamingo in a Flamingo 2 webapp + database. */
import path from 'path';
import mysql from 'mysql2/promise';
import { resolveSecret } from '../../config/load';
import type { Config } from '../../config/schema';
import { installFlamingo, uninstallFlamingo } from '../../flamingo/flamingo-webapp';
import { parseMysqlUrl } from '../../store/mysql-pool';
import { loadConfigOrEnv, mysqlUrl, packageRoot, UsageError } from './shared';
import type { Command, CommandContext } from './types';

async function connect(cfg: Config): Promise<mysql.Connection> {
  const u = parseMysqlUrl(mysqlUrl(cfg));
  const password = cfg.mysql.passwordEnv ? process.env[cfg.mysql.passwordEnv] : u.password;
  return mysql.createConnection({ host: u.host, port: u.port, user: u.user, password, database: u.database, multipleStatements: true, charset: 'utf8mb4' });
}

function webapp(ctx: CommandContext): string {
  const dir = ctx.values.webapp;
  if (typeof dir !== 'string' || !dir) throw new UsageError('--webapp DIR is required (the Flamingo 2 webapp folder holding WEB-INF/ and resources/)');
  return path.resolve(dir);
}

export const installFlamingoCommand: Command = {
  summary: 'install the panels, menu rows and sidecar address into a Flamingo 2 webapp and its database',
  help: 'Options: --webapp DIR (required), --sidecar-url URL (default http://<api.host>:<api.port>). The database is mysql.url / DOFLAMINGO_MYSQL_URL (Flamingo\'s).',
  options: { webapp: { type: 'string' }, 'sidecar-url': { type: 'string' } },
  async run(ctx) {
    const dir = webapp(ctx);
    const cfg = loadConfigOrEnv(ctx);
    const sidecarUrl = typeof ctx.values['sidecar-url'] === 'string' ? ctx.values['sidecar-url'] : `http://${cfg.api.host}:${cfg.api.port}`;
    const readToken = cfg.api.readToken ?? (cfg.api.readTokenEnv ? resolveSecret({ passwordEnv: cfg.api.readTokenEnv }) : undefined);
    const root = packageRoot();
    const db = await connect(cfg);
    try {
      const r = await installFlamingo({
        webappDir: dir,
        db,
        sidecarUrl,
        readToken,
        panelsDir: path.join(root, 'ui-sencha', 'dist', 'app', 'view', 'monitoring'),
        sqlDir: path.join(root, 'flamingo-plugin', 'sql'),
      });
      ctx.out(ctx.json ? JSON.stringify(r) : `${r.reinstall ? 're-installed' : 'installed'}: ${r.files} panel files, ${r.menuRows} menu rows, config keys ${r.configKeys.join(', ')} exposed`);
      return 0;
    } finally {
      await db.end();
    }
  },
};

export const uninstallFlamingoCommand: Command = {
  summary: 'remove everything install-flamingo added (files, menu rows, config keys)',
  options: { webapp: { type: 'string' } },
  async run(ctx) {
    const dir = webapp(ctx);
    const db = await connect(loadConfigOrEnv(ctx));
    try {
      const r = await uninstallFlamingo({ webappDir: dir, db, sqlDir: path.join(packageRoot(), 'flamingo-plugin', 'sql') });
      ctx.out(`uninstalled: ${r.files} files removed, menu rows removed, ${r.configRestored ? 'config.properties restored' : 'config.properties was edited since the install: remove the doflamingo.* keys by hand'}`);
      return 0;
    } finally {
      await db.end();
    }
  },
};
