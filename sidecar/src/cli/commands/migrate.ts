import { migrate } from '../../store/migrate';
import { cliLogger, loadConfigOrEnv, openStore } from './shared';
import type { Command } from './types';

export const migrateCommand: Command = {
  summary: 'create or upgrade the FL_DOF_* tables in MySQL (idempotent)',
  help: 'Creates the database named in the MySQL URL when missing, then applies every pending migration of sql/migrations.',
  async run(ctx) {
    const cfg = loadConfigOrEnv(ctx);
    const pool = await openStore(cfg, true);
    try {
      const r = await migrate(pool, cliLogger(cfg, ctx));
      if (ctx.json) ctx.out(JSON.stringify(r));
      else if (r.applied.length === 0) ctx.out(`schema is up to date (version ${r.to})`);
      else ctx.out(`schema version ${r.from} -> ${r.to}; applied: ${r.applied.join(', ')}`);
      return 0;
    } finally {
      await pool.end();
    }
  },
};
