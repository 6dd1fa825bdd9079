import { buildSidecar } from '../../app/root';
import { cliLogger, loadConfig, table, UsageError } from './shared';
import type { Command } from './types';

export const collectCommand: Command = {
  summary: 'collect every target once and write the samples to MySQL (--once)',
  options: { once: { type: 'boolean', default: false } },
  help: 'Runs discovery, the jmx, zookeeper and lag jobs once, waits until MySQL has the samples, prints each target.',
  async run(ctx) {
    if (!ctx.values.once) throw new UsageError('collect needs --once (use `doflamingo serve` to collect on the schedule)');
    const cfg = loadConfig(ctx);
    const sidecar = buildSidecar(cfg, cliLogger(cfg, ctx), { schedule: false, api: false });
    await sidecar.start();
    try {
      const r = await sidecar.collectOnce();
      const down = r.health.filter((h) => h.state !== 'up');
      if (ctx.json) ctx.out(JSON.stringify({ ...r, writer: sidecar.writerStats() }, null, 2));
      else {
        ctx.out(
          table(
            ['JOB', 'CLUSTER', 'TARGET', 'STATE', 'SAMPLES', 'MS', 'ERROR'],
            r.health.map((h) => [h.job, h.clusterId, h.target, h.state, String(h.samplesLastRun), String(h.lastDurationMs ?? '-'), h.lastError ?? '']),
          ),
        );
        ctx.out(`\n${r.written} samples written; ${down.length} target(s) not up`);
      }
      return down.length > 0 ? 1 : 0;
    } finally {
      await sidecar.stop();
    }
  },
};
