import { StatusStore } from '../../store/status-store';
import { silentLogger } from '../../log/logger';
import { ago, loadConfigOrEnv, openStore, table } from './shared';
import type { Command } from './types';

export const statusCommand: Command = {
  summary: 'last collection of every job and target, read from MySQL (FL_DOF_COLLECTOR_STATUS)',
  help: 'Exit code 0 when every target is up, 1 when some target is down or unknown.',
  async run(ctx) {
    const cfg = loadConfigOrEnv(ctx);
    const pool = await openStore(cfg);
    try {
      const rows = await new StatusStore(pool, silentLogger).readStatus();
      if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) ctx.out('no collection recorded yet (is `doflamingo serve` running?)');
      else
        ctx.out(
          table(
            ['JOB', 'CLUSTER', 'TARGET', 'STATE', 'LAST RUN', 'LAST OK', 'MS', 'RUNS', 'FAILS', 'SKIPPED', 'ERROR'],
            rows.map((r) => [
              r.job,
              r.clusterId,
              r.target || '(job)',
              r.state,
              ago(r.lastRunAt),
              ago(r.lastOkAt),
              String(r.lastDurationMs ?? '-'),
              String(r.runs),
              String(r.failures),
              String(r.skippedTicks ?? ''),
              (r.lastError ?? '').slice(0, 80),
            ]),
          ),
        );
      const bad = rows.filter((r) => r.target !== '' && r.state !== 'up');
      return bad.length > 0 ? 1 : 0;
    } finally {
      await pool.end();
    }
  },
};
